// The runner against real databases: atomic migrations, --transaction all, `transaction: none` and resolve.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "strata/core/error.hpp"
#include "strata/db/lock.hpp"
#include "strata/db/version_store.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/migration_error.hpp"
#include "strata/engine/plan_runner.hpp"
#include "strata/engine/resolve_dirty.hpp"
#include "strata/engine/status.hpp"
#include "support/expect_error.hpp"

namespace strata::engine::testing {
namespace {

using ::strata::testing::expect_error;

class RunnerTest : public EngineTest {
protected:
  // a and b create tables; c creates one then fails on its second statement (file lines 6 to 9).
  void write_failing_chain(bool c_non_transactional = false) {
    write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
    write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", "DROP TABLE b;\n"});
    write({k_c,
           {k_b},
           "CREATE TABLE c (id integer);\nINSERT INTO c\n  SELECT id FROM\n    missing_table;\n"
           "CREATE TABLE c2 (id integer);\n",
           "DROP TABLE c;\n",
           c_non_transactional});
  }

  MigrateReport upgrade(RunSettings run = {}, std::string target = "") {
    SilentProgress progress;
    return migrate(repository(), database(), run, MigrateRequest{graph::Direction::up, std::move(target)}, progress);
  }

  std::string missing_table_error() const {
    return is_postgres() ? "relation \"missing_table\" does not exist [42P01]"
                         : "no such table: missing_table [SQLITE_ERROR]";
  }
};

TEST_P(RunnerTest, FailingTransactionalMigrationLeavesTheDatabaseAsBeforeIt) {
  write_failing_chain();
  // PostgreSQL points at the missing table (line 9); SQLite at the failing statement (line 7).
  const int line = is_postgres() ? 9 : 7;
  const auto error = expect_error<MigrationError>(
      [&] { upgrade(); }, ErrorCode::sql_error,
      "migrations/" + k_c + "_m.sql:" + std::to_string(line) + ": upgrade " + k_c + " failed: " + display() + ": " +
          missing_table_error() + "\nits transaction was rolled back: the database is as it was before " + k_c +
          " (the 2 migrations before it in this run stay done)\nhint: once the cause is fixed (the statement, the "
          "connection, the disk), run the same `strata upgrade` again: it continues with " +
          k_c);
  EXPECT_EQ(error.revision(), k_c);
  EXPECT_EQ(error.fields().path, "migrations/" + k_c + "_m.sql");
  EXPECT_EQ(error.fields().line, line);
  EXPECT_EQ(error.fields().sqlstate, is_postgres() ? "42P01" : "SQLITE_ERROR");
  EXPECT_EQ(error.exit_code(), ExitCode::database);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b}));
  EXPECT_EQ(log_actions(), (std::vector<std::string>{"upgrade " + k_a, "upgrade " + k_b, "failure " + k_c}));
}

// A failure at COMMIT (here a deferred foreign key, checked only then) names the revision and says what happened,
// like a failing statement; before, it came out as the bare server error. PostgreSQL only: SQLite checks nothing
// at COMMIT unless foreign_keys is on, which a migration cannot switch on inside its transaction.
TEST_P(RunnerTest, FailureAtCommitNamesTheRevisionAndRollsBack) {
  if (!is_postgres()) GTEST_SKIP() << "SQLite has no constraint checked at COMMIT by default";
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  write({k_b,
         {k_a},
         "CREATE TABLE p (id integer PRIMARY KEY);\n"
         "CREATE TABLE c (p integer REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO c VALUES (1);\n",
         "DROP TABLE c;\nDROP TABLE p;\n"});
  const auto error = expect_error<MigrationError>(
      [&] { upgrade(); }, ErrorCode::sql_error,
      "migrations/" + k_b + "_m.sql: upgrade " + k_b + " failed: " + display() +
          ": insert or update on table \"c\" violates foreign key constraint \"c_p_fkey\" [23503]\ndetail: Key "
          "(p)=(1) is not present in table \"p\".\nits transaction was rolled back: the database is as it was before " +
          k_b +
          " (the 1 migrations before it in this run stay done)\nhint: once the cause is fixed (the statement, the "
          "connection, the disk), run the same `strata upgrade` again: it continues with " +
          k_b);
  EXPECT_EQ(error.revision(), k_b);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a"}));
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a}));
}

