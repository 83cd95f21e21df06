// The DDL generator's exact text for small cases on both engines, and its ordering hazards.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/support.hpp"
#include "schema/ddl_support.hpp"
#include "strata/db/statement.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/schema/format.hpp"
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

// Builds FROM and TO on a real database, generates both directions, and checks that each applied to its start
// gives exactly its goal. Returns the up DDL for checks of its text.
Ddl round_trip(Target& target, const std::string& from_sql, const std::string& to_sql, const DdlOptions& options = {}) {
  const Snapshot from = target.build(from_sql);
  const Snapshot to = target.build(to_sql);
  Ddl up;
  for (const bool forward : {true, false}) {
    const Snapshot& start = forward ? from : to;
    const Snapshot& goal = forward ? to : from;
    const Ddl ddl = generate_ddl(start, goal, options);
    if (forward) up = ddl;
    db::Connection& connection = target.reset();
    run_script(connection, format_sql(start));
    run_script(connection, ddl.before_sql);
    run_script(connection, ddl.sql);
    run_script(connection, ddl.after_sql);
    const auto differences = diff(goal, target.read());
    EXPECT_TRUE(differences.empty()) << (forward ? "up" : "down") << " leaves:\n"
                                     << listing(differences) << "DDL:\n"
                                     << ddl.before_sql << ddl.sql << ddl.after_sql;
  }
  return up;
}

// Whether `first` occurs in `text`, and before `second`.
::testing::AssertionResult in_order(const std::string& text, const std::string& first, const std::string& second) {
  const auto a = text.find(first);
  const auto b = text.find(second);
  if (a == std::string::npos || b == std::string::npos || a >= b)
    return ::testing::AssertionFailure() << "'" << first << "' is not before '" << second << "' in:\n" << text;
  return ::testing::AssertionSuccess();
}

// Hazards that differ only in data: FROM and TO round-trip (both directions), then the up DDL's text is checked.
struct Hazard {
  std::string name;
  db::Engine engine;
  std::string from_sql;
  std::string to_sql;
  std::vector<std::pair<std::string, std::string>> in_order = {};  // each first occurs in the up DDL, before the second
  std::vector<std::string> contains = {};                          // each occurs in the up DDL
  std::optional<bool> needs_no_transaction = {};
  std::optional<std::vector<std::string>> warnings = {};  // the reasons of the up DDL's warnings, all of them
};
// gtest prints a parameter in the test's name: the case's name, not its bytes.
void PrintTo(const Hazard& hazard, std::ostream* out) { *out << hazard.name; }

const std::string k_sqlite_rest =
    "CREATE INDEX t_name ON t (name);\n"
    "CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT);\n"
    "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log (what) VALUES (new.name); END;\n"
    "CREATE VIEW v AS SELECT id, name FROM t;\n";
const std::string k_sqlite_child = "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));\n";

