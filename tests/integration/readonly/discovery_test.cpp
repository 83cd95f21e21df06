// Finding the repository: -d (repeatable), strata.toml [repository] in the working directory or a parent,
// ./migrations; and saying what to do when there is none.
#include "readonly_test.hpp"

namespace strata::testing {
namespace {

TEST(Discovery, NoRepositorySaysWhatToDo) {
  TempDir dir;
  const auto result = run_strata({"heads"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "error: no migration repository found: pass -d DIR, set [repository] path in strata.toml, or run "
            "'strata init' to create one\n");
  const auto json = run_strata({"heads", "--json"}, {.cwd = dir.path()});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_EQ(json_of(json)["error"]["code"], "no_repository");
}

TEST(Discovery, MigrationsFolderIsTheDefault) {
  TempDir dir;
  write_native(dir.path() / "migrations", {.id = "aaaa00000001", .message = "one"});
  const auto result = run_strata({"heads"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "aaaa00000001 (head)\n");
}

TEST(Discovery, ConfigInAParentFolderNamesTheRepository) {
  TempDir dir;
  dir.write("strata.toml", "[repository]\npath = \"db/migrations\"\n");
  write_native(dir.path() / "db/migrations", {.id = "aaaa00000001", .message = "one"});
  std::filesystem::create_directories(dir.path() / "src/deep");
  const auto result = run_strata({"heads"}, {.cwd = dir.path() / "src/deep"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "aaaa00000001 (head)\n");
}

TEST(Discovery, SeveralLocationsMakeOneGraph) {
  TempDir dir;
  dir.write("strata.toml", "[repository]\npaths = [\"one\", \"two\"]\n");
  write_native(dir.path() / "one", {.id = "aaaa00000001", .message = "one"});
  write_native(dir.path() / "two", {.id = "bbbb00000002", .revises = {"aaaa00000001"}, .message = "two"});
  const auto from_config = run_strata({"heads"}, {.cwd = dir.path()});
  EXPECT_EQ(from_config.exit_code, 0) << describe(from_config);
  EXPECT_EQ(from_config.out, "bbbb00000002 (head)\n");
  const auto from_flags = run_strata({"-d", "one", "--dir", "two", "history"}, {.cwd = dir.path()});
  EXPECT_EQ(from_flags.exit_code, 0) << describe(from_flags);
  EXPECT_EQ(from_flags.out, "aaaa00000001 -> bbbb00000002 (head), two\n<base> -> aaaa00000001, one\n");
}

TEST(Discovery, DirOverridesTheConfig) {
  TempDir dir;
  dir.write("strata.toml", "[repository]\npath = \"missing\"\n");
  write_native(dir.path() / "other", {.id = "aaaa00000001", .message = "one"});
  const auto result = run_strata({"-d", "other", "heads"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "aaaa00000001 (head)\n");
}

TEST(Discovery, BadConfigIsAUsageErrorNamingTheLine) {
  TempDir dir;
  dir.write("strata.toml", "[repository]\npath = \n");
  const auto syntax = run_strata({"heads"}, {.cwd = dir.path()});
  EXPECT_EQ(syntax.exit_code, 2) << describe(syntax);
  EXPECT_EQ(syntax.err, "error: strata.toml:2:8: Error while parsing key-value pair: expected value, saw '\\n'\n");
  dir.write("strata.toml", "[repository]\npaht = \"x\"\n");
  const auto key = run_strata({"heads", "--json"}, {.cwd = dir.path()});
  EXPECT_EQ(key.exit_code, 2) << describe(key);
  EXPECT_EQ(json_of(key)["error"]["message"],
            "strata.toml:2: unknown key 'paht' in [repository]; expected path, paths or skip_unreadable");
}

TEST(Discovery, ConfigWithoutRepositoryAndNoMigrationsFolder) {
  TempDir dir;
  dir.write("strata.toml", "[databases.main]\nurl = \"sqlite:x.db\"\n");
  const auto result = run_strata({"history"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: no migration repository found: pass -d DIR, set [repository] path in strata.toml, or run "
            "'strata init' to create one\n");
}

TEST(Discovery, MissingConfigFileIsAUsageError) {
  TempDir dir;
  const auto result = run_strata({"--config", "nope.toml", "heads"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: config file 'nope.toml' does not exist\n");
}

TEST(Discovery, AlembicNamesFromTheConfigAreUsed) {
  TempDir dir;
  dir.copy_from(cli_fixtures() / "alembic_unreadable", "project");
  dir.write("project/strata.toml",
            "[repository]\npath = \"versions\"\n\n[alembic.names]\n\"cli.EXPAND_BRANCH\" = \"expand\"\n");
  const auto result = run_strata({"heads"}, {.cwd = dir.path() / "project"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "4c2f9a3b0d12 (expand) (head)\n");
  EXPECT_EQ(result.err, "");
}

TEST(Discovery, UnreadableAlembicFieldStopsGraphCommandsUnlessSkipped) {
  const auto refused = in_fixtures({"-d", "alembic_unreadable", "heads"});
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(refused.err,
            "error: alembic_unreadable/versions/4c2f9a3b0d12_expand.py:10: branch_labels = (cli.EXPAND_BRANCH,) is "
            "not statically readable (cli.EXPAND_BRANCH is not a literal); give the value of cli.EXPAND_BRANCH in "
            "strata.toml [alembic.names], or pass --skip-unreadable to load branch_labels as empty\n");

  const auto skipped = in_fixtures({"-d", "alembic_unreadable", "heads", "--skip-unreadable"});
  EXPECT_EQ(skipped.exit_code, 0) << describe(skipped);
  EXPECT_EQ(skipped.out, "4c2f9a3b0d12 (head)\n");
  EXPECT_EQ(skipped.err,
            "warning: alembic_unreadable/versions/4c2f9a3b0d12_expand.py:10: branch_labels = (cli.EXPAND_BRANCH,) "
            "is not statically readable (cli.EXPAND_BRANCH is not a literal); loaded with branch_labels empty "
            "(--skip-unreadable)\n");
}

TEST(Discovery, MissingDirIsARepositoryError) {
  const auto result = in_fixtures({"-d", "nope", "heads"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err,
            "error: nope: no such migrations folder; create it (strata init) or fix [repository] path in "
            "strata.toml or -d\n");
}

}  // namespace
}  // namespace strata::testing
