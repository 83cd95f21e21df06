// The shared fixtures (tests/fixtures) and the example project load as their README says: keeps them honest for
// the integration tests that rely on them.
#include <gtest/gtest.h>

#include <string>

#include "strata/core/error.hpp"
#include "strata/repo/repository.hpp"
#include "support/expect_error.hpp"

namespace strata::repo {
namespace {

using ::strata::testing::expect_error;
using Strings = std::vector<std::string>;

const std::filesystem::path k_fixtures = STRATA_FIXTURES_DIR;
const std::filesystem::path k_examples = STRATA_EXAMPLES_DIR;

RepositoryOptions at(const std::filesystem::path& location, AlembicNames names = {}) {
  RepositoryOptions options;
  options.locations = {location};
  options.alembic_names = std::move(names);
  // No working directory: the locations are absolute, and so are the paths shown.
  return options;
}

Strings head_ids(const Repository& repository) {
  Strings ids;
  for (const auto head : repository.graph().heads()) ids.push_back(repository.graph().id(head));
  return ids;
}

TEST(Fixtures, NativeRepositories) {
  EXPECT_EQ(head_ids(Repository::load(at(k_fixtures / "native/linear"))), Strings{"c3d4e5f6a1b2"});
  const auto branchy = Repository::load(at(k_fixtures / "native/branchy"));
  EXPECT_EQ(head_ids(branchy), Strings{"50ee00000005"});
  EXPECT_EQ(branchy.files().size(), 5u);
  EXPECT_EQ(head_ids(Repository::load(at(k_fixtures / "native/labels"))), (Strings{"0a0a0a0a0002", "0b0b0b0b0002"}));
  EXPECT_EQ(head_ids(Repository::load(at(k_fixtures / "native/multiple_heads"))),
            (Strings{"2222bbbb0002", "3333cccc0003"}));
  const auto none = Repository::load(at(k_fixtures / "native/transaction_none"));
  EXPECT_EQ(none.file(1).transaction, TransactionMode::none);
}

TEST(Fixtures, BrokenNativeRepositories) {
  expect_error([&] { (void)Repository::load(at(k_fixtures / "native/bad_unknown_key")); }, ErrorCode::parse_error);
  expect_error([&] { (void)Repository::load(at(k_fixtures / "native/bad_missing_up")); }, ErrorCode::parse_error);
  expect_error([&] { (void)Repository::load(at(k_fixtures / "native/bad_text_before_header")); },
               ErrorCode::parse_error);
  expect_error([&] { (void)Repository::load(at(k_fixtures / "native/bad_duplicate_id")); },
               ErrorCode::duplicate_revision);
  expect_error([&] { (void)Repository::load(at(k_fixtures / "native/bad_dangling_parent")); },
               ErrorCode::unknown_parent);
  expect_error([&] { (void)Repository::load(at(k_fixtures / "native/bad_cycle")); }, ErrorCode::cycle);
}

TEST(Fixtures, AlembicSimple) {
  const auto repository = Repository::load(at(k_fixtures / "alembic/simple"));
  EXPECT_EQ(repository.layouts(), std::vector<Layout>{Layout::alembic});
  EXPECT_EQ(head_ids(repository), Strings{"27c6a30d7c24"});
  Strings messages;
  for (const auto& file : repository.files()) messages.push_back(file.revision.message);
  EXPECT_EQ(messages, (Strings{"create account table", "add login count", "Add a column"}));
}

TEST(Fixtures, AlembicAnnotated) {
  const auto repository = Repository::load(at(k_fixtures / "alembic/annotated"));
  EXPECT_EQ(head_ids(repository), Strings{"b2c3d4e5f6a7"});
  const auto merge = repository.graph().find("9c1f0e2d3b4a");
  ASSERT_TRUE(merge.has_value());
  EXPECT_EQ(repository.file(*merge).revision.revises, (Strings{"4fd1a2b3c4d5", "7a8b9c0d1e2f"}));
  const auto audit = repository.graph().find("b2c3d4e5f6a7");
  EXPECT_EQ(repository.file(*audit).revision.depends_on, Strings{"4fd1a2b3c4d5"});
}

TEST(Fixtures, AlembicOpenStackLabels) {
  const auto folder = k_fixtures / "alembic/openstack_labels";
  const auto scan = scan_repository(at(folder));
  ASSERT_EQ(scan.problems.size(), 2u);
  EXPECT_EQ(std::string(to_string(scan.problems[0].code)), "not_statically_readable");
  const auto repository =
      Repository::load(at(folder, {{"cli.EXPAND_BRANCH", "expand"}, {"cli.CONTRACT_BRANCH", "contract"}}));
  EXPECT_EQ(head_ids(repository), (Strings{"4ffceebfada", "0e66c5227a8a"}));
  EXPECT_EQ(repository.graph().labels(*repository.graph().find("0e66c5227a8a")), Strings{"expand"});
}

TEST(Fixtures, AlembicUnreadable) {
  const auto scan = scan_repository(at(k_fixtures / "alembic/unreadable"));
  ASSERT_EQ(scan.problems.size(), 2u);
  auto options = at(k_fixtures / "alembic/unreadable");
  options.skip_unreadable = true;
  const auto repository = Repository::load(options);
  EXPECT_EQ(repository.warnings().size(), 2u);
}

TEST(Examples, TheExampleProjectHasOneHead) {
  const auto repository = Repository::load(at(k_examples / "migrations"));
  EXPECT_EQ(repository.files().size(), 8u);
  EXPECT_EQ(head_ids(repository), Strings{"5f3c2a1b9e04"});
  for (const auto& file : repository.files()) EXPECT_TRUE(file.down.has_value()) << file.revision.path;
}

}  // namespace
}  // namespace strata::repo
