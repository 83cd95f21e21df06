// The DDL generator's exact text for small cases on both engines, and its ordering hazards.
#include <gtest/gtest.h>

#include "db/support.hpp"
#include "strata/db/statement.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/schema/read.hpp"

namespace strata::schema {
namespace {

using db::testing::TestDatabase;

Snapshot sqlite_snapshot(const std::string& sql) {
  TestDatabase database(db::Engine::sqlite, "");
  auto connection = database.open();
  for (const auto& statement : db::split_statements(db::Engine::sqlite, sql)) connection->execute(statement.text);
  return read_snapshot(*connection, {});
}

TEST(DdlSqlite, AddsAColumnWithAlterTable) {
  const Ddl ddl = generate_ddl(sqlite_snapshot("CREATE TABLE t (id INTEGER PRIMARY KEY);"),
                               sqlite_snapshot("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT DEFAULT 'x');"));
  EXPECT_EQ(ddl.sql, "ALTER TABLE \"t\" ADD COLUMN \"name\" TEXT DEFAULT 'x';\n");
  EXPECT_TRUE(ddl.warnings.empty());
  EXPECT_FALSE(ddl.needs_no_transaction);
}

}  // namespace
}  // namespace strata::schema
