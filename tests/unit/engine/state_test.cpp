// Checks made before anything runs: checksums, applied revisions the repository lacks, stamp; plus --sql,
// alembic_version and adopt-alembic, on both engines.
#include <gtest/gtest.h>

#include <fstream>

#include "engine_fixture.hpp"
#include "strata/core/error.hpp"
#include "strata/engine/adopt_alembic.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/rehash.hpp"
#include "strata/engine/sql_script.hpp"
#include "strata/engine/stamp.hpp"
#include "strata/engine/status.hpp"
#include "support/expect_error.hpp"

namespace strata::engine::testing {
namespace {

using ::strata::testing::expect_error;

class StateTest : public EngineTest {
protected:
  void write_chain() {
    write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
    write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", "DROP TABLE b;\n"});
    write({k_c, {k_b}, "CREATE TABLE c (id integer);\n", "DROP TABLE c;\n"});
  }

  MigrateReport upgrade(RunSettings run = {}, std::string target = "") {
    SilentProgress progress;
    return migrate(repository(), database(), run, MigrateRequest{graph::Direction::up, std::move(target)}, progress);
  }

  MigrateReport downgrade(std::string target, RunSettings run = {}) {
    SilentProgress progress;
    return migrate(repository(), database(), run, MigrateRequest{graph::Direction::down, std::move(target)}, progress);
  }

  std::vector<std::string> alembic_rows() {
    const auto result = inspect().query("SELECT version_num FROM alembic_version ORDER BY 1");
    std::vector<std::string> rows;
    for (const auto& row : result.rows()) rows.push_back(row[0].value_or(""));
    return rows;
  }
};

TEST_P(StateTest, ChangedFileOfAnAppliedMigrationStopsUpgrade) {
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", "DROP TABLE b;\n"});
  upgrade();
  write({k_b, {k_a}, "CREATE TABLE b (id bigint);\n", "DROP TABLE b;\n"});
  write({k_c, {k_b}, "CREATE TABLE c (id integer);\n", "DROP TABLE c;\n"});
  {
    const auto error = expect_error<MismatchError>(
        [&] { upgrade(); }, ErrorCode::checksum_mismatch,
        display() + ": an applied migration was changed after being applied; nothing was changed\n  migrations/" + k_b +
            "_m.sql: revision " + k_b + " (checksum differs)\nhint: restore the file; or, if the " +
            "database already matches the edited file, record its checksum with `strata rehash " + k_b + "`");
    EXPECT_EQ(error.exit_code(), ExitCode::repository);
  }
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b"}));
  const auto status = read_status(repository(), database(), settings());
  ASSERT_EQ(status.checksum_mismatches.size(), 1u);
  EXPECT_EQ(status.checksum_mismatches[0].path, "migrations/" + k_b + "_m.sql");
  EXPECT_EQ(status.exit_code(), ExitCode::repository);

  RunSettings allow;
  allow.allow_checksum_mismatch = true;
  EXPECT_EQ(upgrade(allow).executed, 1u);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_P(StateTest, StampLeavesChecksumsAndRehashReRecordsThem) {
  write_chain();
  upgrade();
  write({k_b, {k_a}, "CREATE TABLE b (id bigint);\n", "DROP TABLE b;\n"});
  EXPECT_EQ(read_status(repository(), database(), settings()).checksum_mismatches.size(), 1u);
  const auto stamped = stamp(repository(), database(), settings(), {k_c}, false);
  EXPECT_TRUE(stamped.added.empty());
  EXPECT_TRUE(stamped.removed.empty());
  EXPECT_EQ(read_status(repository(), database(), settings()).checksum_mismatches.size(), 1u)
      << "stamp re-recorded a checksum: that is rehash's job";

  const auto report = rehash(repository(), database(), settings(), {});
  ASSERT_EQ(report.rehashed.size(), 1u);
  EXPECT_EQ(report.rehashed[0].revision, k_b);
  EXPECT_EQ(report.rehashed[0].path, "migrations/" + k_b + "_m.sql");
  EXPECT_NE(report.rehashed[0].old_checksum, report.rehashed[0].new_checksum);
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b, k_c}));
  EXPECT_TRUE(read_status(repository(), database(), settings()).up_to_date());
  EXPECT_EQ(log_actions().back(), "stamp " + k_b);
  EXPECT_TRUE(rehash(repository(), database(), settings(), {}).rehashed.empty()) << "a second rehash changed rows";
  EXPECT_EQ(rehash(repository(), database(), settings(), {k_a}).unchanged, std::vector<std::string>{k_a});
}

TEST_P(StateTest, RehashRefusesARevisionThatIsNotApplied) {
  write_chain();
  upgrade({}, k_a);
  expect_error<UsageError>(
      [&] { rehash(repository(), database(), settings(), {k_b}); }, ErrorCode::not_applied,
      display() + ": revision " + k_b + " (migrations/" + k_b +
          "_m.sql) is not applied, and rehash only "
          "re-records the checksum of applied revisions; nothing was changed\nhint: `strata status` lists "
          "what is applied");
  EXPECT_EQ(version_rows(), std::vector<std::string>{k_a});
}

TEST_P(StateTest, StampMovesTheAppliedSetWithoutRunningAnything) {
  write_chain();
  const auto report = stamp(repository(), database(), settings(), {k_b}, false);
  EXPECT_EQ(report.added, (std::vector<std::string>{k_a, k_b}));
  EXPECT_EQ(report.heads_after, std::vector<std::string>{k_b});
  EXPECT_EQ(tables(), std::vector<std::string>{});
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b}));
  stamp(repository(), database(), settings(), {"base"}, true);
  EXPECT_EQ(version_rows(), std::vector<std::string>{});
}

