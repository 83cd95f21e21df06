// repo::write_new_revisions: ids from the given random source, `created` from the given clock, several revisions
// in one call (a later one revising an earlier one), and nothing written when the result is not a valid graph.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "strata/core/error.hpp"
#include "strata/repo/new_revision.hpp"
#include "migration_texts.hpp"
#include "support/temp_dir.hpp"

namespace strata::repo {
namespace {

using TempTree = ::strata::testing::TempDir;

using ::strata::testing::read_file;

WriteOptions fixed_options(const std::filesystem::path& cwd) {
  WriteOptions options;
  options.now = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));  // 2026-01-01T00:00:00Z
  auto next = std::make_shared<std::uint64_t>(0xa1);
  options.random = [next] { return (*next)++; };
  options.working_directory = cwd;
  return options;
}

Repository load(const TempTree& tree) {
  RepositoryOptions options;
  options.locations = {tree.path() / "migrations"};
  return Repository::load(options);
}

TEST(NewRevision, WritesSeveralRevisionsInALineWithTheGivenClockAndRandomSource) {
  TempTree tree;
  tree.write("migrations/000000000001_base.sql", "-- revision: 000000000001\n-- revises:\n\n-- +up\nSELECT 1;\n");
  const auto repository = load(tree);
  std::vector<NewRevision> revisions(2);
  revisions[0].revises = {"000000000001"};
  revisions[0].message = "main";
  revisions[0].up_sql = "SELECT 2;\n";
  revisions[1].message = "after";
  const auto options = fixed_options(tree.path());
  // The second revises the first, whose id is chosen first.
  revisions[1].id = unused_id(repository.graph(), options.random, {"0000000000a1"});
  revisions[1].revises = {"0000000000a3"};
  const auto written = write_new_revisions(repository, revisions, options);
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(revisions[0].id, "0000000000a3");
  EXPECT_EQ(revisions[1].id, "0000000000a2");
  EXPECT_EQ(written[0], tree.path() / "migrations" / "0000000000a3_main.sql");
  EXPECT_EQ(read_file(written[0]),
            "-- revision: 0000000000a3\n-- revises: 000000000001\n-- message: main\n-- created: 2026-01-01T00:00:00Z\n"
            "\n-- +up\nSELECT 2;\n\n-- +down\n"
            "-- Write the SQL that undoes the up section here. If there is nothing to undo, make the first line of\n"
            "-- this section `-- strata: no-op` (a down section without statements is otherwise refused).\n");
  EXPECT_NE(read_file(written[1]).find("-- revises: 0000000000a3\n"), std::string::npos);
}

TEST(NewRevision, AnInvalidGraphWritesNothing) {
  TempTree tree;
  tree.write("migrations/000000000001_base.sql", "-- revision: 000000000001\n-- revises:\n\n-- +up\nSELECT 1;\n");
  const auto repository = load(tree);
  std::vector<NewRevision> revisions(2);
  revisions[0].revises = {"000000000001"};
  revisions[1].revises = {"ffffffffffff"};  // unknown
  EXPECT_THROW(write_new_revisions(repository, revisions, fixed_options(tree.path())), GraphError);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(tree.path() / "migrations")) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(NewRevision, FormatsTheCreatedTimeInUtc) {
  EXPECT_EQ(iso8601_utc(std::chrono::system_clock::time_point(std::chrono::seconds(1767225600))),
            "2026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace strata::repo
