#include <gtest/gtest.h>

#include "strata/schema/sqlite_table_sql.hpp"

namespace strata::schema::sqlite_sql {
namespace {

TEST(SqliteTableSql, ReadsChecksCollationsGeneratedAndOptions) {
  const auto table = parse_create_table(
      "CREATE TABLE \"t\" (a INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT COLLATE NOCASE CHECK (b <> ''),\n"
      "  [c d] numeric(10, 2) DEFAULT (1 + 2), e GENERATED ALWAYS AS (a * 2) STORED,\n"
      "  f AS (lower(b)), CONSTRAINT positive CHECK (a > 0), CHECK ( f IN ('x', 'y') ),\n"
      "  FOREIGN KEY (a) REFERENCES p (id)) WITHOUT ROWID, STRICT");
  ASSERT_EQ(table.checks.size(), 3u);
  EXPECT_EQ(table.checks[0].name, "");
  EXPECT_EQ(table.checks[0].expression, "b <> ''");
  EXPECT_EQ(table.checks[1].name, "positive");
  EXPECT_EQ(table.checks[1].expression, "a > 0");
  EXPECT_EQ(table.checks[2].expression, "f IN('x','y')");
  EXPECT_TRUE(table.columns.at("a").autoincrement);
  EXPECT_EQ(table.columns.at("b").collation, "NOCASE");
  EXPECT_EQ(table.columns.at("c d").generated, "");
  EXPECT_EQ(table.columns.at("e").generated, "a * 2");
  EXPECT_EQ(table.columns.at("f").generated, "lower(b)");
  EXPECT_TRUE(table.without_rowid);
  EXPECT_TRUE(table.strict);
}

TEST(SqliteTableSql, PlainTable) {
  const auto table = parse_create_table("create table x(id int, name text)");
  EXPECT_TRUE(table.checks.empty());
  EXPECT_EQ(table.columns.size(), 2u);
  EXPECT_FALSE(table.without_rowid);
  EXPECT_FALSE(table.strict);
}

TEST(SqliteTableSql, NamedColumnCheck) {
  const auto table = parse_create_table("CREATE TABLE x(a int CONSTRAINT small CHECK(a < 10) NOT NULL)");
  ASSERT_EQ(table.checks.size(), 1u);
  EXPECT_EQ(table.checks[0].name, "small");
  EXPECT_EQ(table.checks[0].expression, "a < 10");
}

TEST(SqliteTableSql, Unquote) {
  EXPECT_EQ(unquote("\"a\"\"b\""), "a\"b");
  EXPECT_EQ(unquote("[x y]"), "x y");
  EXPECT_EQ(unquote("`q`"), "q");
  EXPECT_EQ(unquote("plain"), "plain");
}

TEST(SqliteTableSql, Identifiers) {
  EXPECT_EQ(identifiers("SELECT * FROM \"Users\" JOIN [v2] ON 'x' = 1"),
            (std::vector<std::string>{"select", "from", "users", "join", "v2", "on", "1"}));
}

}  // namespace
}  // namespace strata::schema::sqlite_sql
