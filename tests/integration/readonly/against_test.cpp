// strata check --against REF and strata report on git repositories the tests build (git init, branches,
// commits): a branch that extends main, one that forked from an older revision, edits, deletions, reused ids, a
// missing REF, and the report's text, markdown and JSON.
#include <cstdlib>

#include "readonly_test.hpp"
#include "support/git.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

// A git work tree with a migrations/ folder, driven through the real git.
class GitProject {
public:
  GitProject() {
    git({"init", "-q", "-b", "main"});
    fs::create_directories(migrations());
  }
  const fs::path& dir() const { return m_dir.path(); }
  fs::path migrations() const { return dir() / "migrations"; }

  void git(const std::vector<std::string>& args) const {
    const auto result = run_git(dir(), args);
    ASSERT_EQ(result.exit_code, 0) << describe(result);
  }
  void add(const NativeRevision& revision) const { write_native(migrations(), revision); }
  void commit(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
  }
  RunResult strata(std::vector<std::string> args) const {
    args.push_back("-d");
    args.push_back("migrations");
    return run_strata(args, {.cwd = dir()});
  }

private:
  TempDir m_dir;
};

// main: a <- b; the feature branch starts there.
void base_history(const GitProject& project) {
  project.add({.id = "aaaa00000001", .message = "create users"});
  project.add({.id = "bbbb00000002", .revises = {"aaaa00000001"}, .message = "add email"});
  project.commit("base");
}

// feature: b <- c3 <- c4.
void two_revision_feature(const GitProject& project) {
  project.git({"checkout", "-q", "-b", "feature"});
  project.add({.id = "cccc00000003", .revises = {"bbbb00000002"}, .message = "add orders"});
  project.add({.id = "cccc00000004", .revises = {"cccc00000003"}, .message = "index orders"});
  project.commit("feature");
}

