// The SQLite reader against real SQLite files: what it reads, that every attribute change is seen, that catalog
// order and ALTER TABLE's rewriting of the stored statement do not matter, and that format_sql() rebuilds the
// same snapshot.
#include <gtest/gtest.h>

#include "db/support.hpp"
#include "strata/schema/diff.hpp"
#include "strata/schema/format.hpp"
#include "strata/schema/read.hpp"

namespace strata::schema {
namespace {

using ::strata::testing::TempDir;

class SqliteSnapshot : public ::testing::Test {
protected:
  Snapshot snapshot_of(const std::string& sql) {
    auto connection = open(sql);
    return read_snapshot(*connection);
  }
  std::unique_ptr<db::Connection> open(const std::string& sql) {
    db::ConnectOptions options;
    options.create_if_missing = true;
    auto connection = db::connect("sqlite:" + m_dir.file("db" + std::to_string(++m_count) + ".db"), options);
    connection->execute(sql);
    return connection;
  }
  std::vector<std::string> differences(const std::string& before, const std::string& after,
                                       const CompareOptions& options = {}) {
    std::vector<std::string> lines;
    for (const auto& difference : diff(snapshot_of(before), snapshot_of(after), options))
      lines.push_back(format_difference(difference));
    return lines;
  }

private:
  TempDir m_dir;
  int m_count = 0;
};

const char* const k_schema = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name varchar(40) DEFAULT 'x',
  created TEXT DEFAULT (datetime('now')),
  age INT CHECK (age > 0),
  CONSTRAINT name_length CHECK (length(name) < 50)
);
CREATE TABLE posts (
  id INTEGER, user_id INT REFERENCES users(id) ON DELETE CASCADE, title TEXT, body TEXT,
  score REAL DEFAULT -1.5, slug TEXT GENERATED ALWAYS AS (lower(title)) STORED,
  PRIMARY KEY (id), UNIQUE (user_id, title)
);
CREATE INDEX posts_title ON posts (title DESC) WHERE title IS NOT NULL;
CREATE INDEX posts_body ON posts (lower(body));
CREATE VIEW v_users AS SELECT id, email FROM users;
CREATE VIEW v_all AS SELECT * FROM v_users;
CREATE TRIGGER users_touch AFTER INSERT ON users BEGIN UPDATE users SET name = 'y' WHERE id = new.id; END;
CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID, STRICT;
)sql";

