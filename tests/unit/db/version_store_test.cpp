#include "strata/db/version_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "support.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

using testing::EngineTest;

bool is_utc_iso(const std::string& text) {
  static const std::regex k_pattern(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  return std::regex_match(text, k_pattern);
}

TEST_P(EngineTest, VersionStoreIsCreatedOnFirstUseAndRoundTrips) {
  auto connection = db().open();
  VersionStore store(*connection);
  EXPECT_FALSE(store.exists());
  EXPECT_TRUE(store.applied().empty());
  EXPECT_TRUE(store.log_entries().empty());
  store.ensure();
  EXPECT_TRUE(store.exists());
  store.ensure();  // idempotent
  {
    auto tx = connection->begin();
    store.record_applied("a1b2c3d4e5f6", "sha-1", 42);
    store.log(LogAction::upgrade, "a1b2c3d4e5f6", "");
    tx.commit();
  }
  const auto applied = store.applied();
  ASSERT_EQ(applied.size(), 1U);
  EXPECT_EQ(applied[0].revision, "a1b2c3d4e5f6");
  EXPECT_EQ(applied[0].checksum, "sha-1");
  EXPECT_EQ(applied[0].execution_ms, 42);
  EXPECT_EQ(applied[0].applied_by, default_actor());
  EXPECT_TRUE(is_utc_iso(applied[0].applied_at)) << applied[0].applied_at;
  EXPECT_FALSE(applied[0].dirty);
  EXPECT_FALSE(applied[0].dirty_statement.has_value());
  const auto log = store.log_entries();
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0].action, "upgrade");
  EXPECT_EQ(log[0].revision, "a1b2c3d4e5f6");
  EXPECT_FALSE(log[0].detail.has_value());
  EXPECT_TRUE(is_utc_iso(log[0].logged_at));
}

// A scratch database's store: every write is a no-op, nothing is created, and it reads as empty.
TEST_P(EngineTest, AStoreWithoutRecordsWritesNothing) {
  auto connection = db().open();
  VersionStoreOptions options;
  options.records = false;
  VersionStore store(*connection, options);
  store.ensure();
  {
    auto tx = connection->begin();
    store.record_applied("a1b2c3d4e5f6", "sha-1", 42);
    store.log(LogAction::upgrade, "a1b2c3d4e5f6", "");
    store.mark_started("b1b2c3d4e5f6", "sha-2");
    store.mark_failed("b1b2c3d4e5f6", 1, "boom", DirtyDirection::up);
    store.remove("a1b2c3d4e5f6");  // not there: still no error
    tx.commit();
  }
  EXPECT_FALSE(store.exists());
  EXPECT_TRUE(store.applied().empty());
  EXPECT_TRUE(store.log_entries().empty());
  VersionStore real(*connection);
  EXPECT_FALSE(real.exists());
}

TEST_P(EngineTest, VersionRowIsRolledBackWithItsTransaction) {
  auto connection = db().open();
  VersionStore store(*connection);
  store.ensure();
  {
    auto tx = connection->begin();
    connection->execute("CREATE TABLE created_by_migration (v INTEGER)");
    store.record_applied("r1", "c1", 1);
  }
  EXPECT_TRUE(store.applied().empty());
  EXPECT_THROW(connection->query("SELECT * FROM created_by_migration"), StatementError);
}

TEST_P(EngineTest, RemoveNeedsExactlyOneRow) {
  auto connection = db().open();
  VersionStoreOptions options;
  options.actor = "deployer@ci";
  VersionStore store(*connection, options);
  store.ensure();
  store.record_applied("r1", "c1", 1);
  store.remove("r1");
  EXPECT_TRUE(store.applied().empty());
  expect_error<DatabaseError>([&] { store.remove("r1"); }, ErrorCode::version_row_missing,
                              connection->display_name() +
                                  ": cannot remove revision 'r1' in strata_migrations: 0 rows matched, "
                                  "expected exactly 1");
  expect_error<DatabaseError>([&] { store.record_progress("ghost", 3); }, ErrorCode::version_row_missing,
                              connection->display_name() +
                                  ": cannot record progress of revision 'ghost' in strata_migrations: 0 rows "
                                  "matched, expected exactly 1");
}