const std::vector<Hazard> k_hazards = {
    {.name = "SqliteRebuildRecreatesIndexesTriggersAndViews",
     .engine = db::Engine::sqlite,
     .from_sql = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n" + k_sqlite_rest,
     .to_sql = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n" + k_sqlite_rest,
     .in_order = {{"DROP VIEW", "CREATE TABLE \"t__strata_new\""},
                  {"ALTER TABLE \"t__strata_new\" RENAME TO \"t\"", "CREATE INDEX t_name"},
                  {"ALTER TABLE \"t__strata_new\" RENAME TO \"t\"", "CREATE TRIGGER t_log"},
                  {"ALTER TABLE \"t__strata_new\" RENAME TO \"t\"", "CREATE VIEW v"}},
     .needs_no_transaction = false},
    {.name = "SqliteRebuildOfAReferencedTableSwitchesForeignKeysOffOutsideTheTransaction",
     .engine = db::Engine::sqlite,
     .from_sql = "CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT);\n" + k_sqlite_child,
     .to_sql = "CREATE TABLE p (id INTEGER PRIMARY KEY, v INTEGER);\n" + k_sqlite_child,
     .in_order = {{"PRAGMA foreign_keys = OFF;\nBEGIN;", "CREATE TABLE \"p__strata_new\""},
                  {"PRAGMA foreign_key_check;\nCOMMIT;", "PRAGMA foreign_keys = ON;"}},
     .needs_no_transaction = true},
    {.name = "SqliteForeignKeyCycle",
     .engine = db::Engine::sqlite,
     .from_sql = "CREATE TABLE x (id INTEGER PRIMARY KEY);\n",
     .to_sql = "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id));\n"
               "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n"},
    {.name = "PostgresForeignKeyCycleAddsTheConstraintsLast",
     .engine = db::Engine::postgres,
     .from_sql = "CREATE TABLE x (id integer PRIMARY KEY);\n",
     .to_sql = "CREATE TABLE a (id integer PRIMARY KEY, b_id integer);\n"
               "CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES a (id));\n"
               "ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);\n",
     .in_order = {{"CREATE TABLE", "FOREIGN KEY"}, {"\"b\" (", "FOREIGN KEY"}}},
    {.name = "PostgresViewOverAColumnWhoseTypeChangesIsDroppedFirst",
     .engine = db::Engine::postgres,
     .from_sql = "CREATE TABLE t (id integer PRIMARY KEY, n integer);\n"
                 "CREATE VIEW v AS SELECT id, n FROM t;\nCREATE VIEW w AS SELECT n FROM v;\n",
     .to_sql = "CREATE TABLE t (id integer PRIMARY KEY, n bigint);\n"
               "CREATE VIEW v AS SELECT id, n FROM t;\nCREATE VIEW w AS SELECT n FROM v;\n",
     .in_order = {{"DROP VIEW", "ALTER COLUMN \"n\" TYPE bigint"}, {"ALTER COLUMN \"n\" TYPE bigint", "CREATE VIEW"}},
     .contains = {": dropped and created again, since what it reads changes\n"}},
    {.name = "PostgresEnumValueAddedAndUsedNeedsNoTransaction",
     .engine = db::Engine::postgres,
     .from_sql = "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
                 "CREATE TABLE t (id integer PRIMARY KEY, m mood DEFAULT 'ok');\n",
     .to_sql = "CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');\n"
               "CREATE TABLE t (id integer PRIMARY KEY, m mood DEFAULT 'happy');\n",
     .in_order = {{"ADD VALUE 'happy' BEFORE 'ok'", "SET DEFAULT 'happy'"}},
     .needs_no_transaction = true},
    {.name = "PostgresEnumLosingAValueInUseIsRecreatedAndItsColumnsConverted",
     .engine = db::Engine::postgres,
     .from_sql = "CREATE TYPE mood AS ENUM ('ok', 'sad', 'meh');\n"
                 "CREATE TABLE t (id integer PRIMARY KEY, m mood DEFAULT 'ok');\n"
                 "CREATE VIEW v AS SELECT m FROM t;\n",
     .to_sql = "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
               "CREATE TABLE t (id integer PRIMARY KEY, m mood DEFAULT 'ok');\n"
               "CREATE VIEW v AS SELECT m FROM t;\n",
     .in_order = {{"DROP VIEW", "RENAME TO \"mood__strata_old\""},
                  {"ALTER COLUMN \"m\" DROP DEFAULT", "ALTER COLUMN \"m\" TYPE"},
                  {"ALTER COLUMN \"m\" TYPE", "DROP TYPE"}},
     .warnings = std::vector<std::string>{"removes or reorders values; rows holding a removed value fail to convert"}},
    {.name = "PostgresFunctionComesBeforeItsTriggerAndGoesAfterIt",
     .engine = db::Engine::postgres,
     .from_sql = "CREATE TABLE t (id integer PRIMARY KEY, n integer);\n",
     .to_sql = "CREATE TABLE t (id integer PRIMARY KEY, n integer);\n"
               "CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN new.n := new.n + 1; "
               "RETURN new; END $$;\n"
               "CREATE TRIGGER t_bump BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION bump();\n",
     .in_order = {{"CREATE OR REPLACE FUNCTION", "CREATE TRIGGER"}}},
};

class DdlHazardRoundTrip : public ::testing::TestWithParam<Hazard> {};

