// SnapshotReader against real databases: a varied history (tables, columns added, altered, renamed and dropped,
// defaults, checks, foreign keys, indexes, views, functions, triggers, enums, domains, comments, policies,
// renames, DROP ... CASCADE) replayed step by step, the incremental snapshot compared after every step with a
// fresh full read_snapshot(), object by object and by hash.
#include <gtest/gtest.h>

#include "db/support.hpp"
#include "support/postgres.hpp"
#include "strata/schema/diff.hpp"
#include "strata/schema/tracked_comparison.hpp"
#include "strata/schema/format.hpp"
#include "strata/schema/read.hpp"

namespace strata::schema {
namespace {

using db::testing::EngineTest;

// The first object (or attribute) where two snapshots part, or "" when they are the same byte for byte.
std::string first_difference(const Snapshot& full, const Snapshot& incremental) {
  const auto describe = [](const SchemaObject& o) {
    std::string text = std::string(to_string(o.kind)) + " " + o.qualified_name() + " {";
    for (const auto& [name, value] : o.attributes) text += name + "=" + value + "; ";
    text += "} depends on";
    for (const auto& name : o.depends_on) text += " " + name;
    return text;
  };
  const std::size_t size = std::max(full.objects.size(), incremental.objects.size());
  for (std::size_t i = 0; i < size; ++i) {
    if (i >= full.objects.size()) return "extra in the incremental read: " + describe(incremental.objects[i]);
    if (i >= incremental.objects.size()) return "missing from the incremental read: " + describe(full.objects[i]);
    const auto& a = full.objects[i];
    const auto& b = incremental.objects[i];
    if (a.kind != b.kind || a.schema != b.schema || a.table != b.table || a.name != b.name ||
        a.attributes != b.attributes || a.depends_on != b.depends_on)
      return "full: " + describe(a) + "\nincremental: " + describe(b);
  }
  return full.engine == incremental.engine ? "" : "engine";
}

// Runs each step, then checks the reader against a fresh full read (object by object and by hash), and that a
// read with nothing changed re-reads nothing; counts the steps read partially. `logged`: every read must have
// followed the DDL log.
void replay_against_full_reads(db::Connection& connection, SnapshotReader& reader, const ReadOptions& options,
                               const std::vector<std::string>& history, bool logged, std::size_t& partial) {
  // The groups each read names as changed must be all that changed: a comparison fed only with them (against the
  // schema before the history, any fixed target would do) must agree with the whole snapshot after every step.
  const Snapshot start = read_snapshot(connection, options);
  TrackedComparison comparison(start, {});
  comparison.update(reader.read(), nullptr);
  const auto follow = [&](const Snapshot& incremental) {
    comparison.update(incremental, reader.last().full ? nullptr : &reader.last().groups);
  };
  for (const auto& step : history) {
    SCOPED_TRACE(step);
    connection.execute(step);
    const Snapshot& incremental = reader.read();
    follow(incremental);
    EXPECT_TRUE(!logged || reader.last().logged);
    if (!reader.last().full) ++partial;
    const Snapshot full = read_snapshot(connection, options);
    ASSERT_EQ(first_difference(full, incremental), "");
    EXPECT_EQ(snapshot_hash(full), snapshot_hash(incremental));
    EXPECT_EQ(comparison.hash(), snapshot_hash(full));
    EXPECT_EQ(comparison.difference_count(), difference_count(full, start));
    // Nothing changed: nothing is read again.
    follow(reader.read());
    EXPECT_EQ(reader.last().reread, 0u);
    EXPECT_FALSE(reader.last().full);
    // (Without the DDL log, schemas and extensions are read again every time: their groups count as replaced.)
    EXPECT_TRUE(!logged || reader.last().groups.empty());
  }
}

const std::vector<std::string> k_sqlite_history = {
    "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x', CHECK (length(name) < 50))",
    "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INT REFERENCES a(id) ON DELETE CASCADE, v REAL, UNIQUE (a_id, v))",
    "CREATE INDEX b_v ON b (v DESC) WHERE v IS NOT NULL",
    "ALTER TABLE a ADD COLUMN extra TEXT DEFAULT 'e'",
    "CREATE VIEW va AS SELECT id, name, extra FROM a",
    "CREATE VIEW vb AS SELECT * FROM va",
    "CREATE TRIGGER a_touch AFTER INSERT ON a BEGIN UPDATE a SET name = 'y' WHERE id = new.id; END",
    "ALTER TABLE a RENAME COLUMN extra TO more",
    "ALTER TABLE a RENAME TO a2",
    "DROP VIEW vb",
    "DROP VIEW va",
    "ALTER TABLE a2 DROP COLUMN more",
    "DROP INDEX b_v",
    "CREATE INDEX b_expr ON b (lower(v))",
    "CREATE TABLE c (x TEXT COLLATE NOCASE, y TEXT GENERATED ALWAYS AS (x || 'y') STORED)",
    "CREATE TABLE w (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
    "CREATE VIEW vc AS SELECT * FROM c",
    "CREATE VIEW vw AS SELECT * FROM vc JOIN w ON w.k = vc.x",
    "DROP TABLE b",
    "CREATE TRIGGER c_touch AFTER UPDATE ON c BEGIN SELECT 1; END",
    "DROP TRIGGER a_touch",
    "CREATE TABLE strata_scratch_migrations (x)",  // the version store: never in a snapshot
    "DROP TABLE a2",
    "CREATE TABLE s (id INTEGER PRIMARY KEY AUTOINCREMENT, t TEXT) STRICT",
    "DROP TABLE w",
    "DROP VIEW vc",
};

const std::vector<std::string> k_postgres_history = {
    "CREATE TYPE mood AS ENUM ('sad', 'ok')",
    "CREATE TABLE a (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'x', m mood, "
    "CONSTRAINT name_len CHECK (length(name) < 50))",
    "CREATE TABLE b (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a_id int REFERENCES a(id) ON DELETE CASCADE, "
    "v numeric(10, 2), UNIQUE (a_id, v))",
    "CREATE INDEX b_v ON b (v DESC) WHERE v IS NOT NULL",
    "ALTER TABLE a ADD COLUMN extra text DEFAULT 'e'",
    "ALTER TABLE a ALTER COLUMN extra SET DEFAULT 'f'",
    "ALTER TABLE a ALTER COLUMN extra TYPE varchar(20)",
    "CREATE VIEW va AS SELECT id, name, extra FROM a",
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.name := 'y'; RETURN NEW; END$$",
    "CREATE TRIGGER a_touch BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION touch()",
    "COMMENT ON TABLE a IS 'the a'; COMMENT ON COLUMN a.name IS 'its name'",
    "COMMENT ON CONSTRAINT name_len ON a IS 'short'",
    "COMMENT ON INDEX b_v IS 'by v'; COMMENT ON TRIGGER a_touch ON a IS 'touches'",
    "ALTER TABLE a ENABLE ROW LEVEL SECURITY; CREATE POLICY own ON a USING (name <> 'secret')",
    "COMMENT ON POLICY own ON a IS 'mine'",
    "ALTER TYPE mood ADD VALUE 'happy'",
    "ALTER TABLE a RENAME COLUMN extra TO more",
    "ALTER TABLE b RENAME TO b2",
    "ALTER TABLE a RENAME TO a2",
    "ALTER TYPE mood RENAME TO feeling",
    "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
    "ALTER TABLE a2 DROP COLUMN more CASCADE",
    "COMMENT ON TABLE a2 IS NULL",
    "CREATE VIEW va AS SELECT id, name FROM a2",
    "CREATE DOMAIN posint AS int CHECK (VALUE > 0); CREATE TABLE d (p posint)",
    "ALTER DOMAIN posint ADD CONSTRAINT small CHECK (VALUE < 100)",
    "CREATE SEQUENCE s START 5",
    "ALTER SEQUENCE s OWNED BY d.p",
    "ALTER TABLE d RENAME COLUMN p TO q",
    "DROP TABLE a2 CASCADE",
    "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one; CREATE INDEX mv_one ON mv (one)",
    "DROP TYPE feeling",
    "ALTER TABLE b2 ADD CONSTRAINT v_pos CHECK (v > 0) NOT VALID",
    "ALTER TABLE b2 VALIDATE CONSTRAINT v_pos",
    "CREATE TABLE p (k int, v text) PARTITION BY RANGE (k); "
    "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10)",
    "GRANT SELECT ON b2 TO PUBLIC",
    "ALTER FUNCTION touch() RENAME TO touch2",
    "CREATE TYPE pair AS (x int, y int)",
    "ALTER TYPE pair ADD ATTRIBUTE z int",
    "CREATE TABLE strata_scratch_migrations (x int)",  // the version store: never in a snapshot
    "ALTER TABLE b2 ALTER COLUMN v SET NOT NULL",
    "DROP SEQUENCE s",
    "DROP MATERIALIZED VIEW mv",
    "DROP TABLE p",
    "DROP DOMAIN posint CASCADE",
    "DEALLOCATE ALL",  // the reader's prepared statements are gone: it prepares them again
    "CREATE TABLE after_deallocate (id int)",
};

class IncrementalRead : public EngineTest {};

TEST_P(IncrementalRead, EveryStepOfAHistoryReadsAsAFullRead) {
  auto connection = db().open();
  ReadOptions options;
  if (!db().schema().empty()) options.schemas = {db().schema()};
  options.version_store.table = "strata_scratch_migrations";
  SnapshotReader reader(*connection, options);
  EXPECT_EQ(first_difference(read_snapshot(*connection, options), reader.read()), "");
  EXPECT_TRUE(reader.last().full);
  const auto& history = GetParam() == db::Engine::sqlite ? k_sqlite_history : k_postgres_history;
  std::size_t partial = 0;
  replay_against_full_reads(*connection, reader, options, history, false, partial);
  if (HasFatalFailure()) return;
  EXPECT_GT(partial, 0u);
}

TEST_P(IncrementalRead, ANewTableRereadsOnlyThatTable) {
  auto connection = db().open();
  ReadOptions options;
  if (!db().schema().empty()) options.schemas = {db().schema()};
  connection->execute("CREATE TABLE one (id int PRIMARY KEY, name text)");
  connection->execute("CREATE TABLE two (id int PRIMARY KEY, one_id int REFERENCES one (id))");
  SnapshotReader reader(*connection, options);
  reader.read();
  connection->execute("CREATE TABLE three (id int PRIMARY KEY)");
  const auto& snapshot = reader.read();
  EXPECT_FALSE(reader.last().full);
  EXPECT_EQ(reader.last().reread, 1u);
  EXPECT_EQ(first_difference(read_snapshot(*connection, options), snapshot), "");
}

// Steps whose DDL log entries need mapping beyond "this object changed": members dropped on their own (found by the
// previous read's names), partitions attached and detached (only the parent is logged), renames of members.
const std::vector<std::string> k_postgres_log_history = {
    "CREATE TABLE q (id int PRIMARY KEY, x int CONSTRAINT x_pos CHECK (x > 0), y int DEFAULT 7, z text)",
    "CREATE INDEX q_x ON q (x)",
    "CREATE FUNCTION qt() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$; "
    "CREATE TRIGGER q_t BEFORE INSERT ON q FOR EACH ROW EXECUTE FUNCTION qt()",
    "CREATE POLICY q_p ON q USING (true)",
    "CREATE VIEW qv AS SELECT id, x FROM q",
    "CREATE TABLE r (q_id int REFERENCES q (id))",
    "ALTER INDEX q_x RENAME TO q_x2",
    "ALTER TABLE q RENAME COLUMN z TO z2",
    "DROP INDEX q_x2",
    "DROP TRIGGER q_t ON q",
    "DROP POLICY q_p ON q",
    "ALTER TABLE q DROP CONSTRAINT x_pos",
    "ALTER TABLE q ALTER COLUMN y DROP DEFAULT",
    "CREATE OR REPLACE VIEW qv AS SELECT id, x, y FROM q",
    "CREATE TABLE pt (k int, v text) PARTITION BY RANGE (k); CREATE TABLE pt1 (k int, v text)",
    "ALTER TABLE pt ATTACH PARTITION pt1 FOR VALUES FROM (0) TO (10)",
    "ALTER TABLE pt ADD COLUMN w int",
    "CREATE INDEX pt_k ON pt (k)",
    "ALTER TABLE pt DETACH PARTITION pt1",
    "CREATE TABLE parent (a int); CREATE TABLE child (b int) INHERITS (parent)",
    "ALTER TABLE parent ADD COLUMN c int",
    "ALTER TABLE child NO INHERIT parent",
    "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC",
    "CREATE SCHEMA other; CREATE TABLE other.t (id int)",
    "ALTER TABLE other.t SET SCHEMA public",
    "DROP SCHEMA other",
    "DROP TABLE r; DROP VIEW qv",
    "CREATE TABLE tx (id int)",
    "DROP TABLE tx",
    // A migration that silences ordinary triggers does not silence the log.
    "SET session_replication_role = replica; CREATE TABLE quiet (id int); RESET session_replication_role",
    // A migration that moves the session's search_path: reads still qualify every name that is not in pg_catalog.
    "CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.far (id int PRIMARY KEY); SET search_path = public, elsewhere",
    "CREATE TABLE near (far_id int REFERENCES far (id))",
    "RESET search_path",
};

INSTANTIATE_TEST_SUITE_P(Engines, IncrementalRead, ::testing::Values(db::Engine::sqlite, db::Engine::postgres),
                         db::testing::engine_param_name);

TEST(DifferenceCount, CountsWhatDiffLists) {
  Snapshot a;
  Snapshot b;
  const auto add = [](Snapshot& s, ObjectKind kind, std::string table, std::string name,
                      std::map<std::string, std::string> attributes) {
    SchemaObject object;
    object.kind = kind;
    object.table = std::move(table);
    object.name = std::move(name);
    object.attributes = std::move(attributes);
    s.objects.push_back(std::move(object));
  };
  add(a, ObjectKind::table, "", "gone", {});
  add(a, ObjectKind::column, "gone", "x", {{"type", "int"}});
  add(a, ObjectKind::table, "", "kept", {{"strict", "false"}});
  add(a, ObjectKind::column, "kept", "x", {{"type", "int"}, {"default", "1"}, {"position", "1"}});
  add(b, ObjectKind::table, "", "kept", {{"strict", "true"}});
  add(b, ObjectKind::column, "kept", "x", {{"type", "text"}, {"nullable", "true"}, {"position", "2"}});
  add(b, ObjectKind::column, "kept", "y", {{"type", "int"}});
  add(b, ObjectKind::table, "", "new", {});
  add(b, ObjectKind::view, "", "v", {});
  normalise(a);
  normalise(b);
  for (const auto& options : {CompareOptions{}, CompareOptions{true, true}}) {
    EXPECT_EQ(difference_count(a, b, options), diff(a, b, options).size());
    EXPECT_EQ(difference_count(b, a, options), diff(b, a, options).size());
  }
  EXPECT_EQ(difference_count(a, a), 0u);
}

}  // namespace
}  // namespace strata::schema