TEST_P(EngineTest, RecordingARevisionTwiceFails) {
  auto connection = db().open();
  VersionStore store(*connection);
  store.ensure();
  store.record_applied("r1", "c1", 1);
  const auto error = expect_error<StatementError>([&] { store.record_applied("r1", "c1", 1); }, ErrorCode::sql_error);
  EXPECT_EQ(error.fields().sqlstate, GetParam() == Engine::postgres ? "23505" : "SQLITE_CONSTRAINT_PRIMARYKEY");
}

TEST_P(EngineTest, NonTransactionalMigrationProgressAndDirtyState) {
  auto connection = db().open();
  VersionStoreOptions options;
  options.actor = "ops@host";
  VersionStore store(*connection, options);
  store.ensure();
  store.mark_started("idx1", "c9");
  store.record_progress("idx1", 1);
  store.record_progress("idx1", 2);
  store.mark_failed("idx1", 2, "relation \"t\" does not exist", DirtyDirection::up);
  auto rows = store.applied();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_TRUE(rows[0].dirty);
  EXPECT_EQ(rows[0].statements_done, 2);
  EXPECT_EQ(rows[0].dirty_statement, 2);
  EXPECT_EQ(rows[0].dirty_error, "relation \"t\" does not exist");
  EXPECT_EQ(rows[0].dirty_direction, DirtyDirection::up);
  EXPECT_EQ(rows[0].applied_by, "ops@host");
  // resolve --resume: continue at statements_done, then complete.
  store.record_progress("idx1", 3);
  store.mark_completed("idx1", 1234);
  rows = store.applied();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_FALSE(rows[0].dirty);
  EXPECT_EQ(rows[0].statements_done, 3);
  EXPECT_FALSE(rows[0].dirty_statement.has_value());
  EXPECT_FALSE(rows[0].dirty_error.has_value());
  EXPECT_EQ(rows[0].execution_ms, 1234);
}

TEST_P(EngineTest, ReplaceAllMakesTheAppliedSetExact) {
  auto connection = db().open();
  VersionStore store(*connection);
  store.ensure();
  store.record_applied("old", "c0", 5);
  {
    auto tx = connection->begin();
    store.replace_all({{"b", "cb"}, {"a", "ca"}});
    store.log(LogAction::stamp, "", "stamp --purge a b");
    tx.commit();
  }
  const auto rows = store.applied();
  ASSERT_EQ(rows.size(), 2U);
  std::vector<std::string> revisions{rows[0].revision, rows[1].revision};
  std::sort(revisions.begin(), revisions.end());
  EXPECT_EQ(revisions, (std::vector<std::string>{"a", "b"}));
  const auto log = store.log_entries();
  ASSERT_EQ(log.size(), 1U);
  EXPECT_FALSE(log[0].revision.has_value());
  EXPECT_EQ(log[0].detail, "stamp --purge a b");
}

TEST_P(EngineTest, AlembicVersionHoldsExactlyTheHeads) {
  auto connection = db().open();
  VersionStoreOptions options;
  options.alembic_version = true;
  VersionStore store(*connection, options);
  EXPECT_FALSE(store.alembic_exists());
  EXPECT_TRUE(store.alembic_heads().empty());
  store.ensure();
  EXPECT_TRUE(store.alembic_exists());
  store.set_alembic_heads({"ae1027a6acf", "1975ea83b712"});
  EXPECT_EQ(store.alembic_heads(), (std::vector<std::string>{"1975ea83b712", "ae1027a6acf"}));
  store.set_alembic_heads({"27c6a30d7c24"});
  EXPECT_EQ(store.alembic_heads(), (std::vector<std::string>{"27c6a30d7c24"}));
  expect_error<UsageError>([&] { store.set_alembic_heads({std::string(33, 'a')}); },
                           ErrorCode::alembic_revision_too_long,
                           "revision '" + std::string(33, 'a') +
                               "' is longer than the 32 characters alembic_version.version_num holds; run without "
                               "alembic_version");
}

