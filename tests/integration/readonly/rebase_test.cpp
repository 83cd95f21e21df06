// strata rebase on native folders (git fixtures: the two-branches-on-one-parent case, a published revision, an
// applied revision) and merge/rebase on Alembic folders, whose results Alembic 1.8.1 itself then loads.
#include "readonly_test.hpp"
#include "support/git.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

void git(const fs::path& dir, const std::vector<std::string>& args) {
  const auto result = run_git(dir, args);
  ASSERT_EQ(result.exit_code, 0) << describe(result);
}

RunResult strata_in(const fs::path& dir, std::vector<std::string> args) {
  args.push_back("-d");
  args.push_back("migrations");
  return run_strata(args, {.cwd = dir});
}

// main: a <- b <- d; feature: b <- c, then main merged into feature: two heads, c and d.
class NativeRebase : public ::testing::Test {
protected:
  void SetUp() override {
    git(dir(), {"init", "-q", "-b", "main"});
    write_native(migrations(), {.id = "aaaa00000001", .message = "create users"});
    write_native(migrations(), {.id = "bbbb00000002", .revises = {"aaaa00000001"}, .message = "add email"});
    git(dir(), {"add", "-A"});
    git(dir(), {"commit", "-q", "-m", "base"});
    git(dir(), {"checkout", "-q", "-b", "feature"});
    write_native(migrations(), {.id = "cccc00000003", .revises = {"bbbb00000002"}, .message = "add orders"});
    git(dir(), {"add", "-A"});
    git(dir(), {"commit", "-q", "-m", "feature"});
    git(dir(), {"checkout", "-q", "main"});
    write_native(migrations(), {.id = "dddd00000004", .revises = {"bbbb00000002"}, .message = "add phone"});
    git(dir(), {"add", "-A"});
    git(dir(), {"commit", "-q", "-m", "main"});
    git(dir(), {"checkout", "-q", "feature"});
    git(dir(), {"merge", "-q", "--no-edit", "main"});
  }
  const fs::path& dir() const { return m_dir.path(); }
  fs::path migrations() const { return dir() / "migrations"; }

  TempDir m_dir;
};