TEST_P(DdlHazardRoundTrip, UpAndDown) {
  const Hazard& hazard = GetParam();
  std::string pg_url;
  if (hazard.engine == db::Engine::postgres) {
    STRATA_PG_URL_OR_SKIP(url);
    pg_url = url;
  }
  Target target(hazard.engine, pg_url);
  const Ddl up = round_trip(target, hazard.from_sql, hazard.to_sql);
  for (const auto& [first, second] : hazard.in_order) EXPECT_TRUE(in_order(up.sql, first, second));
  for (const auto& text : hazard.contains) EXPECT_NE(up.sql.find(text), std::string::npos) << up.sql;
  if (hazard.needs_no_transaction) {
    EXPECT_EQ(up.needs_no_transaction, *hazard.needs_no_transaction);
  }
  if (hazard.warnings) {
    ASSERT_EQ(up.warnings.size(), hazard.warnings->size());
    for (std::size_t i = 0; i < up.warnings.size(); ++i) EXPECT_EQ(up.warnings[i].reason, (*hazard.warnings)[i]);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, DdlHazardRoundTrip, ::testing::ValuesIn(k_hazards),
                         [](const ::testing::TestParamInfo<Hazard>& test) { return test.param.name; });

TEST(DdlHazards, PostgresViewGainingColumnsIsReplacedInPlace) {
  STRATA_PG_URL_OR_SKIP(url);
  Target target(db::Engine::postgres, url);
  const std::string table = "CREATE TABLE t (id integer PRIMARY KEY, a text, b text);\n";
  const std::string dependent = "CREATE VIEW w AS SELECT id FROM v;\n";
  const Ddl up = round_trip(target, table + "CREATE VIEW v AS SELECT id, a FROM t;\n" + dependent,
                            table + "CREATE VIEW v AS SELECT id, a, b FROM t WHERE id > 0;\n" + dependent);
  EXPECT_NE(up.sql.find("CREATE OR REPLACE VIEW"), std::string::npos) << up.sql;
  EXPECT_EQ(up.sql.find("DROP VIEW"), std::string::npos) << up.sql;
  // Back: a column goes, which CREATE OR REPLACE VIEW cannot do.
  const Snapshot from = target.build(table + "CREATE VIEW v AS SELECT id, a, b FROM t;\n");
  const Snapshot to = target.build(table + "CREATE VIEW v AS SELECT id, a FROM t;\n");
  const Ddl down = generate_ddl(from, to);
  EXPECT_NE(down.sql.find(": dropped and created again, since CREATE OR REPLACE VIEW can only append columns "
                          "(columns before: id integer, a text, b text; after: id integer, a text)\n"),
            std::string::npos)
      << down.sql;
  EXPECT_EQ(down.sql.find("\nCREATE OR REPLACE VIEW"), std::string::npos) << down.sql;
  EXPECT_NE(down.sql.find("\nCREATE VIEW"), std::string::npos) << down.sql;
}

TEST(DdlHazards, PostgresOnlineFormsRoundTrip) {
  STRATA_PG_URL_OR_SKIP(url);
  Target target(db::Engine::postgres, url);
  DdlOptions online;
  online.online = true;
  const Ddl up = round_trip(target,
                            "CREATE TABLE p (id integer PRIMARY KEY);\n"
                            "CREATE TABLE t (id integer PRIMARY KEY, p_id integer, n integer);\n"
                            "CREATE INDEX t_n ON t (n);\n",
                            "CREATE TABLE p (id integer PRIMARY KEY);\n"
                            "CREATE TABLE t (id integer PRIMARY KEY, p_id integer REFERENCES p (id), n integer "
                            "CHECK (n > 0));\n"
                            "CREATE INDEX t_p ON t (p_id);\n",
                            online);
  EXPECT_NE(up.before_sql.find("DROP INDEX CONCURRENTLY IF EXISTS"), std::string::npos) << up.before_sql;
  EXPECT_TRUE(in_order(up.sql, "FOREIGN KEY (p_id) REFERENCES ", ".p(id) NOT VALID;\n"));
  EXPECT_NE(up.sql.find("CHECK ((n > 0)) NOT VALID;"), std::string::npos) << up.sql;
  EXPECT_TRUE(in_order(up.after_sql, "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_p", "VALIDATE CONSTRAINT"));
  EXPECT_EQ(up.sql.find("INDEX"), std::string::npos) << up.sql;
}

}  // namespace
}  // namespace strata::schema
