#include <gtest/gtest.h>

#include <string>

#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/repository.hpp"
#include "migration_texts.hpp"
#include "support/temp_dir.hpp"
#include "support/expect_error.hpp"

namespace strata::repo {
namespace {

using ::strata::testing::expect_error;

using testing::alembic;
using testing::native;
using TempTree = ::strata::testing::TempDir;
using Strings = std::vector<std::string>;

Strings paths_of(const Scan& scan) {
  Strings paths;
  for (const auto& file : scan.files) paths.push_back(file.revision.path);
  return paths;
}

// Locations as a user in `tree` would name them: relative ones start from it, and shown paths are relative to it.
RepositoryOptions at(const TempTree& tree, std::vector<std::filesystem::path> locations) {
  RepositoryOptions options;
  options.locations = std::move(locations);
  options.working_directory = tree.path();
  return options;
}

TEST(ScanRepository, NativeFolderIsScannedRecursivelyInSortedOrder) {
  TempTree tree;
  tree.write("migrations/b.sql", native("b", "a_b"));
  tree.write("migrations/a_b.sql", native("a_b", "z"));
  tree.write("migrations/a/z.sql", native("z"));
  tree.write("migrations/.hidden.sql", "garbage");
  tree.write("migrations/.#b.sql", "garbage");
  tree.write("migrations/.git/x.sql", "garbage");
  tree.write("migrations/README.md", "garbage");
  tree.write("migrations/helper.py", "garbage");
  const auto scan = scan_repository(at(tree, {"migrations"}));
  EXPECT_TRUE(scan.problems.empty());
  EXPECT_EQ(paths_of(scan), (Strings{"migrations/a/z.sql", "migrations/a_b.sql", "migrations/b.sql"}));
  EXPECT_EQ(scan.layouts, std::vector<Layout>{Layout::native});
  EXPECT_EQ(scan.version_dirs, std::vector<std::filesystem::path>{tree.path() / "migrations"});
}

TEST(ScanRepository, EmptyFolderIsANativeRepository) {
  TempTree tree;
  tree.mkdir("migrations");
  const auto scan = scan_repository(at(tree, {"migrations"}));
  EXPECT_TRUE(scan.files.empty());
  EXPECT_EQ(scan.layouts, std::vector<Layout>{Layout::native});
}

TEST(ScanRepository, AlembicScriptFolderWithEnvPyReadsVersions) {
  TempTree tree;
  tree.write("alembic/env.py", "from alembic import context\n");
  tree.write("alembic/script.py.mako", "");
  tree.write("alembic/versions/2_second.py", alembic("2", "'1'"));
  tree.write("alembic/versions/1_first.py", alembic("1"));
  tree.write("alembic/versions/__init__.py", "");
  tree.write("alembic/versions/__pycache__/1_first.cpython-311.py", "garbage");
  tree.write("alembic/versions/.#2_second.py", "garbage");
  const auto scan = scan_repository(at(tree, {"alembic"}));
  EXPECT_TRUE(scan.problems.empty());
  EXPECT_EQ(paths_of(scan), (Strings{"alembic/versions/1_first.py", "alembic/versions/2_second.py"}));
  EXPECT_EQ(scan.layouts, std::vector<Layout>{Layout::alembic});
  EXPECT_EQ(scan.version_dirs, std::vector<std::filesystem::path>{tree.path() / "alembic" / "versions"});
  EXPECT_EQ(scan.files[1].kind, SourceKind::alembic_python);
  EXPECT_EQ(scan.files[1].revision.revises, Strings{"1"});
}

TEST(ScanRepository, AlembicVersionsFolderGivenDirectly) {
  TempTree tree;
  tree.write("alembic/versions/1_first.py", alembic("1"));
  tree.write("alembic/versions/sub/2_second.py", alembic("2", "'1'"));
  const auto scan = scan_repository(at(tree, {"alembic/versions"}));
  EXPECT_EQ(paths_of(scan), (Strings{"alembic/versions/1_first.py", "alembic/versions/sub/2_second.py"}));
  EXPECT_EQ(scan.layouts, std::vector<Layout>{Layout::alembic});
}

TEST(ScanRepository, SeveralLocationsLoadInLocationOrder) {
  TempTree tree;
  tree.write("second/a.sql", native("s1"));
  tree.write("first/z.sql", native("f1"));
  tree.write("alembic/versions/x.py", alembic("p1"));
  const auto scan = scan_repository(at(tree, {"first", "alembic/versions", "second", tree.path() / "first"}));
  EXPECT_EQ(paths_of(scan), (Strings{"first/z.sql", "alembic/versions/x.py", "second/a.sql"}));
  EXPECT_EQ(scan.layouts, (std::vector<Layout>{Layout::native, Layout::alembic, Layout::native}));
  EXPECT_EQ(scan.warnings, Strings{"first: location given twice; reading it once"});
}

TEST(ScanRepository, CollectsEveryProblemAndKeepsTheGoodFiles) {
  TempTree tree;
  tree.write("m/1.sql", native("a1"));
  tree.write("m/2.sql", "-- revision: a2\n-- revisess: a1\n-- +up\n");
  tree.write("m/3.sql", "SELECT 1;\n");
  const auto scan = scan_repository(at(tree, {"m"}));
  EXPECT_EQ(paths_of(scan), Strings{"m/1.sql"});
  ASSERT_EQ(scan.problems.size(), 2u);
  EXPECT_EQ(std::string(to_string(scan.problems[0].code)), "parse_error");
  EXPECT_EQ(scan.problems[0].message, "m/2.sql:2: unknown header key 'revisess'; did you mean 'revises'?");
  EXPECT_EQ(scan.problems[0].paths, Strings{"m/2.sql"});
  EXPECT_EQ(scan.problems[1].message,
            "m/3.sql:1: text before the header; a migration file starts with '-- revision: <id>' header lines");
}

TEST(ScanRepository, UnreadableAlembicFieldIsAProblem) {
  TempTree tree;
  tree.write("versions/1_a.py", alembic("a1", "None", "branch_labels = (cli.EXPAND_BRANCH,)\n"));
  tree.write("versions/2_b.py", alembic("b2", "compute()"));
  tree.write("versions/3_c.py", alembic("c3", "('b2', parent())"));
  const auto scan = scan_repository(at(tree, {"versions"}));
  ASSERT_EQ(scan.problems.size(), 3u);
  EXPECT_EQ(std::string(to_string(scan.problems[0].code)), "not_statically_readable");
  EXPECT_EQ(scan.problems[0].message,
            "versions/1_a.py:6: branch_labels = (cli.EXPAND_BRANCH,) is not statically readable "
            "(cli.EXPAND_BRANCH is not a literal); give the value of cli.EXPAND_BRANCH in strata.toml "
            "[alembic.names], or pass --skip-unreadable to load branch_labels as empty");
  EXPECT_EQ(scan.problems[0].revisions, Strings{"a1"});
  EXPECT_EQ(scan.problems[1].message,
            "versions/2_b.py:5: down_revision = compute() is not statically readable; write it as a literal, or "
            "pass --skip-unreadable to load down_revision as empty");
  EXPECT_EQ(scan.problems[2].message,
            "versions/3_c.py:5: down_revision = ('b2', parent()) is not statically readable (parent() is not a "
            "literal); write it as a literal, or pass --skip-unreadable to load down_revision as empty");
  EXPECT_EQ(scan.files.size(), 3u);
}

TEST(ScanRepository, SkipUnreadableWarnsAndLoadsTheFieldEmpty) {
  TempTree tree;
  tree.write("versions/1_a.py", alembic("a1", "cli.BASE"));
  auto options = at(tree, {"versions"});
  options.skip_unreadable = true;
  const auto scan = scan_repository(options);
  EXPECT_TRUE(scan.problems.empty());
  EXPECT_EQ(scan.warnings,
            Strings{"versions/1_a.py:5: down_revision = cli.BASE is not statically readable; loaded with "
                    "down_revision empty (--skip-unreadable)"});
  EXPECT_TRUE(scan.files.at(0).revision.revises.empty());
}

TEST(ScanRepository, ConfiguredNamesAreSubstituted) {
  TempTree tree;
  tree.write("versions/1_a.py", alembic("a1", "None", "branch_labels = (cli.EXPAND_BRANCH,)\n"));
  auto options = at(tree, {"versions"});
  options.alembic_names = {{"cli.EXPAND_BRANCH", "expand"}};
  const auto scan = scan_repository(options);
  EXPECT_TRUE(scan.problems.empty());
  EXPECT_EQ(scan.files.at(0).revision.branch_labels, Strings{"expand"});
}

TEST(ScanRepository, MissingLocation) {
  TempTree tree;
  expect_error<RepositoryError>(
      [&] { scan_repository(at(tree, {"nowhere"})); }, ErrorCode::missing_location,
      "nowhere: no such migrations folder; create it (strata init) or fix [repository] path in strata.toml "
      "or -d");
}

TEST(ScanRepository, LocationThatIsAFileOrAnAlembicFolderWithoutVersions) {
  TempTree tree;
  tree.write("file.sql", native("a"));
  tree.write("alembic/env.py", "");
  expect_error([&] { (void)Repository::load(at(tree, {"file.sql"})); }, ErrorCode::missing_location,
               "file.sql: is not a folder; a repository location is a folder of migrations");
  expect_error([&] { (void)Repository::load(at(tree, {"alembic"})); }, ErrorCode::missing_location,
               "alembic: has env.py (an Alembic folder) but no versions/ folder");
}

TEST(ScanRepository, PathsOutsideTheWorkingDirectoryAreAbsolute) {
  TempTree outside;
  outside.write("m/a.sql", native("a"));
  const auto folder = outside.path() / "m";
  TempTree inside;  // the working directory
  const auto scan = scan_repository(at(inside, {folder}));
  EXPECT_EQ(paths_of(scan), Strings{(folder / "a.sql").generic_string()});
}

TEST(RepositoryLoad, BuildsTheGraph) {
  TempTree tree;
  tree.write("migrations/1.sql", native("a1"));
  tree.write("migrations/2.sql", native("b2", "a1"));
  tree.write("migrations/3.sql", native("c3", "a1", "-- branch-labels: side\n"));
  const auto repository = Repository::load(at(tree, {"migrations"}));
  EXPECT_EQ(repository.files().size(), 3u);
  EXPECT_EQ(repository.graph().size(), 3u);
  const auto heads = repository.graph().heads();
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_EQ(repository.graph().id(heads[0]), "b2");
  EXPECT_EQ(repository.file(heads[1]).revision.path, "migrations/3.sql");
  EXPECT_EQ(repository.layouts(), std::vector<Layout>{Layout::native});
}

TEST(RepositoryLoad, ThrowsTheFirstParseError) {
  TempTree tree;
  tree.write("m/1.sql", "-- revision: a\n-- +up\n-- +up\n");
  tree.write("m/2.sql", "junk\n");
  expect_error([&] { (void)Repository::load(at(tree, {"m"})); }, ErrorCode::parse_error,
               "m/1.sql:3: a second '-- +up' marker (the first is on line 2); a file has one up section");
}

TEST(RepositoryLoad, ThrowsOnAnUnreadableField) {
  TempTree tree;
  tree.write("versions/1_a.py", alembic("a1", "cli.BASE"));
  {
    const auto error = expect_error<RepositoryError>(
        [&] { (void)Repository::load(at(tree, {"versions"})); }, ErrorCode::not_statically_readable,
        "versions/1_a.py:5: down_revision = cli.BASE is not statically readable; give the value of cli.BASE in "
        "strata.toml [alembic.names], or pass --skip-unreadable to load down_revision as empty");
    EXPECT_EQ(error.path(), "versions/1_a.py");
    EXPECT_EQ(error.line(), 5);
  }
}

TEST(RepositoryLoad, GraphProblemsAreGraphErrors) {
  TempTree tree;
  tree.write("m/1.sql", native("a1"));
  tree.write("m/2.sql", native("a1"));
  EXPECT_THROW(Repository::load(at(tree, {"m"})), GraphError);
}

TEST(DisplayPath, RelativeInsideAbsoluteOutside) {
  EXPECT_EQ(util::display_path("/work/p/migrations/a.sql", "/work/p"), "migrations/a.sql");
  EXPECT_EQ(util::display_path("migrations/../m/a.sql", "/work/p"), "m/a.sql");
  EXPECT_EQ(util::display_path("/work/other/a.sql", "/work/p"), "/work/other/a.sql");
  EXPECT_EQ(util::display_path("/work/p2/a.sql", "/work/p"), "/work/p2/a.sql");
  EXPECT_EQ(util::display_path("../q/a.sql", "/work/p"), "/work/q/a.sql");
  EXPECT_EQ(util::display_path("/work/p", "/work/p/"), ".");
}

}  // namespace
}  // namespace strata::repo