TEST_P(EngineTest, ReadsAnAlembicVersionTableAlembicCreated) {
  auto connection = db().open();
  // As Alembic 1.8 creates it.
  connection->execute(
      "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY "
      "(version_num))");
  connection->execute("INSERT INTO alembic_version (version_num) VALUES ('3f9c2e1a7b44')");
  VersionStore store(*connection);
  EXPECT_TRUE(store.alembic_exists());
  EXPECT_EQ(store.alembic_heads(), (std::vector<std::string>{"3f9c2e1a7b44"}));
  EXPECT_FALSE(store.exists());
}

TEST_P(EngineTest, CustomNamesAndSchema) {
  auto connection = db().open();
  VersionStoreOptions options;
  options.table = "Schema History";  // needs quoting
  options.log_table = "history_log";
  if (GetParam() == Engine::postgres) options.schema = db().schema() + "_meta";
  VersionStore store(*connection, options);
  EXPECT_FALSE(store.exists());  // the schema does not exist yet either: still a plain "no"
  EXPECT_TRUE(store.applied().empty());
  store.ensure();
  store.record_applied("r1", "c1", 1);
  EXPECT_EQ(store.applied().size(), 1U);
  const std::string probe = GetParam() == Engine::postgres
                                ? "SELECT count(*) FROM \"" + options.schema + "\".\"Schema History\""
                                : "SELECT count(*) FROM \"Schema History\"";
  EXPECT_EQ(connection->query(probe).one_field(), "1");
  if (GetParam() == Engine::postgres) connection->execute("DROP SCHEMA \"" + options.schema + "\" CASCADE");
}

// Every write also exists as SQL text: the rendered script, run as plain SQL, produces the same state.
TEST_P(EngineTest, RenderedScriptProducesTheSameState) {
  auto connection = db().open();
  VersionStoreOptions options;
  options.actor = "O'Brien\\ops";
  options.alembic_version = true;
  const VersionStoreSql sql(GetParam(), options);
  std::string script;
  for (const auto& command : sql.create()) script += render(GetParam(), command) + "\n";
  script += render(GetParam(), sql.insert_applied("r1", "c'1\\x", 7)) + "\n";
  script += render(GetParam(), sql.insert_log(LogAction::upgrade, "r1", "it's \\ done")) + "\n";
  for (const auto& command : sql.set_alembic_heads({"r1"})) script += render(GetParam(), command) + "\n";
  connection->execute(script);
  VersionStore store(*connection, options);
  const auto rows = store.applied();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].checksum, "c'1\\x");
  EXPECT_EQ(rows[0].applied_by, "O'Brien\\ops");
  EXPECT_EQ(rows[0].execution_ms, 7);
  EXPECT_EQ(store.log_entries().at(0).detail, "it's \\ done");
  EXPECT_EQ(store.alembic_heads(), (std::vector<std::string>{"r1"}));
}

// A table by hand with the store's columns but any values, as a user editing rows would leave it.
void make_loose_store(Connection& connection, const std::string& values) {
  connection.execute(
      "CREATE TABLE strata_migrations (revision TEXT, checksum TEXT, applied_at TEXT, execution_ms TEXT, "
      "applied_by TEXT, dirty TEXT, statements_done TEXT, dirty_statement TEXT, dirty_error TEXT, "
      "dirty_direction TEXT)");
  connection.execute("INSERT INTO strata_migrations VALUES (" + values + ")");
}

