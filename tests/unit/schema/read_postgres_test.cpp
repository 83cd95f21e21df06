// The PostgreSQL reader against the test server: each test works in a schema of its own (see db/support.hpp) and
// reads only that schema. "@" in the SQL and the expected lines stands for the schema's name.
#include <gtest/gtest.h>

#include "db/support.hpp"
#include "strata/schema/diff.hpp"
#include "strata/schema/format.hpp"
#include "strata/schema/read.hpp"

// A namespace of its own: read_sqlite_test.cpp has its own Case and k_schema, and a unity build compiles both together.
namespace strata::schema::read_postgres_test {
namespace {

using db::testing::TestDatabase;

std::string expand(std::string text, const std::string& schema) {
  for (auto at = text.find('@'); at != std::string::npos; at = text.find('@', at + schema.size()))
    text.replace(at, 1, schema);
  return text;
}

class PgSnapshot : public ::testing::Test {
protected:
  void SetUp() override {
    STRATA_PG_URL_OR_SKIP(url);
    m_url = url;
  }
  // A fresh schema holding `sql`, read back.
  Snapshot snapshot_of(const std::string& sql) {
    m_databases.push_back(std::make_unique<TestDatabase>(db::Engine::postgres, m_url));
    auto& database = *m_databases.back();
    auto connection = database.open();
    connection->execute(expand(sql, database.schema()));
    return read(*connection, database.schema());
  }
  static Snapshot read(db::Connection& connection, const std::string& schema) {
    ReadOptions options;
    options.schemas = {schema};
    return read_snapshot(connection, options);
  }
  // Differences between two schemas built by `before` and `after`, with both schema names shown as "@".
  std::vector<std::string> differences(const std::string& before, const std::string& after) {
    Snapshot a = snapshot_of(before);
    const std::string a_schema = m_databases.back()->schema();
    Snapshot b = snapshot_of(after);
    const std::string b_schema = m_databases.back()->schema();
    rename(a, a_schema);
    rename(b, b_schema);
    std::vector<std::string> lines;
    for (const auto& difference : diff(a, b)) lines.push_back(format_difference(difference));
    return lines;
  }
  // Replaces the schema's name by "@" everywhere, so two schemas compare.
  static void rename(Snapshot& snapshot, const std::string& schema) {
    const auto fix = [&](std::string& text) {
      for (auto at = text.find(schema); at != std::string::npos; at = text.find(schema, at + 1))
        text.replace(at, schema.size(), "@");
    };
    for (auto& object : snapshot.objects) {
      fix(object.schema);
      fix(object.name);
      for (auto& [name, value] : object.attributes) fix(value);
    }
    normalise(snapshot);
  }
  const std::string& url() const { return m_url; }

private:
  std::string m_url;
  std::vector<std::unique_ptr<TestDatabase>> m_databases;
};

const char* const k_schema = R"sql(
CREATE TYPE @.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN @.positive AS integer DEFAULT 1 NOT NULL CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TYPE @.pair AS (a integer, b text COLLATE "C");
CREATE SEQUENCE @.counter AS bigint INCREMENT BY 5 START WITH 10 CACHE 2 CYCLE;
CREATE FUNCTION @.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE PROCEDURE @.noop() LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE FUNCTION @.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TABLE @.users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL COLLATE "C",
  mood @.mood DEFAULT 'ok',
  score @.positive,
  serial_no serial,
  doubled integer GENERATED ALWAYS AS (id * 2) STORED,
  updated timestamptz,
  CONSTRAINT email_unique UNIQUE (email) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT score_check CHECK (score < 100)
);
CREATE TABLE @.posts (
  id integer PRIMARY KEY,
  user_id bigint REFERENCES @.users (id) ON DELETE CASCADE,
  during tsrange,
  title text,
  EXCLUDE USING gist (during WITH &&)
);
CREATE UNLOGGED TABLE @.scratch (x integer);
CREATE TABLE @.events (id integer, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE @.events_2026 PARTITION OF @.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX posts_title ON @.posts (lower(title)) WHERE title IS NOT NULL;
CREATE INDEX users_mood ON @.users USING hash (mood);
CREATE VIEW @.v_users AS SELECT id, email FROM @.users;
CREATE VIEW @.v_top AS SELECT id FROM @.v_users WHERE id < 10;
CREATE MATERIALIZED VIEW @.m_users AS SELECT id FROM @.users;
CREATE INDEX m_users_id ON @.m_users (id);
CREATE TRIGGER users_touch BEFORE UPDATE ON @.users FOR EACH ROW EXECUTE FUNCTION @.touch();
ALTER TABLE @.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE @.users FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON @.users AS RESTRICTIVE FOR SELECT TO PUBLIC USING (id > 0);
COMMENT ON TABLE @.users IS 'people';
COMMENT ON COLUMN @.users.email IS 'where to write';
COMMENT ON SCHEMA @ IS 'test schema';
COMMENT ON VIEW @.v_users IS 'a view';
COMMENT ON FUNCTION @.add(integer, integer) IS 'adds';
COMMENT ON CONSTRAINT email_unique ON @.users IS 'one each';
COMMENT ON INDEX @.posts_title IS 'by title';
COMMENT ON TRIGGER users_touch ON @.users IS 'stamps';
COMMENT ON POLICY own_rows ON @.users IS 'mine';
COMMENT ON TYPE @.mood IS 'feelings';
COMMENT ON SEQUENCE @.counter IS 'counts';
)sql";

TEST_F(PgSnapshot, ReadsEveryKind) {
  const Snapshot snapshot = snapshot_of(k_schema);
  std::map<std::string, int> kinds;
  for (const auto& object : snapshot.objects) kinds[std::string(to_string(object.kind))] += 1;
  EXPECT_EQ(kinds, (std::map<std::string, int>{{"column", 16},
                                               {"composite type", 1},
                                               {"constraint", 6},
                                               {"domain", 1},
                                               {"enum", 1},
                                               {"function", 2},
                                               {"index", 3},
                                               {"materialized view", 1},
                                               {"policy", 1},
                                               {"procedure", 1},
                                               {"schema", 1},
                                               {"sequence", 2},
                                               {"table", 5},
                                               {"trigger", 1},
                                               {"view", 2}}));
}

TEST_F(PgSnapshot, NormalisedAttributes) {
  Snapshot snapshot = snapshot_of(k_schema);
  const std::string schema = snapshot.objects.front().name;  // a copy: rename() rewrites that very object
  rename(snapshot, schema);
  const auto attribute = [&](ObjectKind kind, const std::string& name, const std::string& key) {
    const SchemaObject* object = snapshot.find(kind, name);
    return object == nullptr ? std::string("<no ") + std::string(to_string(kind)) + " " + name + ">"
                             : object->attribute(key);
  };
  EXPECT_EQ(attribute(ObjectKind::schema, "@", "comment"), "test schema");
  EXPECT_EQ(attribute(ObjectKind::enum_type, "@.mood", "values"), "'sad', 'ok', 'happy'");
  EXPECT_EQ(attribute(ObjectKind::enum_type, "@.mood", "comment"), "feelings");
  EXPECT_EQ(attribute(ObjectKind::domain, "@.positive", "type"), "integer");
  EXPECT_EQ(attribute(ObjectKind::domain, "@.positive", "nullable"), "false");
  EXPECT_EQ(attribute(ObjectKind::domain, "@.positive", "default"), "1");
  EXPECT_EQ(attribute(ObjectKind::domain, "@.positive", "constraints"),
            "CONSTRAINT positive_check CHECK ((VALUE > 0))");
  EXPECT_EQ(attribute(ObjectKind::composite_type, "@.pair", "attributes"),
            "a integer, b text COLLATE pg_catalog.\"C\"");
  EXPECT_EQ(attribute(ObjectKind::sequence, "@.counter", "increment"), "5");
  EXPECT_EQ(attribute(ObjectKind::sequence, "@.counter", "cycle"), "true");
  EXPECT_EQ(attribute(ObjectKind::sequence, "@.users_serial_no_seq", "owned_by"), "@.users.serial_no");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.id", "identity"), "always");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.email", "collation"), "pg_catalog.\"C\"");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.email", "comment"), "where to write");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.mood", "type"), "@.mood");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.mood", "default"), "'ok'::@.mood");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.serial_no", "default"),
            "nextval('@.users_serial_no_seq'::regclass)");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.doubled", "generated"), "(id * 2)");
  EXPECT_EQ(attribute(ObjectKind::column, "@.users.doubled", "position"), "6");
  EXPECT_EQ(attribute(ObjectKind::constraint, "@.users.email_unique", "definition"),
            "UNIQUE (email) DEFERRABLE INITIALLY DEFERRED");
  EXPECT_EQ(attribute(ObjectKind::constraint, "@.users.score_check", "definition"), "CHECK (((score)::integer < 100))");
  EXPECT_EQ(attribute(ObjectKind::constraint, "@.posts.posts_user_id_fkey", "definition"),
            "FOREIGN KEY (user_id) REFERENCES @.users(id) ON DELETE CASCADE");
  EXPECT_EQ(attribute(ObjectKind::constraint, "@.posts.posts_during_excl", "type"), "exclusion");
  EXPECT_EQ(attribute(ObjectKind::table, "@.scratch", "unlogged"), "true");
  EXPECT_EQ(attribute(ObjectKind::table, "@.events", "partition_key"), "RANGE (at)");
  EXPECT_EQ(attribute(ObjectKind::table, "@.events_2026", "partition_of"), "@.events");
  EXPECT_EQ(attribute(ObjectKind::table, "@.events_2026", "partition_bound"),
            "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
  EXPECT_EQ(attribute(ObjectKind::table, "@.users", "row_security"), "true");
  EXPECT_EQ(attribute(ObjectKind::table, "@.users", "force_row_security"), "true");
  EXPECT_EQ(attribute(ObjectKind::index, "@.posts_title", "definition"),
            "CREATE INDEX posts_title ON @.posts USING btree (lower(title)) WHERE (title IS NOT NULL)");
  EXPECT_EQ(attribute(ObjectKind::index, "@.posts_title", "comment"), "by title");
  EXPECT_EQ(attribute(ObjectKind::policy, "@.users.own_rows", "permissive"), "false");
  EXPECT_EQ(attribute(ObjectKind::policy, "@.users.own_rows", "command"), "SELECT");
  EXPECT_EQ(attribute(ObjectKind::policy, "@.users.own_rows", "roles"), "PUBLIC");
  EXPECT_EQ(attribute(ObjectKind::policy, "@.users.own_rows", "using"), "(id > 0)");
  EXPECT_EQ(attribute(ObjectKind::trigger, "@.users.users_touch", "comment"), "stamps");
  EXPECT_EQ(attribute(ObjectKind::function, "@.add(a integer, b integer)", "comment"), "adds");
  EXPECT_NE(attribute(ObjectKind::procedure, "@.noop()", "definition").find("PROCEDURE @.noop()"), std::string::npos);
  EXPECT_EQ(attribute(ObjectKind::view, "@.v_users", "comment"), "a view");
}