namespace strata::schema {
namespace {

// A scratch database of strata's own logs its DDL with event triggers (the test server's role is a superuser):
// every step's read follows the log, and still reads exactly as a full read does.
TEST(IncrementalReadFromTheLog, EveryStepOfAHistoryReadsAsAFullRead) {
  STRATA_REQUIRE_PG();
  const testing::ScratchPgDatabase database("capture");
  auto connection = db::connect(database.url());
  ReadOptions options;
  options.version_store.table = "strata_scratch_migrations";
  ReadOptions logging = options;
  logging.capture_changes = true;
  {
    SnapshotReader reader(*connection, logging);
    EXPECT_EQ(first_difference(read_snapshot(*connection, options), reader.read()), "");
    EXPECT_TRUE(reader.last().full);
    std::vector<std::string> history = k_postgres_history;
    history.insert(history.end(), k_postgres_log_history.begin(), k_postgres_log_history.end());
    std::size_t partial = 0;
    replay_against_full_reads(*connection, reader, options, history, true, partial);
    if (HasFatalFailure()) return;
    // Renames, GRANT and the first read are full reads; every other step re-reads only what it changed.
    EXPECT_GT(partial, history.size() * 3 / 4);
  }
  // The log goes with the reader.
  EXPECT_EQ(connection->query("SELECT count(*) FROM pg_namespace WHERE nspname = 'strata_scratch_changes'")
                .one_field()
                .value_or(""),
            "0");
  EXPECT_EQ(connection->query("SELECT count(*) FROM pg_event_trigger").one_field().value_or(""), "0");
}

}  // namespace
}  // namespace strata::schema
