// Every PostgreSQL rule: the SQL that triggers it and the nearest SQL that does not, including the "table created in
// the same migration" and version-gated cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lint_test_support.hpp"
#include "strata/lint/linter.hpp"
#include "strata/lint/rules.hpp"

namespace strata::lint {
namespace {

using testing::no_transaction;

Options defaults() {
  Options options;
  options.sqlite_version = {3, 40, 0};
  return options;
}

std::vector<std::string> rules_for(const std::string& sql, const Options& options = defaults()) {
  const auto result = lint_file(sql, "t.sql", options);
  std::vector<std::string> rules;
  for (const auto& finding : result.findings) rules.push_back(finding.rule);
  return rules;
}

bool has(const std::vector<std::string>& rules, std::string_view rule) {
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

struct Case {
  std::string rule;
  std::string triggers;
  std::string clean;
};

class EveryRule : public ::testing::TestWithParam<Case> {};

TEST_P(EveryRule, TriggersAndNearestCleanSqlDoesNot) {
  const auto& c = GetParam();
  Options options = defaults();
  if (c.rule == "require-table-schema") options.included.insert(c.rule);
  const auto triggered = rules_for(c.triggers, options);
  EXPECT_TRUE(has(triggered, c.rule)) << c.triggers;
  const auto clean = rules_for(c.clean, options);
  EXPECT_FALSE(has(clean, c.rule)) << c.clean;
}

const std::string lock = "SET lock_timeout = '1s';\nSET statement_timeout = '5s';\n";

INSTANTIATE_TEST_SUITE_P(
    Postgres, EveryRule,
    ::testing::Values(
        Case{"adding-field-with-default", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();",
             "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;"},
        Case{"adding-field-with-default", "ALTER TABLE users ADD COLUMN total int GENERATED ALWAYS AS (a + b) STORED;",
             "CREATE TABLE users (id bigint);\nALTER TABLE users ADD COLUMN total int GENERATED ALWAYS AS (a) STORED;"},
        Case{"adding-foreign-key-constraint",
             "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);",
             "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"},
        Case{"adding-foreign-key-constraint", "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);",
             "CREATE TABLE orders (id bigint);\nALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);"},
        Case{"adding-not-nullable-field", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
             "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL);\n"
             "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"},
        Case{"adding-required-field", "ALTER TABLE users ADD COLUMN age bigint NOT NULL;",
             "ALTER TABLE users ADD COLUMN age bigint NOT NULL DEFAULT 0;"},
        Case{"adding-serial-primary-key-field", "ALTER TABLE items ADD PRIMARY KEY (id);",
             "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_idx;"},
        Case{"ban-alter-domain-with-add-constraint", "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0);",
             "ALTER DOMAIN positive DROP CONSTRAINT p;"},
        Case{"ban-char-field", "CREATE TABLE codes (code char(3));", "CREATE TABLE codes (code text);"},
        Case{"ban-concurrent-index-creation-in-transaction", "CREATE INDEX CONCURRENTLY ix ON users (email);",
             no_transaction("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);")},
        Case{"ban-create-domain-with-constraint", "CREATE DOMAIN positive AS bigint CHECK (VALUE > 0);",
             "CREATE DOMAIN positive AS bigint;"},
        Case{"ban-drop-column", "ALTER TABLE users DROP COLUMN nickname;",
             "ALTER TABLE users ADD COLUMN nickname text;"},
        Case{"ban-drop-database", "DROP DATABASE app;", "DROP SCHEMA app;"},
        Case{"ban-drop-not-null", "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
             "ALTER TABLE users ALTER COLUMN email DROP DEFAULT;"},
        Case{"ban-drop-table", "DROP TABLE users;", "CREATE TABLE scratch (id bigint);\nDROP TABLE scratch;"},
        Case{"ban-duplicate-column-assignments", "UPDATE users SET a = 1, a = 2;", "UPDATE users SET a = 1, b = 2;"},
        Case{"ban-truncate-cascade", "TRUNCATE users CASCADE;", "TRUNCATE users;"},
        Case{"ban-uncommitted-transaction", no_transaction("BEGIN;\nCREATE TABLE IF NOT EXISTS t (id bigint);"),
             no_transaction("BEGIN;\nCREATE TABLE IF NOT EXISTS t (id bigint);\nCOMMIT;")},
        Case{"changing-column-type", "ALTER TABLE users ALTER COLUMN id TYPE bigint;",
             "CREATE TABLE users (id int);\nALTER TABLE users ALTER COLUMN id TYPE bigint;"},
        Case{"constraint-missing-not-valid", "ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0);",
             "ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0) NOT VALID;"},
        Case{"constraint-missing-not-valid",
             "ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT c;",
             "ALTER TABLE users VALIDATE CONSTRAINT c;"},
        Case{"disallowed-unique-constraint", "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);",
             "ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email_idx;"},
        Case{"identifier-too-long",
             "CREATE TABLE a_table_name_that_is_far_too_long_for_postgresql_to_keep_it_whole_xx (id bigint);",
             "CREATE TABLE a_table_name_that_fits (id bigint);"},
        Case{"prefer-bigint-over-int", "CREATE TABLE t (n integer);", "CREATE TABLE t (n bigint);"},
        Case{"prefer-bigint-over-smallint", "CREATE TABLE t (n smallint);", "CREATE TABLE t (n bigint);"},
        Case{"prefer-identity", "CREATE TABLE t (id bigserial);",
             "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY);"},
        Case{"prefer-robust-stmts", no_transaction("CREATE TABLE t (id bigint);"),
             no_transaction("CREATE TABLE IF NOT EXISTS t (id bigint);")},
        Case{"prefer-text-field", "CREATE TABLE t (name varchar(40));", "CREATE TABLE t (name varchar);"},
        Case{"prefer-timestamptz", "CREATE TABLE t (at timestamp);", "CREATE TABLE t (at timestamptz);"},
        Case{"renaming-column", "ALTER TABLE users RENAME COLUMN name TO full_name;",
             "CREATE TABLE users (name text);\nALTER TABLE users RENAME COLUMN name TO full_name;"},
        Case{"renaming-table", "ALTER TABLE users RENAME TO customers;",
             "CREATE TABLE users (id bigint);\nALTER TABLE users RENAME TO customers;"},
        Case{"require-concurrent-index-creation", "CREATE INDEX ix ON users (email);",
             "CREATE TABLE users (email text);\nCREATE INDEX ix ON users (email);"},
        Case{"require-concurrent-index-deletion", "DROP INDEX ix;",
             no_transaction("DROP INDEX CONCURRENTLY IF EXISTS ix;")},
        Case{"require-concurrent-partition-detach", "ALTER TABLE events DETACH PARTITION events_2020;",
             no_transaction("ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;")},
        Case{"require-concurrent-reindex", "REINDEX INDEX ix;", no_transaction("REINDEX INDEX CONCURRENTLY ix;")},
        Case{"require-enum-value-ordering", "ALTER TYPE mood ADD VALUE 'meh';",
             "ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';"},
        Case{"require-lock-timeout", "ALTER TABLE users ADD COLUMN bio text;",
             "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN bio text;"},
        Case{"require-statement-timeout", "ALTER TABLE users ADD COLUMN bio text;",
             "SET statement_timeout = '5s';\nALTER TABLE users ADD COLUMN bio text;"},
        Case{"require-table-schema", "CREATE TABLE users (id bigint);", "CREATE TABLE app.users (id bigint);"},
        Case{"transaction-nesting", "BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;",
             no_transaction("BEGIN;\nCREATE TABLE IF NOT EXISTS t (id bigint);\nCOMMIT;")},
        Case{"syntax-error", "CREATE TABEL t (id bigint);", "CREATE TABLE t (id bigint);"},
        Case{"non-idempotent", no_transaction("CREATE EXTENSION pgcrypto;"),
             no_transaction("CREATE EXTENSION IF NOT EXISTS pgcrypto;")}));

TEST(Rules, EveryPostgresRuleOfTheCatalogueHasACase) {
  // The catalogue and the cases above move together: a rule without a case would be untested.
  const std::vector<std::string> tested{"adding-field-with-default",
                                        "adding-foreign-key-constraint",
                                        "adding-not-nullable-field",
                                        "adding-required-field",
                                        "adding-serial-primary-key-field",
                                        "ban-alter-domain-with-add-constraint",
                                        "ban-char-field",
                                        "ban-concurrent-index-creation-in-transaction",
                                        "ban-create-domain-with-constraint",
                                        "ban-drop-column",
                                        "ban-drop-database",
                                        "ban-drop-not-null",
                                        "ban-drop-table",
                                        "ban-duplicate-column-assignments",
                                        "ban-truncate-cascade",
                                        "ban-uncommitted-transaction",
                                        "changing-column-type",
                                        "constraint-missing-not-valid",
                                        "disallowed-unique-constraint",
                                        "identifier-too-long",
                                        "prefer-bigint-over-int",
                                        "prefer-bigint-over-smallint",
                                        "prefer-identity",
                                        "prefer-robust-stmts",
                                        "prefer-text-field",
                                        "prefer-timestamptz",
                                        "renaming-column",
                                        "renaming-table",
                                        "require-concurrent-index-creation",
                                        "require-concurrent-index-deletion",
                                        "require-concurrent-partition-detach",
                                        "require-concurrent-reindex",
                                        "require-enum-value-ordering",
                                        "require-lock-timeout",
                                        "require-statement-timeout",
                                        "require-table-schema",
                                        "transaction-nesting",
                                        "syntax-error",
                                        "non-idempotent"};
  for (const auto& rule : rule_catalog()) {
    if (rule.engine != RuleEngine::postgres) continue;
    EXPECT_NE(std::find(tested.begin(), tested.end(), rule.id), tested.end()) << rule.id;
  }
}

TEST(Rules, AddingFieldWithDefaultIsVersionAware) {
  const std::string sql = "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;";
  Options old = defaults();
  old.pg_version = {10, 0, 0};
  EXPECT_TRUE(has(rules_for(sql, old), "adding-field-with-default"));
  Options eleven = defaults();
  eleven.pg_version = {11, 0, 0};
  EXPECT_FALSE(has(rules_for(sql, eleven), "adding-field-with-default"));
}

TEST(Rules, AddingNotNullableFieldAcceptsAValidatedCheckFromPostgres12) {
  const std::string sql =
      "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
      "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\n"
      "ALTER TABLE users ALTER COLUMN email SET NOT NULL;";
  Options eleven = defaults();
  eleven.pg_version = {11, 0, 0};
  EXPECT_TRUE(has(rules_for(sql, eleven), "adding-not-nullable-field"));
  EXPECT_FALSE(has(rules_for(sql), "adding-not-nullable-field"));
}

TEST(Rules, ConcurrentIndexInATransactionalMigrationNamesTheHeaderLine) {
  const std::string text =
      "-- revision: a1\n-- message: index\n\n-- +up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);\n"
      "\n-- +down\nDROP INDEX CONCURRENTLY IF EXISTS ix;\n";
  const auto result = lint_file(text, "migrations/a1_index.sql", defaults());
  const auto found = std::find_if(result.findings.begin(), result.findings.end(), [](const Finding& finding) {
    return finding.rule == "ban-concurrent-index-creation-in-transaction";
  });
  ASSERT_NE(found, result.findings.end());
  EXPECT_EQ(found->level, Level::error);
  EXPECT_EQ(found->line, 5);
  EXPECT_EQ(found->column, 1);
  EXPECT_EQ(found->revision, "a1");
  EXPECT_EQ(found->message,
            "CREATE INDEX CONCURRENTLY cannot run inside a transaction, and this migration runs in one "
            "(transaction: per-migration)");
  EXPECT_EQ(found->help,
            "add the header line `-- transaction: none` to migrations/a1_index.sql (below line 1) so the engine runs "
            "it outside a transaction");
  EXPECT_TRUE(result.has_errors());
}

TEST(Rules, ExactMessagesOfCommonRules) {
  const auto result = lint_file(lock + "CREATE INDEX ix ON users (email);", "t.sql", defaults());
  ASSERT_EQ(result.findings.size(), 1u);
  const auto& finding = result.findings[0];
  EXPECT_EQ(finding.rule, "require-concurrent-index-creation");
  EXPECT_EQ(finding.line, 3);
  EXPECT_EQ(finding.message,
            "CREATE INDEX without CONCURRENTLY blocks writes to \"users\" (SHARE lock) until the index is built");
  EXPECT_EQ(finding.help, "use CREATE INDEX CONCURRENTLY, in a migration with the header line `-- transaction: none`");
  EXPECT_EQ(finding.level, Level::warning);
  EXPECT_FALSE(result.has_errors());
}

TEST(Rules, TimeoutRulesReportOncePerSectionAtTheFirstLockingStatement) {
  const auto result =
      lint_file("ALTER TABLE a ADD COLUMN b text;\nALTER TABLE a ADD COLUMN c text;", "t.sql", defaults());
  int lock_timeouts = 0;
  for (const auto& finding : result.findings) {
    if (finding.rule != "require-lock-timeout") continue;
    ++lock_timeouts;
    EXPECT_EQ(finding.line, 1);
    EXPECT_EQ(finding.message,
              "no lock_timeout is set before this statement takes a ACCESS EXCLUSIVE lock; while it waits behind a "
              "long query, it blocks reads and writes of everyone queued after it");
  }
  EXPECT_EQ(lock_timeouts, 1);
}

TEST(Rules, SyntaxErrorsUsePostgresMessageAndPosition) {
  const auto result = lint_file("SELECT 1;\nCREATE TABEL t (id bigint);", "t.sql", defaults());
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule, "syntax-error");
  EXPECT_EQ(result.findings[0].message, "syntax error at or near \"TABEL\"");
  EXPECT_EQ(result.findings[0].line, 2);
  EXPECT_EQ(result.findings[0].column, 8);
}

TEST(Rules, ExcludedRulesAndLevels) {
  Options options = defaults();
  options.excluded.insert("prefer-bigint-over-int");
  EXPECT_FALSE(has(rules_for("CREATE TABLE t (n integer);", options), "prefer-bigint-over-int"));
  Options strict = defaults();
  strict.levels["prefer-text-field"] = Level::error;
  const auto result = lint_file("CREATE TABLE t (name varchar(4));", "t.sql", strict);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].level, Level::error);
}