TEST_F(PgSnapshot, LeavesOutTheVersionStoreAndIdentitySequences) {
  const Snapshot snapshot = snapshot_of(
      "CREATE TABLE @.strata_migrations (revision text PRIMARY KEY);"
      "CREATE TABLE @.strata_migrations_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"
      "CREATE TABLE @.alembic_version (version_num text);"
      "CREATE TABLE @.t (id bigint GENERATED BY DEFAULT AS IDENTITY);");
  std::vector<std::string> kinds;
  for (const auto& object : snapshot.objects)
    if (object.kind != ObjectKind::schema) kinds.emplace_back(to_string(object.kind));
  EXPECT_EQ(kinds, (std::vector<std::string>{"table", "column"}));
}

struct Case {
  const char* name;
  const char* before;
  const char* after;
  std::vector<std::string> expected;
};

class PgChange : public PgSnapshot, public ::testing::WithParamInterface<Case> {};

TEST_P(PgChange, IsFound) { EXPECT_EQ(differences(GetParam().before, GetParam().after), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    EveryAttribute, PgChange,
    ::testing::Values(
        Case{"enum_value",
             "CREATE TYPE @.e AS ENUM ('a', 'b');",
             "CREATE TYPE @.e AS ENUM ('a', 'b', 'c');",
             {"changed enum @.e: values: 'a', 'b' -> 'a', 'b', 'c'"}},
        Case{"domain_check",
             "CREATE DOMAIN @.d AS integer CHECK (VALUE > 0);",
             "CREATE DOMAIN @.d AS integer CHECK (VALUE > 1);",
             {"changed domain @.d: constraints: CONSTRAINT d_check CHECK ((VALUE > 0)) -> CONSTRAINT d_check CHECK "
              "((VALUE > 1))"}},
        Case{"composite_attribute",
             "CREATE TYPE @.c AS (a integer);",
             "CREATE TYPE @.c AS (a bigint);",
             {"changed composite type @.c: attributes: a integer -> a bigint"}},
        Case{"sequence_increment",
             "CREATE SEQUENCE @.s;",
             "CREATE SEQUENCE @.s INCREMENT BY 2;",
             {"changed sequence @.s: increment: 1 -> 2"}},
        Case{"column_type",
             "CREATE TABLE @.t (a integer);",
             "CREATE TABLE @.t (a bigint);",
             {"changed column @.t.a: type: integer -> bigint"}},
        Case{"column_typmod",
             "CREATE TABLE @.t (a varchar(10));",
             "CREATE TABLE @.t (a varchar(20));",
             {"changed column @.t.a: type: character varying(10) -> character varying(20)"}},
        Case{"column_default",
             "CREATE TABLE @.t (a integer DEFAULT 1);",
             "CREATE TABLE @.t (a integer);",
             {"changed column @.t.a: default: 1 -> (none)"}},
        Case{"column_not_null",
             "CREATE TABLE @.t (a integer);",
             "CREATE TABLE @.t (a integer NOT NULL);",
             {"changed column @.t.a: nullable: true -> false"}},
        Case{"column_collation",
             "CREATE TABLE @.t (a text);",
             "CREATE TABLE @.t (a text COLLATE \"C\");",
             {"changed column @.t.a: collation: (none) -> pg_catalog.\"C\""}},
        Case{"column_identity",
             "CREATE TABLE @.t (a integer GENERATED ALWAYS AS IDENTITY);",
             "CREATE TABLE @.t (a integer GENERATED BY DEFAULT AS IDENTITY);",
             {"changed column @.t.a: identity: always -> by default"}},
        Case{"column_generated",
             "CREATE TABLE @.t (a integer, b integer GENERATED ALWAYS AS (a + 1) STORED);",
             "CREATE TABLE @.t (a integer, b integer GENERATED ALWAYS AS (a + 2) STORED);",
             {"changed column @.t.b: generated: (a + 1) -> (a + 2)"}},
        Case{"column_comment",
             "CREATE TABLE @.t (a integer);",
             "CREATE TABLE @.t (a integer); COMMENT ON COLUMN @.t.a IS 'x';",
             {"changed column @.t.a: comment: (none) -> x"}},
        Case{"column_order_ignored",
             "CREATE TABLE @.t (a integer, b text);",
             "CREATE TABLE @.t (b text, a integer);",
             {}},
        Case{"dropped_column_gap_ignored",
             "CREATE TABLE @.t (a integer, c integer);",
             "CREATE TABLE @.t (a integer, b integer, c integer); ALTER TABLE @.t DROP COLUMN b;",
             {}},
        Case{"check_not_valid",
             "CREATE TABLE @.t (a integer, CONSTRAINT k CHECK (a > 0));",
             "CREATE TABLE @.t (a integer); ALTER TABLE @.t ADD CONSTRAINT k CHECK (a > 0) NOT VALID;",
             {"changed constraint @.t.k: definition: CHECK ((a > 0)) -> CHECK ((a > 0)) NOT VALID"}},
        Case{"unique_deferrable",
             "CREATE TABLE @.t (a integer CONSTRAINT u UNIQUE);",
             "CREATE TABLE @.t (a integer CONSTRAINT u UNIQUE DEFERRABLE);",
             {"changed constraint @.t.u: definition: UNIQUE (a) -> UNIQUE (a) DEFERRABLE"}},
        Case{"primary_key_dropped",
             "CREATE TABLE @.t (a integer PRIMARY KEY);",
             "CREATE TABLE @.t (a integer NOT NULL);",
             {"missing constraint @.t.t_pkey"}},
        Case{"foreign_key_action",
             "CREATE TABLE @.p (id integer PRIMARY KEY); CREATE TABLE @.c (p integer REFERENCES @.p);",
             "CREATE TABLE @.p (id integer PRIMARY KEY); CREATE TABLE @.c (p integer REFERENCES @.p ON DELETE SET "
             "NULL);",
             {"changed constraint @.c.c_p_fkey: definition: FOREIGN KEY (p) REFERENCES @.p(id) -> FOREIGN KEY (p) "
              "REFERENCES @.p(id) ON DELETE SET NULL"}},
        Case{"index_method",
             "CREATE TABLE @.t (a integer); CREATE INDEX i ON @.t (a);",
             "CREATE TABLE @.t (a integer); CREATE INDEX i ON @.t USING hash (a);",
             {"changed index @.i: definition: CREATE INDEX i ON @.t USING btree (a) -> CREATE INDEX i ON @.t USING "
              "hash (a)"}},
        Case{"index_dropped",
             "CREATE TABLE @.t (a integer); CREATE INDEX i ON @.t (a);",
             "CREATE TABLE @.t (a integer);",
             {"missing index @.i"}},
        Case{"unlogged",
             "CREATE TABLE @.t (a integer);",
             "CREATE UNLOGGED TABLE @.t (a integer);",
             {"changed table @.t: unlogged: false -> true"}},
        Case{"partition_bound",
             "CREATE TABLE @.t (a integer) PARTITION BY RANGE (a); CREATE TABLE @.t1 PARTITION OF @.t FOR VALUES FROM "
             "(0) TO (10);",
             "CREATE TABLE @.t (a integer) PARTITION BY RANGE (a); CREATE TABLE @.t1 PARTITION OF @.t FOR VALUES FROM "
             "(0) TO (20);",
             {"changed table @.t1: partition_bound: FOR VALUES FROM (0) TO (10) -> FOR VALUES FROM (0) TO (20)"}},
        Case{"row_security",
             "CREATE TABLE @.t (a integer);",
             "CREATE TABLE @.t (a integer); ALTER TABLE @.t ENABLE ROW LEVEL SECURITY;",
             {"changed table @.t: row_security: false -> true"}},
        Case{"policy",
             "CREATE TABLE @.t (a integer); CREATE POLICY p ON @.t USING (a > 0);",
             "CREATE TABLE @.t (a integer); CREATE POLICY p ON @.t USING (a > 1);",
             {"changed policy @.t.p: using: (a > 0) -> (a > 1)"}},
        Case{"view",
             "CREATE TABLE @.t (a integer); CREATE VIEW @.v AS SELECT a FROM @.t;",
             "CREATE TABLE @.t (a integer); CREATE VIEW @.v AS SELECT a FROM @.t WHERE a > 0;",
             {"changed view @.v: definition:  SELECT t.a\n   FROM @.t; ->  SELECT t.a\n   FROM @.t\n  WHERE (t.a > "
              "0);"}},
        Case{"materialized_view",
             "CREATE MATERIALIZED VIEW @.m AS SELECT 1 AS x;",
             "CREATE VIEW @.m AS SELECT 1 AS x;",
             {"extra view @.m", "missing materialized view @.m"}},
        Case{"function_body",
             "CREATE FUNCTION @.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';",
             "CREATE FUNCTION @.f() RETURNS integer LANGUAGE sql AS 'SELECT 2';",
             {"changed function @.f(): definition: CREATE OR REPLACE FUNCTION @.f()\n RETURNS integer\n LANGUAGE sql\n"
              "AS $function$SELECT 1$function$\n -> CREATE OR REPLACE FUNCTION @.f()\n RETURNS integer\n LANGUAGE sql\n"
              "AS $function$SELECT 2$function$\n"}},
        Case{"function_overload",
             "CREATE FUNCTION @.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';",
             "CREATE FUNCTION @.f(bigint) RETURNS integer LANGUAGE sql AS 'SELECT 1';",
             {"extra function @.f(bigint)", "missing function @.f(integer)"}},
        Case{"trigger_event",
             "CREATE TABLE @.t (a integer); CREATE FUNCTION @.g() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN "
             "NEW; END';"
             "CREATE TRIGGER tr BEFORE INSERT ON @.t FOR EACH ROW EXECUTE FUNCTION @.g();",
             "CREATE TABLE @.t (a integer); CREATE FUNCTION @.g() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN "
             "NEW; END';"
             "CREATE TRIGGER tr BEFORE UPDATE ON @.t FOR EACH ROW EXECUTE FUNCTION @.g();",
             {"changed trigger @.t.tr: definition: CREATE TRIGGER tr BEFORE INSERT ON @.t FOR EACH ROW EXECUTE "
              "FUNCTION @.g() -> CREATE TRIGGER tr BEFORE UPDATE ON @.t FOR EACH ROW EXECUTE FUNCTION @.g()"}},
        Case{"table_comment",
             "CREATE TABLE @.t (a integer); COMMENT ON TABLE @.t IS 'one';",
             "CREATE TABLE @.t (a integer); COMMENT ON TABLE @.t IS 'two';",
             {"changed table @.t: comment: one -> two"}}),
    [](const ::testing::TestParamInfo<Case>& test) { return std::string(test.param.name); });

TEST_F(PgSnapshot, CatalogOrderDoesNotMatter) {
  const auto sorted =
      differences("CREATE TABLE @.a (x integer); CREATE TABLE @.b (y integer); CREATE INDEX bi ON @.b (y);",
                  "CREATE TABLE @.b (y integer); CREATE INDEX bi ON @.b (y); CREATE TABLE @.a (x integer);");
  EXPECT_TRUE(sorted.empty());
}

TEST_F(PgSnapshot, FormatSqlRebuildsTheSameSnapshot) {
  auto database = std::make_unique<TestDatabase>(db::Engine::postgres, url());
  auto connection = database->open();
  connection->execute(expand(k_schema, database->schema()));
  const Snapshot original = read(*connection, database->schema());
  const std::string script = format_sql(original);
  connection->execute("DROP SCHEMA " + database->schema() + " CASCADE");
  connection->execute(script);
  const Snapshot rebuilt = read(*connection, database->schema());
  std::string found;
  for (const auto& difference : diff(original, rebuilt, CompareOptions{true, false}))
    found += format_difference(difference) + "\n";
  EXPECT_EQ(found, "") << script;
  EXPECT_EQ(format_sql(rebuilt), script);
}

}  // namespace
}  // namespace strata::schema::read_postgres_test
