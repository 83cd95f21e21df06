// strata revision --autogenerate: the written file on each engine, no difference (exit 0, nothing written), a
// migration that does not verify (exit 3, nothing written, the residual difference shown), --online on PostgreSQL
// (passes `strata lint`, upgrades to the target) and on SQLite (refused).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "schema_ops/schema_ops_test.hpp"

namespace strata::testing {
namespace {

const std::string k_schema =
    "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text%s);\n"
    "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id));\n"
    "CREATE INDEX orders_user_id ON orders (user_id);\n";

class Autogenerate : public ScratchTest {
protected:
  void set_up() override {
    ScratchTest::set_up();
    m_project.write_all(users_chain());
  }
  void write(const std::string& name, const std::string& text) { std::ofstream(m_project.dir() / name) << text; }
  // The chain's schema with `extra` after users.email.
  static std::string schema_with(const std::string& extra) {
    std::string text = k_schema;
    text.replace(text.find("%s"), 2, extra);
    return text;
  }
  std::vector<std::string> migration_files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(m_project.migrations()))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  // A written file without its `created` line, which holds the clock.
  std::string written(const std::string& name) const {
    std::ifstream in(m_project.migrations() / name);
    std::string text;
    for (std::string line; std::getline(in, line);)
      if (line.rfind("-- created: ", 0) != 0) text += line + "\n";
    return text;
  }
  static const std::string& head() { return k_rev3; }
};

TEST_P(Autogenerate, WritesAVerifiedRevisionFromTheHeadToTheTarget) {
  write("target.sql", schema_with(", nickname text"));
  const auto result =
      run({"revision", "--autogenerate", "-m", "add nickname", "--to", "target.sql", "--rev-id", "a0a0a0a0a0a0"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "created revision a0a0a0a0a0a0: migrations/a0a0a0a0a0a0_add_nickname.sql\n"
            "verified on a scratch database: the up sections give target.sql, the down sections give head " +
                head() + " back\n");
  const std::string table = is_pg() ? "public.users" : "users";
  const std::string quoted = is_pg() ? "\"public\".\"users\"" : "\"users\"";
  EXPECT_EQ(result.err, "warning: down: column " + table + ".nickname drops the column and its values\n");
  EXPECT_EQ(written("a0a0a0a0a0a0_add_nickname.sql"),
            "-- revision: a0a0a0a0a0a0\n"
            "-- revises: " +
                head() +
                "\n"
                "-- message: add nickname\n"
                "\n"
                "-- +up\n"
                "ALTER TABLE " +
                quoted + " ADD COLUMN \"nickname\" " + (is_pg() ? "text" : "TEXT") +
                ";\n"
                "\n"
                "-- +down\n"
                "-- destructive: column " +
                table +
                ".nickname drops the column and its values\n"
                "ALTER TABLE " +
                quoted + " DROP COLUMN \"nickname\";\n");
  // The revision runs, and the database then agrees with the target.
  const auto upgrade = run({"upgrade"});
  EXPECT_EQ(upgrade.exit_code, 0) << describe(upgrade);
  const auto agree = run({"diff", "revision:head", "target.sql"});
  EXPECT_EQ(agree.exit_code, 0) << describe(agree);
  EXPECT_EQ(agree.out, "the schemas are equal\n");
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Autogenerate, NoDifferenceWritesNothing) {
  write("same.sql", schema_with(""));
  const auto before = migration_files();
  const auto result = run({"revision", "--autogenerate", "-m", "nothing", "--to", "same.sql"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "no difference between head " + head() + " and same.sql: no revision written\n");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(migration_files(), before);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Autogenerate, AMigrationThatDoesNotVerifyIsRefused) {
  // A column added in the middle: ADD COLUMN appends it, which --strict-column-order counts as a difference.
  write("middle.sql",
        "CREATE TABLE users (id integer PRIMARY KEY, nickname text, name text NOT NULL, email text);\n"
        "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id));\n"
        "CREATE INDEX orders_user_id ON orders (user_id);\n");
  const auto before = migration_files();
  const auto result =
      run({"revision", "--autogenerate", "-m", "nickname", "--to", "middle.sql", "--strict-column-order"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  const std::string users = is_pg() ? "public.users" : "users";
  EXPECT_EQ(result.err,
            "error: the generated migration does not verify: after its up sections the scratch database differs "
            "from the target (3 differences), so nothing was written (--no-verify would write it anyway):\n"
            "  changed column " +
                users +
                ".email: position: 4 -> 3\n"
                "  changed column " +
                users +
                ".name: position: 3 -> 2\n"
                "  changed column " +
                users +
                ".nickname: position: 2 -> 4\n"
                "hint: strata diff revision:head middle.sql --sql\n");
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(migration_files(), before);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
  // --no-verify writes it anyway.
  const auto unverified = run({"revision", "--autogenerate", "-m", "nickname", "--to", "middle.sql",
                               "--strict-column-order", "--no-verify", "--rev-id", "b0b0b0b0b0b0"});
  EXPECT_EQ(unverified.exit_code, 0) << describe(unverified);
  EXPECT_EQ(unverified.out,
            "created revision b0b0b0b0b0b0: migrations/b0b0b0b0b0b0_nickname.sql\nnot verified (--no-verify)\n");
}

TEST_P(Autogenerate, ASectionThatFailsOnTheScratchDatabaseIsRefused) {
  // The head holds a row whose email is NULL (a migration inserts it), so making email NOT NULL fails there.
  Migration seed;
  seed.id = "d0d0d0d0d0d0";
  seed.slug = "seed";
  seed.revises = {k_rev3};
  seed.up = "INSERT INTO users (id, name) VALUES (1, 'a');";
  seed.down = "DELETE FROM users WHERE id = 1;";
  m_project.write_all({seed});
  write("target.sql", schema_with(" NOT NULL"));
  const auto before = migration_files();
  const auto result = run({"revision", "--autogenerate", "-m", "email required", "--to", "target.sql"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  const std::string prefix =
      "error: the generated migration does not verify: its up section fails on the scratch database, so nothing was "
      "written (--no-verify would write it anyway): ";
  ASSERT_EQ(result.err.rfind(prefix, 0), 0U) << result.err;
  const std::string hint = "\nhint: strata diff revision:head target.sql --sql\n";
  ASSERT_GE(result.err.size(), hint.size());
  EXPECT_EQ(result.err.substr(result.err.size() - hint.size()), hint) << result.err;
  EXPECT_NE(result.err.find(is_pg() ? "[23502]" : "NOT NULL constraint failed"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(migration_files(), before);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Autogenerate, OnlineOnSqliteIsAUsageError) {
  if (is_pg()) GTEST_SKIP() << "SQLite refuses --online";
  write("target.sql", schema_with(", nickname text"));
  const auto before = migration_files();
  const auto result = run({"revision", "--autogenerate", "-m", "x", "--to", "target.sql", "--online"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: --online writes PostgreSQL's non-blocking forms (CREATE INDEX CONCURRENTLY, NOT VALID); sqlite "
            "has none (" +
                db().url() + ")\nhint: strata revision --autogenerate -m MSG --to target.sql\n");
  EXPECT_EQ(migration_files(), before);
}

TEST_P(Autogenerate, OnlineWritesNonBlockingFormsThatPassLint) {
  if (!is_pg()) GTEST_SKIP() << "--online is PostgreSQL's";
  write("target.sql", schema_with(", manager_id integer") +
                          "ALTER TABLE users ADD CONSTRAINT users_manager FOREIGN KEY (manager_id) REFERENCES "
                          "users (id);\n"
                          "CREATE INDEX users_name ON users (name);\n");
  const auto before = migration_files();
  const auto result = run(
      {"revision", "--autogenerate", "-m", "managers", "--to", "target.sql", "--online", "--rev-id", "c0c0c0c0c0c0"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  std::vector<std::string> added;
  for (const auto& name : migration_files())
    if (std::find(before.begin(), before.end(), name) == before.end() && name != "c0c0c0c0c0c0_managers.sql")
      added.push_back(name);
  ASSERT_EQ(added.size(), 1u);
  const std::string second_id = added[0].substr(0, 12);
  EXPECT_EQ(added[0], second_id + "_managers_create_indexes_concurrently.sql");
  EXPECT_EQ(result.out,
            "created revision c0c0c0c0c0c0: migrations/c0c0c0c0c0c0_managers.sql\n"
            "created revision " +
                second_id + ": migrations/" + added[0] +
                " (transaction: none)\n"
                "verified on a scratch database: the up sections give target.sql, the down sections give head " +
                head() + " back\n");
  EXPECT_EQ(written("c0c0c0c0c0c0_managers.sql"),
            "-- revision: c0c0c0c0c0c0\n"
            "-- revises: " +
                head() +
                "\n"
                "-- message: managers\n"
                "\n"
                "-- +up\n"
                "ALTER TABLE \"public\".\"users\" ADD COLUMN \"manager_id\" integer;\n"
                "ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_manager\" FOREIGN KEY (manager_id) REFERENCES "
                "public.users(id) NOT VALID;\n"
                "\n"
                "-- +down\n"
                "ALTER TABLE \"public\".\"users\" DROP CONSTRAINT \"users_manager\";\n"
                "-- destructive: column public.users.manager_id drops the column and its values\n"
                "ALTER TABLE \"public\".\"users\" DROP COLUMN \"manager_id\";\n");
  const std::string second = written(added[0]);
  EXPECT_NE(second.find("-- revises: c0c0c0c0c0c0\n"), std::string::npos) << second;
  EXPECT_NE(second.find("-- message: managers (create indexes concurrently, validate constraints)\n"),
            std::string::npos)
      << second;
  EXPECT_NE(second.find("-- transaction: none\n"), std::string::npos) << second;
  EXPECT_NE(second.find("-- +up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON public.users USING btree "
                        "(name);\nALTER TABLE \"public\".\"users\" VALIDATE CONSTRAINT \"users_manager\";\n"),
            std::string::npos)
      << second;
  EXPECT_NE(second.find("-- +down\nDROP INDEX CONCURRENTLY IF EXISTS \"public\".\"users_name\";\n"), std::string::npos)
      << second;
  const auto lint = run({"lint"});
  EXPECT_EQ(lint.exit_code, 0) << describe(lint);
  const auto upgrade = run({"upgrade"});
  EXPECT_EQ(upgrade.exit_code, 0) << describe(upgrade);
  const auto agree = run({"diff", db().url(), "target.sql"});
  EXPECT_EQ(agree.exit_code, 0) << describe(agree);
  const auto downgrade = run({"downgrade", head()});
  EXPECT_EQ(downgrade.exit_code, 0) << describe(downgrade);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Autogenerate, JsonListsTheRevisionsAndWarnings) {
  write("target.sql", schema_with(", nickname text"));
  const auto result = run(
      {"revision", "--autogenerate", "-m", "add nickname", "--to", "target.sql", "--rev-id", "d0d0d0d0d0d0", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto document = json_document(result);
  EXPECT_EQ(document["equal"], false);
  EXPECT_EQ(document["verified"], true);
  ASSERT_EQ(document["revisions"].size(), 1u);
  EXPECT_EQ(document["revisions"][0]["revision"], "d0d0d0d0d0d0");
  EXPECT_EQ(document["revisions"][0]["path"], "migrations/d0d0d0d0d0d0_add_nickname.sql");
  EXPECT_EQ(document["warnings"]["down"].size(), 1u);
  EXPECT_EQ(document["warnings"]["down"][0]["reason"], "drops the column and its values");
}

TEST_P(Autogenerate, AutogenerateOptionsWithoutAutogenerateAreRefused) {
  const auto result = run({"revision", "-m", "x", "--to", "target.sql"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: --to, --rename, --online and --no-verify go with --autogenerate\nhint: strata revision "
            "--autogenerate -m MSG --to schema.sql\n");
}

TEST_P(Autogenerate, WithoutADatabaseTheEngineIsUnknown) {
  if (is_pg()) GTEST_SKIP() << "no database at all: the engine does not matter";
  write("target.sql", schema_with(""));
  const auto result = m_project.run({"revision", "--autogenerate", "-m", "x", "--to", "target.sql"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: revision --autogenerate -m MSG --to target.sql builds the schemas on a scratch database but does "
            "not know which engine: no side is a database URL and no database is configured\nhint: name one, e.g. "
            "strata revision --autogenerate -m MSG --to target.sql --url sqlite:scratch.db\n");
  const auto diff = m_project.run({"diff", "target.sql", "revision:head"});
  EXPECT_EQ(diff.exit_code, 2) << describe(diff);
  EXPECT_EQ(diff.err,
            "error: diff target.sql revision:head builds the schemas on a scratch database but does not know which "
            "engine: no side is a database URL and no database is configured\nhint: name one, e.g. strata diff "
            "target.sql revision:head --url sqlite:scratch.db\n");
}

TEST_P(Autogenerate, RenameIsWrittenAsARenameBothWays) {
  std::string target = schema_with("");
  target.replace(target.find("name text"), 4, "full_name");
  write("renamed.sql", target);
  const std::string rename = is_pg() ? "public.users.name=full_name" : "users.name=full_name";
  const auto result = run({"revision", "--autogenerate", "-m", "rename", "--to", "renamed.sql", "--rename", rename,
                           "--rev-id", "e0e0e0e0e0e0"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.err, "");
  const std::string quoted = is_pg() ? "\"public\".\"users\"" : "\"users\"";
  EXPECT_EQ(written("e0e0e0e0e0e0_rename.sql"),
            "-- revision: e0e0e0e0e0e0\n"
            "-- revises: " +
                head() +
                "\n"
                "-- message: rename\n"
                "\n"
                "-- +up\n"
                "ALTER TABLE " +
                quoted +
                " RENAME COLUMN \"name\" TO \"full_name\";\n"
                "\n"
                "-- +down\n"
                "ALTER TABLE " +
                quoted + " RENAME COLUMN \"full_name\" TO \"name\";\n");
}

TEST_P(Autogenerate, ABadRenameIsAUsageError) {
  write("target.sql", schema_with(", nickname text"));
  const auto result = run({"revision", "--autogenerate", "-m", "x", "--to", "target.sql", "--rename", "users.name"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: --rename 'users.name' is not OLD=NEW\nhint: strata revision --autogenerate -m MSG --to schema.sql "
            "--rename public.users.name=full_name\n");
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Autogenerate, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