TEST_F(SqliteSnapshot, ReadsEveryKindAndAttribute) {
  const Snapshot snapshot = snapshot_of(k_schema);
  EXPECT_EQ(format_text(snapshot),
            "table kv\n"
            "    primary_key: k\n"
            "    strict: true\n"
            "    without_rowid: true\n"
            "  column k\n"
            "      nullable: false\n"
            "      type: TEXT\n"
            "  column v\n"
            "      nullable: true\n"
            "      type: BLOB\n"
            "table posts\n"
            "    primary_key: id\n"
            "    strict: false\n"
            "    without_rowid: false\n"
            "  column id\n"
            "      nullable: true\n"
            "      type: INTEGER\n"
            "  column user_id\n"
            "      nullable: true\n"
            "      type: INT\n"
            "  column title\n"
            "      nullable: true\n"
            "      type: TEXT\n"
            "  column body\n"
            "      nullable: true\n"
            "      type: TEXT\n"
            "  column score\n"
            "      default: -1.5\n"
            "      nullable: true\n"
            "      type: REAL\n"
            "  column slug\n"
            "      generated: (lower(title)) STORED\n"
            "      nullable: true\n"
            "      type: TEXT\n"
            "  constraint foreign key (user_id)\n"
            "      columns: user_id\n"
            "      on_delete: CASCADE\n"
            "      on_update: NO ACTION\n"
            "      references: users (id)\n"
            "      type: foreign key\n"
            "  constraint unique (user_id, title)\n"
            "      columns: user_id, title\n"
            "      type: unique\n"
            "  index posts_body\n"
            "      columns: (expression)\n"
            "      definition: CREATE INDEX posts_body ON posts(lower(body))\n"
            "      unique: false\n"
            "  index posts_title\n"
            "      columns: title DESC\n"
            "      definition: CREATE INDEX posts_title ON posts(title DESC) WHERE title IS NOT NULL\n"
            "      unique: false\n"
            "      where: title IS NOT NULL\n"
            "table users\n"
            "    autoincrement: true\n"
            "    primary_key: id\n"
            "    strict: false\n"
            "    without_rowid: false\n"
            "  column id\n"
            "      nullable: true\n"
            "      type: INTEGER\n"
            "  column email\n"
            "      collation: NOCASE\n"
            "      nullable: false\n"
            "      type: TEXT\n"
            "  column name\n"
            "      default: 'x'\n"
            "      nullable: true\n"
            "      type: VARCHAR(40)\n"
            "  column created\n"
            "      default: datetime('now')\n"
            "      nullable: true\n"
            "      type: TEXT\n"
            "  column age\n"
            "      nullable: true\n"
            "      type: INT\n"
            "  constraint check (age > 0)\n"
            "      expression: age > 0\n"
            "      type: check\n"
            "  constraint name_length\n"
            "      expression: length(name) < 50\n"
            "      type: check\n"
            "  constraint unique (email COLLATE NOCASE)\n"
            "      columns: email COLLATE NOCASE\n"
            "      type: unique\n"
            "  trigger users_touch\n"
            "      definition: CREATE TRIGGER users_touch AFTER INSERT ON users BEGIN UPDATE users SET name = 'y' "
            "WHERE id = new.id; END\n"
            "view v_all\n"
            "    definition: CREATE VIEW v_all AS SELECT * FROM v_users\n"
            "view v_users\n"
            "    definition: CREATE VIEW v_users AS SELECT id,email FROM users\n");
}

TEST_F(SqliteSnapshot, LeavesOutStrataAndSqliteTables) {
  const Snapshot snapshot = snapshot_of(
      "CREATE TABLE strata_migrations (revision TEXT); CREATE TABLE strata_migrations_log (id INTEGER);"
      "CREATE TABLE alembic_version (version_num TEXT); CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);"
      "INSERT INTO t DEFAULT VALUES; ANALYZE;");
  std::vector<std::string> tables;
  for (const auto& object : snapshot.objects)
    if (object.kind == ObjectKind::table) tables.push_back(object.name);
  EXPECT_EQ(tables, std::vector<std::string>{"t"});
}

TEST_F(SqliteSnapshot, CatalogOrderAndAlterTableDoNotMatter) {
  const Snapshot one_go = snapshot_of(
      "CREATE TABLE b (x INT); CREATE TABLE a (id INT, name TEXT DEFAULT 'n');"
      "CREATE INDEX a_name ON a (name);");
  const Snapshot altered = snapshot_of(
      "CREATE TABLE a (id INT); CREATE INDEX a_name0 ON a (id);"
      "CREATE TABLE b (x INT); ALTER TABLE a ADD COLUMN name TEXT DEFAULT 'n';"
      "DROP INDEX a_name0; CREATE INDEX a_name ON a (name);");
  EXPECT_TRUE(diff(one_go, altered).empty());
  EXPECT_EQ(snapshot_hash(one_go), snapshot_hash(altered));
  EXPECT_EQ(format_text(one_go), format_text(altered));
  EXPECT_EQ(format_sql(one_go), format_sql(altered));
}

TEST_F(SqliteSnapshot, ColumnOrderIsADifferenceOnlyWhenStrict) {
  const std::string before = "CREATE TABLE t (a INT, b TEXT);";
  const std::string after = "CREATE TABLE t (b TEXT, a INT);";
  EXPECT_TRUE(differences(before, after).empty());
  CompareOptions strict;
  strict.strict_column_order = true;
  EXPECT_EQ(differences(before, after, strict),
            (std::vector<std::string>{"changed column t.a: position: 1 -> 2", "changed column t.b: position: 2 -> 1"}));
}

