// The SQLite rules, checked with SQLite itself on a scratch in-memory database built from the earlier statements.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lint_test_support.hpp"
#include "strata/lint/linter.hpp"

namespace strata::lint {
namespace {

using testing::no_transaction;

Options sqlite(Version version = {3, 40, 0}) {
  Options options;
  options.engine = SqlEngine::sqlite;
  options.sqlite_version = version;
  return options;
}

std::vector<std::string> sqlite_rules_for(const std::string& sql, const Options& options = sqlite()) {
  std::vector<std::string> rules;
  for (const auto& finding : lint_file(sql, "t.sql", options).findings) rules.push_back(finding.rule);
  return rules;
}

const std::string table = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT);\n";

TEST(Sqlite, AlterFormsAreVersionAware) {
  const std::string rename = table + "ALTER TABLE users RENAME COLUMN name TO full_name;";
  EXPECT_EQ(sqlite_rules_for(rename, sqlite({3, 24, 0})), std::vector<std::string>{"sqlite-alter-unsupported"});
  EXPECT_TRUE(sqlite_rules_for(rename, sqlite({3, 25, 0})).empty());
  const std::string drop = table + "ALTER TABLE users DROP COLUMN name;";
  EXPECT_EQ(sqlite_rules_for(drop, sqlite({3, 34, 1})), std::vector<std::string>{"sqlite-alter-unsupported"});
  EXPECT_TRUE(sqlite_rules_for(drop, sqlite({3, 35, 0})).empty());
  const auto result = lint_file(rename, "t.sql", sqlite({3, 24, 0}));
  EXPECT_EQ(result.findings[0].message, "ALTER TABLE ... RENAME COLUMN needs SQLite 3.25.0; the target is 3.24.0");
  EXPECT_EQ(result.findings[0].line, 2);
}

TEST(Sqlite, DropColumnThatIsIndexedKeyedOrInAView) {
  const auto result = lint_file(table +
                                    "CREATE INDEX users_email ON users (email);\n"
                                    "CREATE VIEW named AS SELECT name FROM users;\n"
                                    "ALTER TABLE users DROP COLUMN email;\nALTER TABLE users DROP COLUMN name;\n"
                                    "ALTER TABLE users DROP COLUMN id;",
                                "t.sql", sqlite());
  ASSERT_EQ(result.findings.size(), 3u);
  EXPECT_EQ(result.findings[0].message,
            "SQLite cannot drop column \"email\" of \"users\": it is used by index users_email");
  EXPECT_EQ(result.findings[1].message, "SQLite cannot drop column \"name\" of \"users\": it is used by view named");
  EXPECT_EQ(result.findings[2].message, "SQLite cannot drop column \"id\" of \"users\": it is used by the PRIMARY KEY");
  EXPECT_TRUE(sqlite_rules_for(table + "ALTER TABLE users DROP COLUMN email;").empty());
}

TEST(Sqlite, AddColumnWithForbiddenDefaultOrConstraint) {
  EXPECT_EQ(sqlite_rules_for(table + "ALTER TABLE users ADD COLUMN created TEXT DEFAULT CURRENT_TIMESTAMP;"),
            std::vector<std::string>{"sqlite-add-column-forbidden"});
  EXPECT_EQ(sqlite_rules_for(table + "ALTER TABLE users ADD COLUMN code TEXT UNIQUE;"),
            std::vector<std::string>{"sqlite-add-column-forbidden"});
  EXPECT_EQ(sqlite_rules_for(table + "ALTER TABLE users ADD COLUMN age INTEGER NOT NULL;"),
            std::vector<std::string>{"sqlite-add-column-forbidden"});
  EXPECT_TRUE(sqlite_rules_for(table + "ALTER TABLE users ADD COLUMN age INTEGER NOT NULL DEFAULT 0;").empty());
  const auto result = lint_file(table + "ALTER TABLE users ADD COLUMN age INTEGER NOT NULL;", "t.sql", sqlite());
  EXPECT_EQ(result.findings[0].message, "SQLite cannot ADD COLUMN \"age\" with NOT NULL and no non-NULL default");
}

TEST(Sqlite, PragmasAndTransactionControlInATransactionalMigration) {
  EXPECT_EQ(sqlite_rules_for("PRAGMA foreign_keys = OFF;"),
            std::vector<std::string>{"sqlite-foreign-keys-in-transaction"});
  EXPECT_TRUE(sqlite_rules_for(no_transaction("PRAGMA foreign_keys = OFF;")).empty());
  EXPECT_EQ(sqlite_rules_for("VACUUM;"), std::vector<std::string>{"sqlite-not-in-transaction"});
  EXPECT_EQ(sqlite_rules_for("PRAGMA journal_mode = WAL;"), std::vector<std::string>{"sqlite-not-in-transaction"});
  EXPECT_TRUE(sqlite_rules_for(no_transaction("VACUUM;")).empty());
  EXPECT_EQ(sqlite_rules_for(no_transaction("BEGIN;\nVACUUM;\nCOMMIT;")),
            std::vector<std::string>{"sqlite-not-in-transaction"});
  EXPECT_EQ(sqlite_rules_for("BEGIN;\nCREATE TABLE t (id INTEGER);\nCOMMIT;"),
            (std::vector<std::string>{"sqlite-transaction-control", "sqlite-transaction-control"}));
}

TEST(Sqlite, StatementsSqliteRejectsCarryItsMessage) {
  const auto result = lint_file("CREATE TABLE a (id INTEGER);\nINSERT INTO b VALUES (1);", "t.sql", sqlite());
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule, "sqlite-statement-fails");
  EXPECT_EQ(result.findings[0].message, "SQLite rejects this statement: no such table: b");
  EXPECT_EQ(result.findings[0].line, 2);
  EXPECT_TRUE(result.has_errors());
}

}  // namespace
}  // namespace strata::lint