TEST_P(RunnerTest, TransactionAllRollsBackTheWholeRun) {
  write_failing_chain();
  RunSettings run;
  run.transaction = TransactionScope::all;
  const std::string message = expect_error<MigrationError>([&] { upgrade(run); }, ErrorCode::sql_error).what();
  EXPECT_NE(message.find("\nthe whole run (--transaction all) was rolled back: nothing was applied"), std::string::npos)
      << message;
  EXPECT_EQ(tables(), std::vector<std::string>{});
  EXPECT_EQ(version_rows(), std::vector<std::string>{});
  EXPECT_EQ(log_actions(), std::vector<std::string>{"failure " + k_c});
}

TEST_P(RunnerTest, TransactionAllAppliesEverythingWhenNothingFails) {
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", "DROP TABLE b;\n"});
  RunSettings run;
  run.transaction = TransactionScope::all;
  const auto report = upgrade(run);
  EXPECT_EQ(report.executed, 2u);
  EXPECT_EQ(report.heads_after, std::vector<std::string>{k_b});
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b}));
}

TEST_P(RunnerTest, TransactionAllIsRefusedForANonTransactionalMigration) {
  write_failing_chain(true);
  RunSettings run;
  run.transaction = TransactionScope::all;
  expect_error<UsageError>(
      [&] { upgrade(run); }, ErrorCode::transaction_all_refused,
      "--transaction all cannot run this plan: revision " + k_c + " (migrations/" + k_c +
          "_m.sql) is a `transaction: none` migration, whose statements cannot run inside a transaction "
          "block; nothing was changed\nhint: run without --transaction all");
  EXPECT_EQ(tables(), std::vector<std::string>{});
  EXPECT_EQ(version_rows(), std::vector<std::string>{});
}

TEST_P(RunnerTest, NonTransactionalFailureIsDirtyAtItsStatementUntilResumed) {
  write_failing_chain(true);
  const int line = is_postgres() ? 10 : 8;  // one header line more than the transactional file
  expect_error<MigrationError>(
      [&] { upgrade(); }, ErrorCode::sql_error,
      "migrations/" + k_c + "_m.sql:" + std::to_string(line) + ": upgrade " + k_c + " failed: " + display() + ": " +
          missing_table_error() + "\nrevision " + k_c +
          " is now dirty at statement 2 of 3 (a `transaction: none` migration: the statements before it stay "
          "done)\nhint: fix the cause, then continue from statement 2 with `strata resolve " +
          k_c + " --resume`; if it was completed by hand: `strata resolve " + k_c +
          " --applied`; if it was undone by hand: `strata resolve " + k_c + " --rolled-back`");
  // The first statement of c stays done; c is recorded as dirty, not applied.
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b", "c"}));

  const auto status = read_status(repository(), database(), settings());
  ASSERT_TRUE(status.dirty.has_value());
  EXPECT_EQ(status.dirty->revision, k_c);
  EXPECT_EQ(status.dirty->statement, 2);
  EXPECT_EQ(status.dirty->line, 8);  // the statement's first line
  EXPECT_EQ(status.dirty->path, "migrations/" + k_c + "_m.sql");
  EXPECT_EQ(status.dirty->error, missing_table_error());
  EXPECT_EQ(status.exit_code(), ExitCode::database);
  EXPECT_EQ(status.current_heads, std::vector<std::string>{k_b});

  {
    const auto error = expect_error<DatabaseError>([&] { upgrade(); }, ErrorCode::dirty);
    EXPECT_EQ(std::string(error.what()),
              display() + " is dirty: revision " + k_c + " (a `transaction: none` migration) failed at statement 2 (" +
                  "migrations/" + k_c + "_m.sql:8): " + missing_table_error() + "\nhint: fix the cause, then " +
                  "continue from statement 2 with `strata resolve " + k_c + " --resume`; if it was completed by " +
                  "hand: `strata resolve " + k_c + " --applied`; if it was undone by hand: `strata resolve " + k_c +
                  " --rolled-back`");
  }

  inspect().execute("CREATE TABLE missing_table (id integer)");
  SilentProgress progress;
  const auto report = resolve_dirty(repository(), database(), settings(), "cccc", Resolution::resume, progress);
  EXPECT_EQ(report.revision, k_c);
  EXPECT_EQ(report.from_statement, 2);
  EXPECT_EQ(report.statements, 3);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b", "c", "c2", "missing_table"}));
  const auto after = read_status(repository(), database(), settings());
  EXPECT_FALSE(after.dirty.has_value());
  EXPECT_TRUE(after.up_to_date());
  EXPECT_EQ(after.current_heads, std::vector<std::string>{k_c});
}