struct Case {
  const char* name;
  const char* before;
  const char* after;
  std::vector<std::string> expected;
};

class SqliteChange : public SqliteSnapshot, public ::testing::WithParamInterface<Case> {};

TEST_P(SqliteChange, IsFound) { EXPECT_EQ(differences(GetParam().before, GetParam().after), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    EveryAttribute, SqliteChange,
    ::testing::Values(
        Case{"table_added",
             "CREATE TABLE a (x INT);",
             "CREATE TABLE a (x INT); CREATE TABLE b (y INT);",
             {"extra table b"}},
        Case{"table_dropped",
             "CREATE TABLE a (x INT); CREATE TABLE b (y INT);",
             "CREATE TABLE a (x INT);",
             {"missing table b"}},
        Case{"column_added", "CREATE TABLE a (x INT);", "CREATE TABLE a (x INT, y TEXT);", {"extra column a.y"}},
        Case{"column_type",
             "CREATE TABLE a (x INT);",
             "CREATE TABLE a (x TEXT);",
             {"changed column a.x: type: INT -> TEXT"}},
        Case{"column_type_case_is_not_a_change", "CREATE TABLE a (x int);", "CREATE TABLE a (x INT);", {}},
        Case{"column_nullable",
             "CREATE TABLE a (x INT);",
             "CREATE TABLE a (x INT NOT NULL);",
             {"changed column a.x: nullable: true -> false"}},
        Case{"column_default",
             "CREATE TABLE a (x INT DEFAULT 1);",
             "CREATE TABLE a (x INT DEFAULT 2);",
             {"changed column a.x: default: 1 -> 2"}},
        Case{"column_collation",
             "CREATE TABLE a (x TEXT);",
             "CREATE TABLE a (x TEXT COLLATE NOCASE);",
             {"changed column a.x: collation: (none) -> NOCASE"}},
        Case{"column_generated",
             "CREATE TABLE a (x INT, y INT AS (x + 1));",
             "CREATE TABLE a (x INT, y INT AS (x + 2));",
             {"changed column a.y: generated: (x + 1) VIRTUAL -> (x + 2) VIRTUAL"}},
        Case{"primary_key",
             "CREATE TABLE a (x INT PRIMARY KEY, y INT);",
             "CREATE TABLE a (x INT, y INT PRIMARY KEY);",
             {"changed table a: primary_key: x -> y"}},
        Case{"without_rowid",
             "CREATE TABLE a (x INT PRIMARY KEY);",
             "CREATE TABLE a (x INT PRIMARY KEY) WITHOUT ROWID;",
             // A WITHOUT ROWID table's primary key is NOT NULL, as SQLite reports.
             {"changed table a: without_rowid: false -> true", "changed column a.x: nullable: true -> false"}},
        Case{"strict",
             "CREATE TABLE a (x INT);",
             "CREATE TABLE a (x INT) STRICT;",
             {"changed table a: strict: false -> true"}},
        Case{"unique", "CREATE TABLE a (x INT);", "CREATE TABLE a (x INT UNIQUE);", {"extra constraint a.unique (x)"}},
        Case{"check",
             "CREATE TABLE a (x INT CHECK (x > 0));",
             "CREATE TABLE a (x INT CHECK (x > 1));",
             {"missing constraint a.check (x > 0)", "extra constraint a.check (x > 1)"}},
        Case{"named_check",
             "CREATE TABLE a (x INT, CONSTRAINT pos CHECK (x > 0));",
             "CREATE TABLE a (x INT, CONSTRAINT pos CHECK (x >= 0));",
             {"changed constraint a.pos: expression: x > 0 -> x >= 0"}},
        Case{"foreign_key_action",
             "CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (p INT REFERENCES p (id));",
             "CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (p INT REFERENCES p (id) ON DELETE CASCADE);",
             {"changed constraint c.foreign key (p): on_delete: NO ACTION -> CASCADE"}},
        Case{"foreign_key_target",
             "CREATE TABLE p (id INT PRIMARY KEY, k INT UNIQUE); CREATE TABLE c (p INT REFERENCES p (id));",
             "CREATE TABLE p (id INT PRIMARY KEY, k INT UNIQUE); CREATE TABLE c (p INT REFERENCES p (k));",
             {"changed constraint c.foreign key (p): references: p (id) -> p (k)"}},
        Case{"index_added",
             "CREATE TABLE a (x INT);",
             "CREATE TABLE a (x INT); CREATE INDEX a_x ON a (x);",
             {"extra index a_x"}},
        Case{"index_unique",
             "CREATE TABLE a (x INT); CREATE INDEX a_x ON a (x);",
             "CREATE TABLE a (x INT); CREATE UNIQUE INDEX a_x ON a (x);",
             {"changed index a_x: definition: CREATE INDEX a_x ON a(x) -> CREATE UNIQUE INDEX a_x ON a(x)",
              "changed index a_x: unique: false -> true"}},
        Case{"index_partial",
             "CREATE TABLE a (x INT); CREATE INDEX a_x ON a (x);",
             "CREATE TABLE a (x INT); CREATE INDEX a_x ON a (x) WHERE x > 0;",
             {"changed index a_x: definition: CREATE INDEX a_x ON a(x) -> CREATE INDEX a_x ON a(x) WHERE x > 0",
              "changed index a_x: where: (none) -> x > 0"}},
        Case{"index_columns",
             "CREATE TABLE a (x INT, y INT); CREATE INDEX a_x ON a (x);",
             "CREATE TABLE a (x INT, y INT); CREATE INDEX a_x ON a (x, y);",
             {"changed index a_x: columns: x -> x, y",
              "changed index a_x: definition: CREATE INDEX a_x ON a(x) -> CREATE INDEX a_x ON a(x,y)"}},
        Case{"view",
             "CREATE TABLE a (x INT); CREATE VIEW v AS SELECT x FROM a;",
             "CREATE TABLE a (x INT); CREATE VIEW v AS SELECT x + 1 AS x FROM a;",
             {"changed view v: definition: CREATE VIEW v AS SELECT x FROM a -> CREATE VIEW v AS SELECT x + 1 AS x "
              "FROM a"}},
        Case{"view_whitespace_is_not_a_change",
             "CREATE TABLE a (x INT); CREATE VIEW v AS SELECT x FROM a;",
             "CREATE TABLE a (x INT); CREATE VIEW v AS\n  SELECT x\n  FROM a;",
             {}},
        Case{"trigger",
             "CREATE TABLE a (x INT); CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END;",
             "CREATE TABLE a (x INT); CREATE TRIGGER t AFTER UPDATE ON a BEGIN SELECT 1; END;",
             {"changed trigger a.t: definition: CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END -> CREATE "
              "TRIGGER t AFTER UPDATE ON a BEGIN SELECT 1; END"}}),
    [](const ::testing::TestParamInfo<Case>& test) { return std::string(test.param.name); });

TEST_F(SqliteSnapshot, FormatSqlRebuildsTheSameSnapshot) {
  const Snapshot original = snapshot_of(k_schema);
  const std::string script = format_sql(original);
  const Snapshot rebuilt = snapshot_of(script);
  EXPECT_TRUE(diff(original, rebuilt).empty()) << script;
  EXPECT_EQ(format_text(original), format_text(rebuilt)) << script;
  EXPECT_EQ(snapshot_hash(original, CompareOptions{true, true}), snapshot_hash(rebuilt, CompareOptions{true, true}));
}

}  // namespace
}  // namespace strata::schema