TEST(Ignores, NextStatementFileWideSquawkSpellingAndUnused) {
  const std::string sql =
      "-- strata-ignore prefer-bigint-over-int\n"
      "CREATE TABLE a (n integer);\n"
      "CREATE TABLE b (n integer);\n"
      "/* squawk-ignore prefer-text-field -- reviewed */\n"
      "CREATE TABLE c (s varchar(3));\n"
      "-- strata-ignore ban-drop-table\n"
      "CREATE TABLE d (id bigint);\n";
  const auto result = lint_file(sql, "t.sql", defaults());
  std::vector<std::pair<std::string, int>> found;
  for (const auto& finding : result.findings) found.emplace_back(finding.rule, finding.line);
  EXPECT_EQ(found, (std::vector<std::pair<std::string, int>>{{"prefer-bigint-over-int", 3}, {"unused-ignore", 6}}));
  EXPECT_EQ(result.findings[1].message, "'ban-drop-table' is ignored here but reported nothing in the next statement");

  const auto file_wide = lint_file("-- squawk-ignore-file\nCREATE TABLE a (n integer);\n", "t.sql", defaults());
  EXPECT_TRUE(file_wide.findings.empty());
  const auto typo =
      lint_file("-- strata-ignore-file prefer-bigint-over-itn\nCREATE TABLE a (n bigint);\n", "t.sql", defaults());
  ASSERT_EQ(typo.findings.size(), 1u);
  EXPECT_EQ(typo.findings[0].message,
            "unknown rule 'prefer-bigint-over-itn' in an ignore directive; did you mean 'prefer-bigint-over-int'?");
}