TEST(CheckAgainst, BranchThatExtendsMainPasses) {
  GitProject project;
  base_history(project);
  project.git({"checkout", "-q", "-b", "feature"});
  project.add({.id = "cccc00000003", .revises = {"bbbb00000002"}, .message = "add orders"});
  project.commit("feature");
  const auto result = project.strata({"check", "--against", "main"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "against main: this branch adds 1 revision; merged into main the graph has 1 head\n"
            "no problems found in 3 revisions\n");
  const auto json = project.strata({"check", "--against", "main", "--json"});
  const auto document = json_of(json);
  EXPECT_EQ(document["ok"], true);
  EXPECT_EQ(document["against"]["added"], nlohmann::json{"cccc00000003"});
  EXPECT_EQ(document["against"]["heads_after_merge"], 1);
  EXPECT_EQ(document["against"]["ref"], "main");
}

TEST(CheckAgainst, BranchOnAnOlderRevisionNamesTheRebaseAndMergeCommands) {
  GitProject project;
  base_history(project);
  two_revision_feature(project);
  project.git({"checkout", "-q", "main"});
  project.add({.id = "dddd00000005", .revises = {"bbbb00000002"}, .message = "add phone"});
  project.commit("main moves on");
  project.git({"checkout", "-q", "feature"});
  const auto result = project.strata({"check", "--against", "main"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_EQ(result.out,
            "not_based_on_ref: migrations/cccc00000004_rev.sql: new revision cccc00000004 does not descend from "
            "main's head dddd00000005, so merging this branch into main leaves 2 heads; if no database applied the "
            "branch's new revisions yet, move them with `strata rebase cccc00000003 --onto dddd00000005`; otherwise "
            "add a merge revision with `strata merge dddd00000005 cccc00000004 -m \"merge main\"`\n"
            "  files: migrations/cccc00000004_rev.sql\n"
            "  revisions: cccc00000004\n"
            "against main: this branch adds 2 revisions; merged into main the graph has 2 heads\n"
            "1 problem found in 4 revisions\n");
  // dddd00000005 is not on this branch, but it was added on main after the branch started: not a deletion.
}

TEST(CheckAgainst, EditedDeletedAndReusedIds) {
  GitProject project;
  base_history(project);
  project.add({.id = "cccc00000003", .revises = {"bbbb00000002"}, .message = "add orders"});
  project.commit("three");
  project.git({"checkout", "-q", "-b", "feature"});
  // Edit b's up section, delete c, and add a revision whose id main also adds (with other content).
  const auto edited = project.migrations() / "bbbb00000002_rev.sql";
  write_file(edited, read_file(edited) + "-- changed on the branch\n");
  fs::remove(project.migrations() / "cccc00000003_rev.sql");
  project.add({.id = "eeee00000006", .revises = {"bbbb00000002"}, .message = "mine"});
  project.commit("feature");
  project.git({"checkout", "-q", "main"});
  project.add({.id = "eeee00000006", .revises = {"cccc00000003"}, .message = "theirs"});
  project.commit("main");
  project.git({"checkout", "-q", "feature"});
  const auto json = project.strata({"check", "--against", "main", "--json"});
  EXPECT_EQ(json.exit_code, 1) << describe(json);
  const auto document = json_of(json);
  EXPECT_EQ(codes_of(document), (std::vector<std::string>{"edited_since_ref", "deleted_since_ref", "id_reused"}))
      << json.out;
  EXPECT_EQ(document["problems"][1]["message"],
            "migrations/cccc00000003_rev.sql: revision cccc00000003 exists at main but this branch deleted its file; "
            "a database may have applied it: restore it with `git checkout main -- migrations/cccc00000003_rev.sql`");
  EXPECT_EQ(document["problems"][0]["message"],
            "migrations/bbbb00000002_rev.sql: revision bbbb00000002 exists at main and its up or down section "
            "changed on this branch; a database that applied it will not get the change: put the change in a new "
            "revision (`strata revision -m \"...\"`) and restore this file with `git checkout main -- "
            "migrations/bbbb00000002_rev.sql`");
  EXPECT_EQ(document["problems"][2]["message"],
            "migrations/eeee00000006_rev.sql: new revision eeee00000006 reuses the id of a different revision at main "
            "(migrations/eeee00000006_rev.sql); give the new one another id (`strata revision --rev-id ID` writes a "
            "fresh file)");
}

TEST(CheckAgainst, MissingRefSaysHowToFetchIt) {
  GitProject project;
  base_history(project);
  const auto result = project.strata({"check", "--against", "origin/main"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err,
            "error: migrations: git revision 'origin/main' is not in this clone (a shallow or single-branch "
            "checkout?)\nhint: fetch it with `git fetch --depth=50 origin main:refs/remotes/origin/main`, then run "
            "this again\n");
}

TEST(Report, TextMarkdownAndJsonAgainstMain) {
  GitProject project;
  base_history(project);
  two_revision_feature(project);
  const auto text = project.strata({"report", "--against", "main"});
  EXPECT_EQ(text.exit_code, 0) << describe(text);
  EXPECT_EQ(text.out,
            "                 main  this branch\n"
            "revisions        2     4\n"
            "bases            1     1\n"
            "heads            1     1\n"
            "merge revisions  0     0\n"
            "branch points    0     0\n"
            "squashes         0     0\n"
            "longest chain    2     4\n"
            "labels           none  none\n"
            "\n"
            "heads:\n"
            "  cccc00000004  index orders\n"
            "longest chain: aaaa00000001 .. cccc00000004\n"
            "\n"
            "added by this branch (upgrade order): 2\n"
            "  cccc00000003  add orders\n"
            "  cccc00000004  index orders\n");
  const auto markdown = project.strata({"report", "--against", "main", "--format", "markdown"});
  EXPECT_EQ(markdown.out,
            "### Migration report\n"
            "\n"
            "| | main | this branch |\n"
            "|---|---:|---:|\n"
            "| revisions | 2 | 4 |\n"
            "| bases | 1 | 1 |\n"
            "| heads | 1 | 1 |\n"
            "| merge revisions | 0 | 0 |\n"
            "| branch points | 0 | 0 |\n"
            "| squashes | 0 | 0 |\n"
            "| longest chain | 2 | 4 |\n"
            "| labels | none | none |\n"
            "\n"
            "**Heads**\n"
            "\n"
            "- `cccc00000004` index orders\n"
            "\n"
            "**Added by this branch** (2, in upgrade order)\n"
            "\n"
            "1. `cccc00000003` add orders\n"
            "2. `cccc00000004` index orders\n");
  const auto json = json_of(project.strata({"report", "--against", "main", "--json"}));
  EXPECT_EQ(json["added"], (nlohmann::json{"cccc00000003", "cccc00000004"}));
  EXPECT_EQ(json["current"]["revisions"], 4);
  EXPECT_EQ(json["against"]["summary"]["revisions"], 2);
  EXPECT_EQ(json["current"]["heads"][0]["message"], "index orders");
}

}  // namespace
}  // namespace strata::testing