TEST_P(StateTest, AppliedRevisionsTheRepositoryLacksStopEverything) {
  write_chain();
  upgrade();
  remove_file(k_c);
  expect_error<MismatchError>(
      [&] { upgrade(); }, ErrorCode::unknown_applied,
      display() + ": the database is ahead of the code: applied revision " + k_c +
          " is not in the repository; nothing was changed\nhint: run this with the code that has that "
          "migration; if it was undone by hand, forget its row with `strata stamp --purge " +
          k_b + "`");
  EXPECT_THROW(downgrade("base"), MismatchError);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b, k_c}));
  const auto status = read_status(repository(), database(), settings());
  EXPECT_EQ(status.unknown_applied, std::vector<std::string>{k_c});
  EXPECT_EQ(status.exit_code(), ExitCode::repository);
}

TEST_P(StateTest, SqlScriptTouchesNothing) {
  write_chain();
  upgrade({}, k_a);
  const auto before_tables = tables();
  const auto before_rows = version_rows();
  const auto report = sql_script(repository(), database(), settings(), MigrateRequest{graph::Direction::up, ""});
  EXPECT_EQ(report.plan.steps.size(), 2u);
  EXPECT_EQ(tables(), before_tables);
  EXPECT_EQ(version_rows(), before_rows);
  const auto& script = report.script;
  EXPECT_EQ(script.rfind("-- strata migration script for " + display(), 0), 0u) << script;
  EXPECT_EQ(script.find("CREATE TABLE IF NOT EXISTS"), std::string::npos) << "the store exists already\n" << script;
  const auto b = script.find("-- upgrade " + k_b + " (migrations/" + k_b +
                             "_m.sql)\nBEGIN;\nCREATE TABLE b (id integer);\n"
                             "INSERT INTO \"strata_migrations\"");
  EXPECT_NE(b, std::string::npos) << script;
  EXPECT_NE(script.find("COMMIT;\n\n-- upgrade " + k_c), std::string::npos) << script;
  EXPECT_EQ(script.substr(script.size() - 8), "COMMIT;\n");
}

// SQLite: the database file does not exist and is not created. PostgreSQL: the database has no version store and
// still has none afterwards.
TEST_P(StateTest, SqlScriptOfAnEmptyDatabaseStartsFromEmptyAndCreatesNothing) {
  write_chain();
  const auto report = sql_script(repository(), database(), settings(), MigrateRequest{graph::Direction::up, ""});
  EXPECT_EQ(report.plan.steps.size(), 3u);
  EXPECT_NE(report.script.find("-- the version store\nCREATE TABLE IF NOT EXISTS"), std::string::npos) << report.script;
  if (is_postgres())
    EXPECT_EQ(inspect()
                  .query("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", {m_schema})
                  .one_field(),
              "0");
  else EXPECT_FALSE(std::filesystem::exists(m_dir / "app.db"));
}

TEST_P(StateTest, AlembicVersionHoldsExactlyTheHeads) {
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", "DROP TABLE b;\n"});
  write({k_c, {k_a}, "CREATE TABLE c (id integer);\n", "DROP TABLE c;\n"});
  RunSettings run;
  run.store.alembic_version = true;
  upgrade(run, k_b);
  EXPECT_EQ(alembic_rows(), std::vector<std::string>{k_b});
  upgrade(run, "heads");
  EXPECT_EQ(alembic_rows(), (std::vector<std::string>{k_b, k_c}));
  downgrade(k_a, run);
  EXPECT_EQ(alembic_rows(), std::vector<std::string>{k_a});
}

TEST_P(StateTest, AdoptAlembicRecordsTheHeadsAndTheirAncestors) {
  write_chain();
  inspect().execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
  inspect().execute("INSERT INTO alembic_version VALUES ('" + k_b + "')");
  const auto report = adopt_alembic(repository(), database(), settings());
  EXPECT_EQ(report.recorded, 2u);
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b}));
  const auto status = read_status(repository(), database(), settings());
  EXPECT_EQ(status.current_heads, std::vector<std::string>{k_b});
  EXPECT_EQ(status.pending, std::vector<std::string>{k_c});
  expect_error<UsageError>([&] { adopt_alembic(repository(), database(), settings()); }, ErrorCode::store_not_empty,
                           display() +
                               ": strata's version store strata_migrations already has 2 rows; adopt-alembic only "
                               "initialises an empty store\nhint: to record what Alembic applied since, running "
                               "nothing: strata adopt-alembic --sync" +
                               selection_options(database()));
}

TEST_P(StateTest, AdoptAlembicOfAnUnknownHeadChangesNothing) {
  write_chain();
  inspect().execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
  inspect().execute("INSERT INTO alembic_version VALUES ('ffff00000009')");
  expect_error<MismatchError>([&] { adopt_alembic(repository(), database(), settings()); }, ErrorCode::unknown_applied,
                              display() +
                                  ": alembic_version names ffff00000009, which the repository lacks: the database "
                                  "is ahead of the code\nhint: run strata with the code that has that revision");
  EXPECT_EQ(version_rows(), std::vector<std::string>{});
}

TEST_P(StateTest, AdoptAlembicWithoutTheTableSaysWhatToDo) {
  write_chain();
  expect_error<DatabaseError>([&] { adopt_alembic(repository(), database(), settings()); },
                              ErrorCode::no_alembic_version,
                              display() +
                                  ": there is no alembic_version table, so there is nothing to adopt\nhint: for a "
                                  "database that Alembic never touched, run `strata upgrade`, or `strata stamp REV` "
                                  "to record what it already has");
}

INSTANTIATE_TEST_SUITE_P(Engines, StateTest, ::testing::Values(Backend::sqlite, Backend::postgres), backend_name);

}  // namespace
}  // namespace strata::engine::testing