TEST(DownRules, MissingEmptyNoOpAndNotInverse) {
  const std::string header = "-- revision: a1\n\n-- +up\nCREATE TABLE t (id bigint);\nCREATE INDEX ix ON t (id);\n";
  auto rules_of = [](const std::string& text) {
    std::vector<std::string> rules;
    for (const auto& finding : lint_file(text, "a1.sql", defaults()).findings)
      if (finding.rule.starts_with("down-")) rules.push_back(finding.rule);
    return rules;
  };
  EXPECT_EQ(rules_of(header), std::vector<std::string>{"down-missing"});
  EXPECT_EQ(rules_of(header + "\n-- +down\n-- Write the SQL that undoes the up section here.\n"),
            std::vector<std::string>{"down-empty"});
  EXPECT_TRUE(rules_of(header + "\n-- +down\n-- strata: no-op\n").empty());
  EXPECT_TRUE(rules_of(header + "\n-- +down\nDROP TABLE t;\n").empty());
  EXPECT_EQ(rules_of(header + "\n-- +down\nDROP INDEX ix;\n"), std::vector<std::string>{"down-not-inverse"});
  Options only_down = defaults();
  only_down.excluded = {"require-concurrent-index-deletion", "require-lock-timeout", "require-statement-timeout"};
  const auto result = lint_file(header + "\n-- +down\nDROP INDEX ix;\n", "a1.sql", only_down);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].message, "the up section creates table \"t\" but the down section never drops it");
  EXPECT_EQ(result.findings[0].help, "add `DROP TABLE t;` to the down section");
  EXPECT_EQ(result.findings[0].line, 4);
}

}  // namespace
}  // namespace strata::lint
