// strata lint with the real binary: the text report with the span marked, exit codes, formats, strata.toml [lint],
// inline ignores, the catalog replayed from ancestor revisions, FILE arguments, --against REF and check --lint.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/support/e2e_project.hpp"
#include "support/git.hpp"
#include "support/run_strata.hpp"
#include "support/temp_dir.hpp"

namespace strata::testing {
namespace {

std::string migration(const std::string& id, const std::string& parent, const std::string& up, const std::string& down,
                      const std::string& extra_header = "") {
  std::string text = "-- revision: " + id + "\n";
  if (!parent.empty()) text += "-- revises: " + parent + "\n";
  text += extra_header + "\n-- +up\n" + up + "\n";
  if (!down.empty()) text += "\n-- +down\n" + down + "\n";
  return text;
}

const std::string timeouts = "SET lock_timeout = '1s';\nSET statement_timeout = '5s';\n";
// The timeout rules would report every down section's DROP; most tests are about other rules.
const std::string k_config =
    "[repository]\npath = \"migrations\"\n\n[lint]\nexcluded_rules = [\"require-timeout-settings\"]\n";

class Lint : public ::testing::Test {
protected:
  void SetUp() override {
    dir.write("strata.toml", k_config);
    dir.write("migrations/0a_users.sql",
              migration("0a", "", "CREATE TABLE users (id bigint, email text);", "DROP TABLE users;"));
  }
  RunResult lint(std::vector<std::string> args) {
    args.insert(args.begin(), "lint");
    return run_strata(args, {.cwd = dir.path()});
  }
  TempDir dir;
};

TEST_F(Lint, CleanRepositoryExits0) {
  const auto result = lint({});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "no findings in 1 file (2 statements)\n");
}

TEST_F(Lint, TextReportMarksTheSpanAndNamesRuleAndRevision) {
  dir.write("migrations/0b_index.sql",
            migration("0b", "0a", timeouts + "CREATE INDEX users_email ON users (email);", "DROP INDEX users_email;"));
  const auto result = lint({"0b", "-e", "require-concurrent-index-deletion", "-e", "require-lock-timeout", "-e",
                            "require-statement-timeout"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "migrations/0b_index.sql:7:1: warning: require-concurrent-index-creation (revision 0b)\n"
            " 7 | CREATE INDEX users_email ON users (email);\n"
            "   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
            "  CREATE INDEX without CONCURRENTLY blocks writes to \"users\" (SHARE lock) until the index is built\n"
            "  help: use CREATE INDEX CONCURRENTLY, in a migration with the header line `-- transaction: none`\n"
            "\n"
            "1 finding (0 errors, 1 warning) in 1 file (4 statements)\n");
}

TEST_F(Lint, TableFromAnAncestorIsExistingTableFromTheSameRevisionIsNew) {
  dir.write("migrations/0b_index.sql",
            migration("0b", "0a",
                      timeouts + "CREATE TABLE orders (id bigint);\nCREATE INDEX o ON orders (id);\n"
                                 "CREATE INDEX u ON users (email);",
                      "DROP TABLE orders;\nDROP INDEX CONCURRENTLY u;", "-- transaction: per-migration\n"));
  const auto result = lint({"0b", "--format", "json"});
  const auto document = nlohmann::json::parse(result.out);
  std::vector<std::pair<std::string, int>> found;
  for (const auto& finding : document["findings"]) found.emplace_back(finding["rule"], finding["line"]);
  EXPECT_EQ(found, (std::vector<std::pair<std::string, int>>{{"require-concurrent-index-creation", 10},
                                                             {"ban-concurrent-index-creation-in-transaction", 14}}))
      << result.out;
}

TEST_F(Lint, ConcurrentIndexInATransactionalMigrationIsAnErrorNamingTheHeaderLine) {
  dir.write("migrations/0b_index.sql",
            migration("0b", "0a", "CREATE INDEX CONCURRENTLY IF NOT EXISTS u ON users (email);",
                      "DROP INDEX CONCURRENTLY IF EXISTS u;"));
  const auto result = lint({"--format", "gcc", "-e", "require-statement-timeout", "-e", "require-lock-timeout"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_EQ(result.out,
            "migrations/0b_index.sql:5:1: error: CREATE INDEX CONCURRENTLY cannot run inside a transaction, and this "
            "migration runs in one (transaction: per-migration) [ban-concurrent-index-creation-in-transaction] "
            "(revision 0b)\n"
            "migrations/0b_index.sql:8:1: error: DROP INDEX CONCURRENTLY cannot run inside a transaction, and this "
            "migration runs in one (transaction: per-migration) [ban-concurrent-index-creation-in-transaction] "
            "(revision 0b)\n");
  const auto json = nlohmann::json::parse(lint({"--format", "json"}).out);
  EXPECT_EQ(json["findings"][0]["help"],
            "add the header line `-- transaction: none` to migrations/0b_index.sql (below line 1) so the engine runs "
            "it outside a transaction");
}

TEST_F(Lint, ConfigExcludesRulesSetsLevelsAndSkipsPaths) {
  dir.write("migrations/0b_int.sql", migration("0b", "0a", "CREATE TABLE t (n integer);", "DROP TABLE t;"));
  EXPECT_EQ(lint({}).exit_code, 0);
  dir.write("strata.toml", k_config + "[lint.levels]\nprefer-bigint-over-int = \"error\"\n");
  const auto strict = lint({"--format", "gcc"});
  EXPECT_EQ(strict.exit_code, 1) << describe(strict);
  EXPECT_EQ(strict.out,
            "migrations/0b_int.sql:5:19: error: column \"n\" is integer: a 32-bit integer runs out at 2,147,483,647, "
            "and widening it later rewrites the table [prefer-bigint-over-int] (revision 0b)\n");
  dir.write("strata.toml",
            k_config + "excluded_paths = [\"migrations/0b_*\"]\n[lint.levels]\nprefer-bigint-over-int = \"error\"\n");
  EXPECT_EQ(lint({}).out, "no findings in 1 file (2 statements)\n");
  dir.write("strata.toml", "[lint]\nexcluded_rules = [\"prefer-bigint-over-itn\"]\n");
  const auto typo = lint({});
  EXPECT_EQ(typo.exit_code, 2) << describe(typo);
  EXPECT_EQ(typo.err,
            "error: strata.toml:2: unknown lint rule 'prefer-bigint-over-itn'; did you mean 'prefer-bigint-over-int'? "
            "(`strata lint --list-rules` lists them)\n");
}

TEST_F(Lint, InlineIgnoresAndUnusedIgnore) {
  dir.write("migrations/0b_int.sql",
            migration("0b", "0a",
                      "-- squawk-ignore prefer-bigint-over-int\nCREATE TABLE t (n integer);\n"
                      "-- strata-ignore ban-drop-table -- not needed\nCREATE TABLE u (n bigint);",
                      "DROP TABLE u;\nDROP TABLE t;"));
  const auto result = lint({"--format", "json"});
  const auto document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document["findings"].size(), 1u) << result.out;
  EXPECT_EQ(document["findings"][0]["rule"], "unused-ignore");
  EXPECT_EQ(document["findings"][0]["line"], 7);
}

TEST_F(Lint, PlainSqlFileOnItsOwn) {
  // The project's [lint] settings apply to any file linted inside it; this one keeps the timeout rules on.
  dir.write("strata.toml", "[repository]\npath = \"migrations\"\n");
  dir.write("adhoc.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
  const auto result = lint({"adhoc.sql", "--format", "json", "--pg-version", "11"});
  const auto document = nlohmann::json::parse(result.out);
  std::vector<std::string> rules;
  for (const auto& finding : document["findings"]) rules.push_back(finding["rule"]);
  EXPECT_EQ(rules, (std::vector<std::string>{"adding-not-nullable-field", "require-lock-timeout",
                                             "require-statement-timeout"}));
  EXPECT_EQ(document["findings"][0]["revision"], "");
}

TEST_F(Lint, SqliteEngineFromTheProjectDatabase) {
  dir.write("strata.toml", k_config + "\n[databases.main]\nurl = \"sqlite:app.db\"\n");
  dir.write("migrations/0b_fk.sql",
            migration("0b", "0a", "PRAGMA foreign_keys = OFF;\nALTER TABLE users DROP COLUMN id;", "-- strata: no-op"));
  const auto result = lint({"--format", "gcc", "--sqlite-version", "3.34.0"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_EQ(result.out,
            "migrations/0b_fk.sql:5:1: error: PRAGMA foreign_keys is a silent no-op inside a transaction: foreign keys "
            "stay as they were, so a table rebuild's DROP TABLE can cascade deletes or fail "
            "[sqlite-foreign-keys-in-transaction] (revision 0b)\n"
            "migrations/0b_fk.sql:6:1: error: ALTER TABLE ... DROP COLUMN needs SQLite 3.35.0; the target is 3.34.0 "
            "[sqlite-alter-unsupported] (revision 0b)\n");
}

TEST_F(Lint, AgainstAGitRefLintsOnlyNewRevisions) {
  auto git = [&](const std::vector<std::string>& args) {
    const auto result = run_git(dir.path(), args);
    ASSERT_EQ(result.exit_code, 0) << describe(result);
  };
  dir.write("migrations/0a_users.sql", migration("0a", "", "CREATE TABLE users (id integer);", "DROP TABLE users;"));
  git({"init", "-q", "-b", "main"});
  git({"add", "."});
  git({"commit", "-q", "-m", "base"});
  dir.write("migrations/0b_more.sql", migration("0b", "0a", "CREATE TABLE more (id integer);", "DROP TABLE more;"));
  const auto result = lint({"--against", "main", "--format", "json"});
  const auto document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document["findings"].size(), 1u) << result.out;
  EXPECT_EQ(document["findings"][0]["revision"], "0b");
  // The same reading of REF as `check --against`, so the same error and exit code (3) when it is missing.
  const auto unknown = lint({"--against", "nosuchref"});
  EXPECT_EQ(unknown.exit_code, 3) << describe(unknown);
  EXPECT_EQ(unknown.err,
            "error: migrations: git revision 'nosuchref' is not in this clone (a shallow or single-branch checkout?)\n"
            "hint: fetch it with `git fetch --depth=50 origin nosuchref:nosuchref`, then run this again\n");
}

TEST_F(Lint, CheckWithLint) {
  dir.write("migrations/0b_index.sql",
            migration("0b", "0a", "CREATE INDEX CONCURRENTLY IF NOT EXISTS u ON users (email);", "-- strata: no-op"));
  const auto plain = run_strata({"check"}, {.cwd = dir.path()});
  EXPECT_EQ(plain.exit_code, 0) << describe(plain);
  const auto with_lint = run_strata({"check", "--lint"}, {.cwd = dir.path()});
  EXPECT_EQ(with_lint.exit_code, 1) << describe(with_lint);
  EXPECT_NE(with_lint.out.find("ban-concurrent-index-creation-in-transaction"), std::string::npos) << with_lint.out;
  const auto json = run_strata({"check", "--lint", "--json"}, {.cwd = dir.path()});
  const auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document["ok"], false);
  EXPECT_EQ(document["lint"]["findings"][0]["rule"], "ban-concurrent-index-creation-in-transaction");
}

TEST_F(Lint, UsageErrors) {
  const auto format = lint({"--format", "xml"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(format.err, "error: --format must be text, json, gcc, gitlab, sarif or github, not \"xml\"\n");
  const auto rule = lint({"-e", "ban-drop-tabel"});
  EXPECT_EQ(rule.exit_code, 2);
  EXPECT_EQ(rule.err,
            "error: --exclude: unknown lint rule 'ban-drop-tabel'; did you mean 'ban-drop-table'? (`strata lint "
            "--list-rules` lists them)\n");
  const auto list = lint({"--list-rules"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("require-table-schema"), std::string::npos);
}

TEST_F(Lint, TraceReportsLocksAndRewritesMeasuredOnAScratchDatabase) {
  STRATA_REQUIRE_PG();
  const auto url = *pg_admin_url();
  dir.write(
      "migrations/0b_change.sql",
      migration(
          "0b", "0a",
          "CREATE TABLE fresh (id bigint);\nCREATE INDEX users_email ON users (email);\n"
          "ALTER TABLE users ADD COLUMN flag boolean DEFAULT false;\nALTER TABLE users ALTER COLUMN id TYPE numeric;",
          "DROP TABLE fresh;"));
  const auto result = lint({"0b", "--trace", "--url", url, "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto document = nlohmann::json::parse(result.out);
  const auto& statements = document["statements"];
  ASSERT_EQ(statements.size(), 4u) << result.out;
  EXPECT_EQ(statements[0]["line"], 5);
  EXPECT_EQ(statements[0]["locks"], nlohmann::json::array());  // a new table: no existing relation locked
  EXPECT_EQ(statements[1]["locks"], (nlohmann::json::array({{{"relation", "public.users"}, {"mode", "ShareLock"}}})));
  EXPECT_EQ(statements[2]["locks"],
            (nlohmann::json::array({{{"relation", "public.users"}, {"mode", "AccessExclusiveLock"}}})));
  EXPECT_EQ(statements[2]["rewrote"], nlohmann::json::array());  // a constant default: no rewrite since PG 11
  const auto& rewrote = statements[3]["rewrote"];
  EXPECT_NE(std::find(rewrote.begin(), rewrote.end(), "public.users"), rewrote.end()) << rewrote;
  // The scratch database is gone again.
  const auto scratch = document["scratch_database"].get<std::string>();
  EXPECT_NE(scratch.find("/strata_scratch_"), std::string::npos) << scratch;
  const auto text = lint({"0b", "--trace", "--url", url});
  EXPECT_NE(text.out.find("  rewrote: public.users\n"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace strata::testing