// A statement that begins or ends a transaction is refused before the run (see ControlStatementsAreRefused...);
// the runner also checks the session after each statement, for whatever that check cannot see. Running a plan
// directly reaches that guard: it stops at once, claims no rollback, and leaves the revision dirty.
TEST_P(RunnerTest, StatementThatEndsTheTransactionStopsTheRunWithoutClaimingARollback) {
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\nCOMMIT;\nCREATE TABLE b2 (id integer);\n", "DROP TABLE b;\n"});
  upgrade({}, k_a);
  const auto repo = repository();
  const auto a = *repo.graph().find(k_a);
  auto connection = db::connect(database().url);
  db::VersionStore store(*connection);
  auto lock = db::MigrationLock::acquire(*connection, {});
  SilentProgress progress;
  const RunSettings run;
  PlanRunner runner(*connection, store, lock, repo, run, progress, {a}, "");
  const auto plan = graph::plan_upgrade(repo.graph(), std::vector<graph::RevIndex>{a}, k_b);
  {
    const auto error = expect_error<MigrationError>(
        [&] { runner.run(plan); }, ErrorCode::transaction_ended,
        "migrations/" + k_b + "_m.sql:7: upgrade " + k_b + " failed: statement 2 ended the transaction " +
            "strata runs the migration in\nstrata stopped right after it: the statements before it were " +
            "committed or rolled back by it, not by strata; nothing after it ran; revision " + k_b +
            " is now dirty (a statement that ends transactions belongs in a `-- transaction: none` migration)" +
            "\nhint: fix the cause, then continue from statement 3 with `strata resolve " + k_b +
            " --resume`; if it was completed by hand: `strata resolve " + k_b + " --applied`; if it was " +
            "undone by hand: `strata resolve " + k_b + " --rolled-back`");
    EXPECT_EQ(error.fields().line, 7);
  }
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b"})) << "the COMMIT kept b; nothing after it may run";
  const auto status = read_status(repository(), database(), settings());
  ASSERT_TRUE(status.dirty.has_value());
  EXPECT_EQ(status.dirty->revision, k_b);
  EXPECT_EQ(status.dirty->statement, 3);
  EXPECT_FALSE(status.dirty->failed);
}

TEST_P(RunnerTest, ResumeRecordsTheChecksumOfTheFixedFile) {
  write_failing_chain(true);
  EXPECT_THROW(upgrade(), MigrationError);
  write({k_c,
         {k_b},
         "CREATE TABLE c (id integer);\nINSERT INTO c SELECT 1;\nCREATE TABLE c2 (id integer);\n",
         "DROP TABLE c;\n",
         true});
  SilentProgress progress;
  resolve_dirty(repository(), database(), settings(), k_c, Resolution::resume, progress);
  const auto status = read_status(repository(), database(), settings());
  EXPECT_TRUE(status.checksum_mismatches.empty()) << "the fixed file's checksum was not recorded";
  EXPECT_TRUE(status.up_to_date());
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b", "c", "c2"}));
}

TEST_P(RunnerTest, ResumeRefusesAStatementNumberTheFileDoesNotHave) {
  write_failing_chain(true);
  EXPECT_THROW(upgrade(), MigrationError);
  inspect().execute("UPDATE strata_migrations SET dirty_statement = 98 WHERE revision = '" + k_c + "'");
  SilentProgress progress;
  expect_error<DatabaseError>(
      [&] { resolve_dirty(repository(), database(), settings(), k_c, Resolution::resume, progress); },
      ErrorCode::bad_progress,
      display() + ": cannot resume " + k_c + ": the version table says it failed at statement 99, but " +
          "its up section (migrations/" + k_c + "_m.sql) has 3 statements; nothing was changed\nhint: if " +
          "the file was edited since, restore it; otherwise check what ran, then `strata resolve " + k_c +
          " --applied` or `strata resolve " + k_c + " --rolled-back`");
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(read_status(repository(), database(), settings()).dirty.has_value());
}