TEST_P(EngineTest, ValuesStrataNeverWritesAreErrorsNamingRowAndColumn) {
  auto connection = db().open();
  make_loose_store(*connection, "'r1', 'c1', 't', '0', 'me', 'yes', '0', NULL, NULL, NULL");
  const std::string invalid =
      connection->display_name() + ": strata's version table strata_migrations holds a value strata never writes: ";
  const std::string hint =
      "; nothing was changed\nhint: the table is written only by strata: correct or delete "
      "that row with the database's own client, or restore the table from a backup";
  const auto applied = [&] { VersionStore(*connection).applied(); };
  expect_error<DatabaseError>(applied, ErrorCode::version_store_invalid,
                              invalid + "dirty is 'yes' in the row of revision 'r1' (expected 0 or 1)" + hint);
  connection->execute("UPDATE strata_migrations SET dirty = '1', statements_done = '-5'");
  expect_error<DatabaseError>(
      applied, ErrorCode::version_store_invalid,
      invalid + "statements_done is '-5' in the row of revision 'r1' (expected a whole number of 0 or more)" + hint);
  connection->execute("UPDATE strata_migrations SET statements_done = '0', dirty_direction = 'sideways'");
  expect_error<DatabaseError>(
      applied, ErrorCode::version_store_invalid,
      invalid + "dirty_direction is 'sideways' in the row of revision 'r1' (expected up or down)" + hint);
  connection->execute("UPDATE strata_migrations SET dirty_direction = 'up', checksum = NULL");
  expect_error<DatabaseError>(applied, ErrorCode::version_store_invalid,
                              invalid + "checksum is NULL in the row of revision 'r1' (expected a value)" + hint);
}

TEST_P(EngineTest, ATableOfTheWrongShapeIsNamedAsStratasVersionTable) {
  auto connection = db().open();
  connection->execute("CREATE TABLE strata_migrations (id integer, revision text)");
  VersionStore store(*connection);
  for (int attempt = 0; attempt < 2; ++attempt) {
    {
      const auto error = expect_error<DatabaseError>(
          [&] {
            if (attempt == 0) store.ensure();
            else store.applied();
          },
          ErrorCode::version_store_shape);
      EXPECT_EQ(
          std::string(error.what()),
          connection->display_name() +
              ": table strata_migrations has the name of strata's version table but "
              "not its shape: it lacks the columns checksum, applied_at, execution_ms, applied_by, dirty, "
              "statements_done, dirty_statement, dirty_error; nothing was changed\nhint: if it is a table of your "
              "own, name strata's version table differently in strata.toml ([version_store] table = \"...\"); if "
              "it is strata's, restore it from a backup");
    }
  }
  VersionStore fresh(*connection);
  EXPECT_EQ(fresh.log_entries().size(), 0U) << "ensure() created the log table despite refusing";
}

// Stores made before dirty_direction existed kept a failed downgrade as a "downgrade: " prefix of dirty_error:
// read as such, and converted by ensure().
TEST_P(EngineTest, OldStoresAreReadAndConvertedToTheDirectionColumn) {
  auto connection = db().open();
  connection->execute(
      "CREATE TABLE strata_migrations (revision TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, "
      "execution_ms BIGINT NOT NULL DEFAULT 0, applied_by TEXT NOT NULL, dirty INTEGER NOT NULL DEFAULT 0, "
      "statements_done INTEGER NOT NULL DEFAULT 0, dirty_statement INTEGER, dirty_error TEXT)");
  connection->execute(
      "INSERT INTO strata_migrations VALUES ('down1', 'c', 't', 0, 'me', 1, 0, 1, "
      "'downgrade: boom'), ('up1', 'c', 't', 0, 'me', 1, 0, 0, 'bang'), ('ok1', 'c', 't', 0, 'me', "
      "0, 0, NULL, NULL)");
  VersionStore store(*connection);
  const auto check = [&](const char* when) {
    auto rows = store.applied();
    ASSERT_EQ(rows.size(), 3U) << when;
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.revision < b.revision; });
    EXPECT_EQ(rows[0].revision, "down1");
    EXPECT_EQ(rows[0].dirty_direction, DirtyDirection::down) << when;
    EXPECT_EQ(rows[0].dirty_error, "boom") << when;
    EXPECT_FALSE(rows[1].dirty_direction.has_value()) << when;
    EXPECT_EQ(rows[2].dirty_direction, DirtyDirection::up) << when;
    EXPECT_EQ(rows[2].dirty_error, "bang") << when;
  };
  check("before ensure()");
  store.ensure();
  check("after ensure()");
  const auto stored = connection->query(
      "SELECT dirty_direction, dirty_error FROM strata_migrations WHERE "
      "revision = 'down1'");
  EXPECT_EQ(stored.rows().at(0)[0], "down");
  EXPECT_EQ(stored.rows().at(0)[1], "boom");
  store.ensure();  // idempotent
  check("after a second ensure()");
}