TEST_F(NativeRebase, MovesTheUnpublishedBranchOntoMainsHead) {
  EXPECT_EQ(strata_in(dir(), {"check"}).exit_code, 1);
  const auto before = read_file(migrations() / "cccc00000003_rev.sql");
  const auto dry =
      strata_in(dir(), {"rebase", "cccc00000003", "--onto", "dddd00000004", "--dry-run", "--against", "main"});
  EXPECT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_EQ(dry.out,
            "would rewrite migrations/cccc00000003_rev.sql: cccc00000003 revises dddd00000004 (was bbbb00000002)\n"
            "moved: cccc00000003\n"
            "the new graph:\n"
            "  dddd00000004 -> cccc00000003, add orders\n"
            "databases checked: 0\n");
  EXPECT_EQ(read_file(migrations() / "cccc00000003_rev.sql"), before);
  const auto result = strata_in(dir(), {"rebase", "cccc00000003", "--onto", "dddd00000004", "--against", "main"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  // Only the revises line changed.
  auto expected = before;
  expected.replace(expected.find("-- revises: bbbb00000002"), 24, "-- revises: dddd00000004");
  EXPECT_EQ(read_file(migrations() / "cccc00000003_rev.sql"), expected);
  const auto check = strata_in(dir(), {"check", "--against", "main"});
  EXPECT_EQ(check.exit_code, 0) << describe(check);
}

TEST_F(NativeRebase, RefusesToMoveAPublishedRevision) {
  const auto result = strata_in(dir(), {"rebase", "dddd00000004", "--onto", "cccc00000003", "--against", "main"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: cannot rebase dddd00000004: dddd00000004 exists at main (published), so a database may have "
            "applied it; nothing was changed\nhint: add a merge revision instead: `strata merge cccc00000003 "
            "dddd00000004 -m \"merge\"`\n");
}

TEST_F(NativeRebase, RefusesToMoveARevisionADatabaseApplied) {
  write_file(dir() / "strata.toml",
             "[repository]\npath = \"migrations\"\n\n[databases.dev]\nurl = "
             "\"sqlite:dev.db\"\n\n[databases.gone]\nurl = \"sqlite:missing.db\"\n");
  const auto upgrade = run_strata({"upgrade", "cccc00000003", "--db", "dev"}, {.cwd = dir()});
  ASSERT_EQ(upgrade.exit_code, 0) << describe(upgrade);
  const auto before = read_file(migrations() / "cccc00000003_rev.sql");
  const auto result = run_strata({"rebase", "cccc00000003", "--onto", "dddd00000004"}, {.cwd = dir()});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: cannot rebase cccc00000003: database dev (sqlite:dev.db) has applied cccc00000003, which the "
            "rebase would move; nothing was changed\nhint: add a merge revision instead: `strata merge dddd00000004 "
            "cccc00000003 -m \"merge\"`\n");
  EXPECT_EQ(read_file(migrations() / "cccc00000003_rev.sql"), before);
  // Another revision moves; the unreachable database is named.
  write_native(migrations(), {.id = "eeee00000005", .revises = {"dddd00000004"}, .message = "late"});
  const auto other = run_strata({"rebase", "eeee00000005", "--onto", "cccc00000003"}, {.cwd = dir()});
  EXPECT_EQ(other.exit_code, 0) << describe(other);
  EXPECT_NE(other.out.find("databases checked: 1; could not check gone (sqlite:missing.db): database_missing\n"),
            std::string::npos)
      << other.out;
}

// Alembic 1.8.1 loads a folder and prints its heads and each revision's down_revision.
std::string alembic_graph(const fs::path& folder) {
  const auto result =
      run_program("/usr/bin/python3", {"-c",
                                       "from alembic.script import ScriptDirectory\n"
                                       "s = ScriptDirectory('" +
                                           folder.string() +
                                           "')\n"
                                           "print('heads', sorted(s.get_heads()))\n"
                                           "for r in sorted(s.walk_revisions(), key=lambda r: r.revision):\n"
                                           "    print(r.revision, r.down_revision)\n"});
  return result.out + result.err;
}

TEST(AlembicAuthoring, MergeWritesAFileAlembicLoads) {
  TempDir temp;
  const auto folder = temp.copy_from(cli_fixtures() / "alembic", "alembic");
  // Two heads: the labelled branch 'shoppingcart' and the unlabelled one, which `heads` lists and merge joins.
  const auto heads = run_strata({"-d", "alembic", "heads"}, {.cwd = temp.path()});
  EXPECT_EQ(heads.out, "1975ea83b712 (shoppingcart) (head)\nae1027a6acf (head)\n") << describe(heads);
  const auto merge = run_strata(
      {"-d", "alembic", "merge", "1975ea83b712", "ae1027a6acf", "-m", "merge heads", "--rev-id", "ffff00000001"},
      {.cwd = temp.path()});
  EXPECT_EQ(merge.exit_code, 0) << describe(merge);
  EXPECT_EQ(merge.out, "created revision ffff00000001: alembic/versions/ffff00000001_merge_heads.py\n");
  const auto text = read_file(folder / "versions" / "ffff00000001_merge_heads.py");
  EXPECT_NE(text.find("revision = 'ffff00000001'\ndown_revision = ('1975ea83b712', 'ae1027a6acf')\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Revises: 1975ea83b712, ae1027a6acf\n"), std::string::npos) << text;
  EXPECT_EQ(alembic_graph(folder),
            "heads ['ffff00000001']\n"
            "1975ea83b712 None\n"
            "27c6a30d7c24 None\n"
            "ae1027a6acf 27c6a30d7c24\n"
            "ffff00000001 ('1975ea83b712', 'ae1027a6acf')\n");
  EXPECT_EQ(run_strata({"-d", "alembic", "check"}, {.cwd = temp.path()}).exit_code, 0);
}

TEST(AlembicAuthoring, MergeUsesTheFoldersOwnTemplate) {
  TempDir temp;
  const auto folder = temp.copy_from(cli_fixtures() / "alembic", "alembic");
  write_file(folder / "script.py.mako",
             "\"\"\"${message}\"\"\"\n# house style\nrevision = ${repr(up_revision)}\n"
             "down_revision = ${repr(down_revision)}\nbranch_labels = None\n"
             "depends_on = None\n");
  const auto merge =
      run_strata({"-d", "alembic", "merge", "heads", "-m", "m", "--rev-id", "ffff00000002"}, {.cwd = temp.path()});
  EXPECT_EQ(merge.exit_code, 0) << describe(merge);
  EXPECT_EQ(read_file(folder / "versions" / "ffff00000002_m.py"),
            "\"\"\"m\"\"\"\n# house style\nrevision = 'ffff00000002'\n"
            "down_revision = ('1975ea83b712', 'ae1027a6acf')\nbranch_labels = None\ndepends_on = None\n");
  EXPECT_NE(alembic_graph(folder).find("heads ['ffff00000002']\n"), std::string::npos);
}

TEST(AlembicAuthoring, RebaseEditsOnlyTheDownRevisionLiteralAndTheRevisesLine) {
  TempDir temp;
  const auto folder = temp.copy_from(cli_fixtures() / "alembic", "alembic");
  const auto path = folder / "versions" / "ae1027a6acf_add_a_column.py";
  const auto before = read_file(path);
  const auto result =
      run_strata({"-d", "alembic", "rebase", "ae1027a6acf", "--onto", "1975ea83b712"}, {.cwd = temp.path()});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  auto expected = before;
  expected.replace(expected.find("Revises: 27c6a30d7c24"), 21, "Revises: 1975ea83b712");
  expected.replace(expected.find("down_revision = '27c6a30d7c24'"), 30, "down_revision = '1975ea83b712'");
  EXPECT_EQ(read_file(path), expected);
  // 27c6a30d7c24 keeps no child, only a dependant, so Alembic lists it as a head too (strata: "effective head").
  EXPECT_EQ(alembic_graph(folder),
            "heads ['27c6a30d7c24', 'ae1027a6acf']\n"
            "1975ea83b712 None\n"
            "27c6a30d7c24 None\n"
            "ae1027a6acf 1975ea83b712\n");
}

}  // namespace
}  // namespace strata::testing