TEST_P(RunnerTest, ResolveRolledBackForgetsTheDirtyRevision) {
  write_failing_chain(true);
  EXPECT_THROW(upgrade(), MigrationError);
  SilentProgress progress;
  resolve_dirty(repository(), database(), settings(), k_c, Resolution::rolled_back, progress);
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b}));
  const auto status = read_status(repository(), database(), settings());
  EXPECT_FALSE(status.dirty.has_value());
  EXPECT_EQ(status.pending, std::vector<std::string>{k_c});
}

TEST_P(RunnerTest, ResolveAppliedMarksItApplied) {
  write_failing_chain(true);
  EXPECT_THROW(upgrade(), MigrationError);
  SilentProgress progress;
  resolve_dirty(repository(), database(), settings(), k_c, Resolution::applied, progress);
  EXPECT_TRUE(read_status(repository(), database(), settings()).up_to_date());
}

TEST_P(RunnerTest, ResolveWithoutADirtyRevisionIsRefused) {
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  upgrade();
  SilentProgress progress;
  expect_error<UsageError>(
      [&] { resolve_dirty(repository(), database(), settings(), k_a, Resolution::resume, progress); },
      ErrorCode::not_dirty, display() + " has no dirty revision: nothing to resolve");
}

TEST_P(RunnerTest, ResolveOfAnotherRevisionNamesTheDirtyOne) {
  write_failing_chain(true);
  EXPECT_THROW(upgrade(), MigrationError);
  SilentProgress progress;
  expect_error<UsageError>(
      [&] { resolve_dirty(repository(), database(), settings(), k_b, Resolution::applied, progress); },
      ErrorCode::not_dirty, "revision '" + k_b + "' is not dirty on " + display() + "; the dirty revision is " + k_c);
  EXPECT_TRUE(read_status(repository(), database(), settings()).dirty.has_value());
}

TEST_P(RunnerTest, DowngradeWithoutDownSectionIsRefusedBeforeAnything) {
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", std::nullopt});
  write({k_c, {k_b}, "CREATE TABLE c (id integer);\n", "DROP TABLE c;\n"});
  upgrade();
  SilentProgress progress;
  expect_error<RepositoryError>(
      [&] {
        migrate(repository(), database(), settings(), MigrateRequest{graph::Direction::down, "base"}, progress);
      },
      ErrorCode::no_down_section,
      "migrations/" + k_b + "_m.sql:1: revision " + k_b +
          " has no down section, so it cannot be downgraded; nothing was changed\nhint: add a `-- +down` section to "
          "the file, or choose a target above " +
          k_b);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b, k_c}));
  // Above it, downgrading works.
  migrate(repository(), database(), settings(), MigrateRequest{graph::Direction::down, k_b}, progress);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "b"}));
}

TEST_P(RunnerTest, DryRunChangesNothing) {
  write({k_a, {}, "CREATE TABLE a (id integer);\n", "DROP TABLE a;\n"});
  SilentProgress progress;
  const auto report =
      migrate(repository(), database(), settings(), MigrateRequest{graph::Direction::up, "", true}, progress);
  EXPECT_EQ(report.plan.steps.size(), 1u);
  EXPECT_EQ(report.heads_after, std::vector<std::string>{k_a});
  EXPECT_EQ(report.executed, 0u);
  if (!is_postgres()) {
    EXPECT_FALSE(std::filesystem::exists(m_dir / "app.db"));
  }
  EXPECT_EQ(tables(), std::vector<std::string>{});
  EXPECT_EQ(version_rows(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Engines, RunnerTest, ::testing::Values(Backend::sqlite, Backend::postgres), backend_name);

}  // namespace
}  // namespace strata::engine::testing
