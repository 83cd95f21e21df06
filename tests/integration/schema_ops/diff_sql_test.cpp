// strata diff FROM TO --sql: the migration between two schemas, exact text on each engine; renames hinted and,
// with --rename, written; warnings for destructive statements; the SQLite table rebuild with foreign keys.
#include <fstream>

#include "schema_ops/schema_ops_test.hpp"

namespace strata::testing {
namespace {

class DiffSql : public ScratchTest {
protected:
  void set_up() override {
    ScratchTest::set_up();
    write("a.sql",
          "CREATE TABLE users (id integer PRIMARY KEY, name text);\n"
          "CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id), title text);\n");
    write("b.sql",
          "CREATE TABLE users (id integer PRIMARY KEY, full_name text NOT NULL DEFAULT '');\n"
          "CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id), title text);\n"
          "CREATE INDEX posts_title ON posts (title);\n");
  }
  void write(const std::string& name, const std::string& text) { std::ofstream(m_project.dir() / name) << text; }
};

TEST_P(DiffSql, ALikelyRenameIsWrittenAsDropAndAddWithAHint) {
  const auto result = run({"diff", "a.sql", "b.sql", "--sql"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  if (is_pg()) {
    EXPECT_EQ(result.out,
              "-- +up\n"
              "-- likely rename: column public.users.name -> public.users.full_name, written as drop and add; to keep "
              "the data, replace both by: ALTER TABLE \"public\".\"users\" RENAME COLUMN \"name\" TO \"full_name\";\n"
              "-- destructive: column public.users.name drops the column and its values\n"
              "ALTER TABLE \"public\".\"users\" DROP COLUMN \"name\";\n"
              "ALTER TABLE \"public\".\"users\" ADD COLUMN \"full_name\" text DEFAULT ''::text NOT NULL;\n"
              "CREATE INDEX posts_title ON public.posts USING btree (title);\n"
              "\n"
              "-- +down\n"
              "-- likely rename: column public.users.full_name -> public.users.name, written as drop and add; to keep "
              "the data, replace both by: ALTER TABLE \"public\".\"users\" RENAME COLUMN \"full_name\" TO \"name\";\n"
              "DROP INDEX \"public\".\"posts_title\";\n"
              "-- destructive: column public.users.full_name drops the column and its values\n"
              "ALTER TABLE \"public\".\"users\" DROP COLUMN \"full_name\";\n"
              "ALTER TABLE \"public\".\"users\" ADD COLUMN \"name\" text;\n");
    EXPECT_EQ(result.err,
              "warning: up: column public.users.name drops the column and its values\n"
              "warning: down: column public.users.full_name drops the column and its values\n");
  } else {
    EXPECT_EQ(result.out,
              "-- +up\n"
              "-- likely rename: column users.name -> users.full_name, written as drop and add; to keep the data, "
              "replace both by: ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\";\n"
              "-- destructive: column users.name drops the column and its values\n"
              "ALTER TABLE \"users\" DROP COLUMN \"name\";\n"
              "ALTER TABLE \"users\" ADD COLUMN \"full_name\" TEXT NOT NULL DEFAULT '';\n"
              "CREATE INDEX posts_title ON posts(title);\n"
              "\n"
              "-- +down\n"
              "-- likely rename: column users.full_name -> users.name, written as drop and add; to keep the data, "
              "replace both by: ALTER TABLE \"users\" RENAME COLUMN \"full_name\" TO \"name\";\n"
              "DROP INDEX \"posts_title\";\n"
              "-- destructive: column users.full_name drops the column and its values\n"
              "ALTER TABLE \"users\" DROP COLUMN \"full_name\";\n"
              "ALTER TABLE \"users\" ADD COLUMN \"name\" TEXT;\n");
    EXPECT_EQ(result.err,
              "warning: up: column users.name drops the column and its values\n"
              "warning: down: column users.full_name drops the column and its values\n");
  }
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(DiffSql, RenameWritesTheRenameBothWays) {
  const std::string column = is_pg() ? "public.users.name=full_name" : "users.name=full_name";
  const auto result = run({"diff", "a.sql", "b.sql", "--sql", "--rename", column, "--json"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  const auto document = json_document(result);
  const std::string table = is_pg() ? "\"public\".\"users\"" : "\"users\"";
  const std::string up = document["up"]["sql"];
  const std::string down = document["down"]["sql"];
  EXPECT_EQ(up.rfind("ALTER TABLE " + table + " RENAME COLUMN \"name\" TO \"full_name\";\n", 0), 0u) << up;
  EXPECT_EQ(down.rfind("ALTER TABLE " + table + " RENAME COLUMN \"full_name\" TO \"name\";\n", 0), 0u) << down;
  EXPECT_EQ(document["up"]["warnings"].size(), 0u) << document;
  EXPECT_EQ(document["equal"], false);
}

TEST_P(DiffSql, EqualSchemasNeedNoMigration) {
  const auto result = run({"diff", "a.sql", "a.sql", "--sql"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "-- the schemas are equal: no migration\n");
}

TEST_P(DiffSql, ABadRenameIsAUsageError) {
  const auto result = run({"diff", "a.sql", "b.sql", "--sql", "--rename", "users.name"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: --rename 'users.name' is not OLD=NEW\nhint: strata diff FROM TO --sql --rename "
            "public.users.name=full_name\n");
}

TEST_P(DiffSql, SqliteRebuildsATableWithForeignKeysOutsideATransaction) {
  if (is_pg()) GTEST_SKIP() << "PostgreSQL changes nullability with ALTER COLUMN";
  write("c.sql",
        "CREATE TABLE users (id integer PRIMARY KEY, name text);\n"
        "CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id), title text NOT NULL);\n");
  const auto result = run({"diff", "a.sql", "c.sql", "--sql"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  const std::string rebuild =
      "-- foreign keys are switched off for the table rebuild, which works only outside a transaction: the\n"
      "-- revision needs `-- transaction: none`\n"
      "PRAGMA foreign_keys = OFF;\n"
      "BEGIN;\n"
      "-- table posts: rebuilt, since SQLite's ALTER TABLE cannot change column title's nullable: create the new "
      "table, copy the rows, drop the old table, rename the new one\n"
      "CREATE TABLE \"posts__strata_new\" (\n"
      "    \"id\" INTEGER,\n"
      "    \"user_id\" INTEGER,\n"
      "    \"title\" TEXT%s,\n"
      "    PRIMARY KEY (\"id\"),\n"
      "    FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\")\n"
      ");\n"
      "INSERT INTO \"posts__strata_new\" (\"id\", \"title\", \"user_id\") SELECT \"id\", \"title\", \"user_id\" FROM "
      "\"posts\";\n"
      "DROP TABLE \"posts\";\n"
      "ALTER TABLE \"posts__strata_new\" RENAME TO \"posts\";\n"
      "PRAGMA foreign_key_check;\n"
      "COMMIT;\n"
      "PRAGMA foreign_keys = ON;\n";
  const auto with = [&rebuild](const std::string& not_null) {
    std::string text = rebuild;
    text.replace(text.find("%s"), 2, not_null);
    return text;
  };
  std::string down = with("");
  down.pop_back();
  EXPECT_EQ(result.out, "-- transaction: none\n-- +up\n" + with(" NOT NULL") + "\n-- +down\n" + down + "\n");
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(DiffSql, PostgresOrdersEnumsColumnTypesViewsAndForeignKeyCycles) {
  if (!is_pg()) GTEST_SKIP() << "enums are PostgreSQL's";
  write("d.sql",
        "CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
        "CREATE TABLE a (id integer PRIMARY KEY, b_id integer, score integer, m mood DEFAULT 'sad');\n"
        "CREATE TABLE b (id integer PRIMARY KEY, a_id integer);\n"
        "CREATE VIEW scores AS SELECT id, score FROM a;\n");
  write("e.sql",
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
        "CREATE TABLE a (id integer PRIMARY KEY, b_id integer, score bigint, m mood DEFAULT 'ok');\n"
        "CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES a (id));\n"
        "ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);\n"
        "CREATE VIEW scores AS SELECT id, score FROM a;\n");
  const auto result = run({"diff", "d.sql", "e.sql", "--sql"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  const std::string view =
      "CREATE VIEW \"public\".\"scores\" AS\n"
      " SELECT a.id,\n"
      "    a.score\n"
      "   FROM public.a;\n";
  EXPECT_EQ(
      result.out,
      "-- transaction: none\n"
      "-- +up\n"
      "-- view public.scores: dropped and created again, since what it reads changes\n"
      "DROP VIEW \"public\".\"scores\";\n"
      "-- a value added by ALTER TYPE cannot be used before its transaction commits: the revision needs "
      "`-- transaction: none`\n"
      "ALTER TYPE \"public\".\"mood\" ADD VALUE 'ok' AFTER 'sad';\n"
      "ALTER TABLE \"public\".\"a\" ALTER COLUMN \"m\" DROP DEFAULT;\n"
      "ALTER TABLE \"public\".\"a\" ALTER COLUMN \"m\" SET DEFAULT 'ok'::public.mood;\n"
      "ALTER TABLE \"public\".\"a\" ALTER COLUMN \"score\" TYPE bigint USING \"score\"::text::bigint;\n"
      "ALTER TABLE \"public\".\"a\" ADD CONSTRAINT \"a_b_id_fkey\" FOREIGN KEY (b_id) REFERENCES public.b(id);\n"
      "ALTER TABLE \"public\".\"b\" ADD CONSTRAINT \"b_a_id_fkey\" FOREIGN KEY (a_id) REFERENCES public.a(id);\n" +
          view +
          "\n"
          "-- +down\n"
          "-- view public.scores: dropped and created again, since what it reads changes\n"
          "DROP VIEW \"public\".\"scores\";\n"
          "ALTER TABLE \"public\".\"a\" DROP CONSTRAINT \"a_b_id_fkey\";\n"
          "ALTER TABLE \"public\".\"b\" DROP CONSTRAINT \"b_a_id_fkey\";\n"
          "-- enum public.mood: created again, since ALTER TYPE cannot remove or reorder values; its columns "
          "are converted\n"
          "-- destructive: enum public.mood removes or reorders values; rows holding a removed value fail to "
          "convert\n"
          "ALTER TYPE \"public\".\"mood\" RENAME TO \"mood__strata_old\";\n"
          "CREATE TYPE \"public\".\"mood\" AS ENUM ('sad', 'happy');\n"
          "ALTER TABLE \"public\".\"a\" ALTER COLUMN \"m\" DROP DEFAULT;\n"
          "ALTER TABLE \"public\".\"a\" ALTER COLUMN \"m\" TYPE public.mood USING \"m\"::text::public.mood;\n"
          "ALTER TABLE \"public\".\"a\" ALTER COLUMN \"m\" SET DEFAULT 'sad'::public.mood;\n"
          "-- destructive: column public.a.score changes the type from bigint to integer, which may not keep "
          "every value\n"
          "ALTER TABLE \"public\".\"a\" ALTER COLUMN \"score\" TYPE integer USING \"score\"::text::integer;\n"
          "DROP TYPE \"public\".\"mood__strata_old\";\n" +
          view);
  EXPECT_EQ(result.err,
            "warning: down: enum public.mood removes or reorders values; rows holding a removed value fail to "
            "convert\n"
            "warning: down: column public.a.score changes the type from bigint to integer, which may not keep every "
            "value\n");
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(BothEngines, DiffSql, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