TEST(VersionStoreSql, RendersLiteralsPerEngine) {
  VersionStoreOptions options;
  options.actor = "me@host";
  const VersionStoreSql pg(Engine::postgres, options);
  EXPECT_EQ(render(Engine::postgres, pg.delete_applied("it's")),
            "DELETE FROM \"strata_migrations\" WHERE revision = 'it''s';");
  EXPECT_EQ(render(Engine::postgres, pg.update_failed("r", 2, "a\\b", DirtyDirection::down)),
            "UPDATE \"strata_migrations\" SET dirty = 1, dirty_statement = '2', dirty_error = E'a\\\\b', "
            "dirty_direction = 'down' WHERE revision = 'r';");
  const VersionStoreSql lite(Engine::sqlite, options);
  EXPECT_EQ(render(Engine::sqlite, lite.insert_log(LogAction::resolve, "r", "")),
            "INSERT INTO \"strata_migrations_log\" (logged_at, action, revision, detail, performed_by) VALUES "
            "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'resolve', 'r', NULL, 'me@host');");
}

TEST(VersionStoreSql, PlaceholdersInsideQuotedNamesAreLeftAlone) {
  VersionStoreOptions options;
  options.table = "t$1";
  const VersionStoreSql sql(Engine::sqlite, options);
  EXPECT_EQ(render(Engine::sqlite, sql.delete_applied("x")), "DELETE FROM \"t$1\" WHERE revision = 'x';");
}

TEST(VersionStoreSql, BadNamesAreConfigErrors) {
  const auto sql_for = [](Engine engine, const VersionStoreOptions& options) {
    return [=] { [[maybe_unused]] const VersionStoreSql sql(engine, options); };
  };
  VersionStoreOptions empty;
  empty.table = "";
  expect_error<ConfigError>(sql_for(Engine::sqlite, empty), ErrorCode::config, "version-store table name is empty");
  VersionStoreOptions same;
  same.log_table = same.table;
  expect_error<ConfigError>(
      sql_for(Engine::sqlite, same), ErrorCode::config,
      "version-store table and log table are both named 'strata_migrations'; give them different names");
  VersionStoreOptions schema;
  schema.schema = "meta";
  expect_error<ConfigError>(sql_for(Engine::sqlite, schema), ErrorCode::config,
                            "version-store schema 'meta' is only supported on PostgreSQL (SQLite has no schemas)");
  VersionStoreOptions long_name;
  long_name.log_table = std::string(64, 'x');
  expect_error<ConfigError>(sql_for(Engine::postgres, long_name), ErrorCode::config,
                            "version-store log table name '" + std::string(64, 'x') +
                                "' is longer than PostgreSQL's 63-byte identifier limit");
}

TEST(LogAction, Names) {
  EXPECT_EQ(to_string(LogAction::upgrade), "upgrade");
  EXPECT_EQ(to_string(LogAction::downgrade), "downgrade");
  EXPECT_EQ(to_string(LogAction::stamp), "stamp");
  EXPECT_EQ(to_string(LogAction::failure), "failure");
  EXPECT_EQ(to_string(LogAction::resolve), "resolve");
}

}  // namespace
}  // namespace strata::db
