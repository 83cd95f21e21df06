// The public API (include/strata/strata.hpp) on both engines: typed status for each kind of mismatch, plans that
// change nothing, upgrade and downgrade to a target, stamp, progress events, a failed migration's error fields.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "engine_fixture.hpp"
#include "strata/db/lock.hpp"
#include "strata/strata.hpp"
#include "support/expect_error.hpp"

namespace strata::engine::testing {
namespace {

namespace fs = std::filesystem;
using ::strata::testing::expect_error;
using Kind = strata::Mismatch::Kind;
using Event = strata::ProgressEvent::Kind;

class LibraryRun : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    write(
        {k_a, {}, "CREATE TABLE a (id integer);\nCREATE TABLE a2 (id integer);\n", "DROP TABLE a2;\nDROP TABLE a;\n"});
    write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", "DROP TABLE b;\n", true});
    write({k_c, {k_b}, "CREATE TABLE c (id integer);\n", "DROP TABLE c;\n"});
  }

  strata::Project project() const { return strata::Project::open(m_dir, {}, m_dir); }
  strata::Database open() const { return project().database_url(m_url); }

  static std::vector<std::string> ids(const std::vector<strata::StepResult>& steps) {
    std::vector<std::string> result;
    for (const auto& step : steps) result.push_back(step.revision);
    return result;
  }
  static std::vector<std::string> ids(const std::vector<strata::PlanStep>& steps) {
    std::vector<std::string> result;
    for (const auto& step : steps) result.push_back(step.revision);
    return result;
  }
};

TEST_P(LibraryRun, PendingRevisionsAreTypedWithTheirFiles) {
  auto database = open();
  (void)database.upgrade({.target = k_a});
  const auto status = database.status();
  EXPECT_FALSE(status.up_to_date());
  EXPECT_FALSE(status.error.has_value());
  EXPECT_EQ(status.revisions(Kind::pending), (std::vector<std::string>{k_b, k_c}));
  ASSERT_EQ(status.mismatches.size(), 2U);
  EXPECT_EQ(status.mismatches[0].kind, Kind::pending);
  EXPECT_EQ(status.mismatches[0].path, "migrations/" + k_b + "_m.sql");
  EXPECT_EQ(status.current_heads, std::vector<std::string>{k_a});
  EXPECT_EQ(status.expected_heads, std::vector<std::string>{k_c});
  EXPECT_EQ(status.applied_count, 1U);
  EXPECT_EQ(status.name, "url");
}

TEST_P(LibraryRun, AChecksumMismatchCarriesBothChecksums) {
  auto database = open();
  (void)database.upgrade();
  write({k_b, {k_a}, "CREATE TABLE b (id integer, name text);\n", "DROP TABLE b;\n", true});
  // A Project reads the files once, when it is opened: the edited file is seen by a new one.
  EXPECT_TRUE(database.status().up_to_date());
  const auto status = open().status();
  EXPECT_FALSE(status.up_to_date());
  ASSERT_EQ(status.mismatches.size(), 1U);
  const auto& mismatch = status.mismatches[0];
  EXPECT_EQ(mismatch.kind, Kind::checksum_mismatch);
  EXPECT_EQ(mismatch.revision, k_b);
  EXPECT_EQ(mismatch.path, "migrations/" + k_b + "_m.sql");
  EXPECT_FALSE(mismatch.recorded_checksum.empty());
  EXPECT_FALSE(mismatch.current_checksum.empty());
  EXPECT_NE(mismatch.recorded_checksum, mismatch.current_checksum);
}

TEST_P(LibraryRun, AnAppliedRevisionTheCodeLacksIsUnknownApplied) {
  auto database = open();
  (void)database.upgrade();
  remove_file(k_c);
  const auto status = open().status();
  ASSERT_EQ(status.mismatches.size(), 1U);
  EXPECT_EQ(status.mismatches[0].kind, Kind::unknown_applied);
  EXPECT_EQ(status.mismatches[0].revision, k_c);
  EXPECT_EQ(status.mismatches[0].path, "");
  EXPECT_TRUE(status.has(Kind::unknown_applied));
  EXPECT_FALSE(status.has(Kind::pending));
}

TEST_P(LibraryRun, AHalfRunMigrationIsDirtyWithItsStatementAndDirection) {
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\nINSERT INTO missing_table VALUES (1);\n", "DROP TABLE b;\n", true});
  auto database = open();
  EXPECT_THROW((void)database.upgrade(), strata::DatabaseError);
  const auto status = database.status();
  ASSERT_TRUE(status.has(Kind::dirty));
  const auto& dirty = status.mismatches.back();
  EXPECT_EQ(dirty.kind, Kind::dirty);
  EXPECT_EQ(dirty.revision, k_b);
  EXPECT_EQ(dirty.path, "migrations/" + k_b + "_m.sql");
  EXPECT_EQ(dirty.direction, strata::Direction::up);
  EXPECT_EQ(dirty.statement, 2);
  EXPECT_EQ(dirty.line, 8) << "header (4 lines), blank, +up, the CREATE, then the INSERT";
  EXPECT_TRUE(dirty.failed);
  EXPECT_NE(dirty.error.find("missing_table"), std::string::npos) << dirty.error;
}

// A plan makes the checks the run makes: a dirty revision stops it, and so does --transaction all with a
// `transaction: none` migration.
TEST_P(LibraryRun, APlanRefusesWhatTheRunWouldRefuse) {
  auto database = open();
  expect_error<strata::UsageError>([&] { (void)database.plan_upgrade({.all_in_one_transaction = true}); },
                                   strata::ErrorCode::transaction_all_refused);
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\nINSERT INTO missing_table VALUES (1);\n", "DROP TABLE b;\n", true});
  EXPECT_THROW((void)open().upgrade(), strata::DatabaseError);
  const auto dirty =
      expect_error<strata::DatabaseError>([&] { (void)open().plan_upgrade(); }, strata::ErrorCode::dirty);
  EXPECT_EQ(dirty.fields().revision, k_b);
  EXPECT_EQ(dirty.fields().direction, strata::Direction::up);
}

TEST_P(LibraryRun, AppliedRevisionsOfAnotherBranchAreOutsideTheBranch) {
  write({k_b, {k_a}, "CREATE TABLE b (id integer);\n", "DROP TABLE b;\n", false, "left"});
  write({k_c, {k_a}, "CREATE TABLE c (id integer);\n", "DROP TABLE c;\n", false, "right"});
  (void)open().upgrade({.target = "heads"});
  std::ofstream(m_dir / "strata.toml") << "[databases.app]\nurl = \"" << m_url << "\"\nbranch = \"left\"\n";
  const auto status = project().database("app").status();
  EXPECT_EQ(status.branch, "left");
  EXPECT_EQ(status.revisions(Kind::outside_branch), std::vector<std::string>{k_c});
  EXPECT_EQ(status.mismatches.at(0).path, "migrations/" + k_c + "_m.sql");
  EXPECT_FALSE(status.up_to_date());
}

TEST_P(LibraryRun, AnUnreadableDatabaseIsATypedError) {
  const auto url = is_postgres() ? m_url + "&host=/nonexistent-socket-folder" : std::string("sqlite:absent.db");
  const auto status = project().database_url(url).status();
  EXPECT_FALSE(status.up_to_date());
  ASSERT_TRUE(status.error.has_value());
  EXPECT_EQ(status.error->exit_code, strata::ExitCode::database);
  if (!is_postgres()) {
    EXPECT_EQ(status.error->code, strata::ErrorCode::database_missing);
  }
  EXPECT_FALSE(status.error->message.empty());
  EXPECT_FALSE(fs::exists(m_dir / "absent.db"));
}

TEST_P(LibraryRun, APlanChangesNothing) {
  {
    auto fresh = open();
    const auto plan = fresh.plan_upgrade();
    EXPECT_EQ(ids(plan.steps), (std::vector<std::string>{k_a, k_b, k_c}));
    EXPECT_EQ(plan.target, "head");
    EXPECT_TRUE(plan.heads_before.empty());
    EXPECT_EQ(plan.heads_after, std::vector<std::string>{k_c});
    EXPECT_TRUE(version_rows().empty()) << "a plan created the version store";
    EXPECT_TRUE(tables().empty());
  }
  auto database = open();
  (void)database.upgrade({.target = k_a});
  const auto rows = version_rows();
  const auto log = log_actions();

  const auto plan = database.plan_upgrade();
  ASSERT_EQ(plan.steps.size(), 2U);
  EXPECT_EQ(plan.steps[0].revision, k_b);
  EXPECT_EQ(plan.steps[0].direction, strata::Direction::up);
  EXPECT_EQ(plan.steps[0].path, "migrations/" + k_b + "_m.sql");
  EXPECT_EQ(plan.steps[0].message, "migration " + k_b);
  EXPECT_FALSE(plan.steps[0].transactional) << "transaction: none";
  EXPECT_EQ(plan.steps[0].statements, 1U);
  EXPECT_EQ(plan.steps[1].revision, k_c);
  EXPECT_TRUE(plan.steps[1].transactional);
  EXPECT_EQ(plan.heads_before, std::vector<std::string>{k_a});

  const auto down = database.plan_downgrade({.target = "base"});
  ASSERT_EQ(down.steps.size(), 1U);
  EXPECT_EQ(down.steps[0].revision, k_a);
  EXPECT_EQ(down.steps[0].direction, strata::Direction::down);
  EXPECT_EQ(down.steps[0].statements, 2U);
  EXPECT_TRUE(down.heads_after.empty());

  EXPECT_EQ(version_rows(), rows);
  EXPECT_EQ(log_actions(), log);
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "a2"}));
}

TEST_P(LibraryRun, UpgradeToATargetThenDowngradeOneStepAndToBase) {
  auto database = open();
  const auto first = database.upgrade({.target = k_a});
  EXPECT_EQ(ids(first.steps), std::vector<std::string>{k_a});
  EXPECT_EQ(first.heads_after, std::vector<std::string>{k_a});
  EXPECT_GT(first.duration.count(), 0);
  EXPECT_GT(first.steps.at(0).duration.count(), 0);
  EXPECT_LE(first.steps.at(0).duration, first.duration);

  const auto rest = database.upgrade();
  EXPECT_EQ(ids(rest.steps), (std::vector<std::string>{k_b, k_c}));
  EXPECT_EQ(rest.heads_before, std::vector<std::string>{k_a});
  EXPECT_EQ(rest.target, "head");
  EXPECT_EQ(tables(), (std::vector<std::string>{"a", "a2", "b", "c"}));

  const auto back = database.downgrade({.target = "-1"});
  ASSERT_EQ(back.steps.size(), 1U);
  EXPECT_EQ(back.steps[0].revision, k_c);
  EXPECT_EQ(back.steps[0].direction, strata::Direction::down);
  EXPECT_EQ(back.heads_after, std::vector<std::string>{k_b});
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b}));

  const auto base = database.downgrade({.target = "base"});
  EXPECT_EQ(ids(base.steps), (std::vector<std::string>{k_b, k_a}));
  EXPECT_TRUE(base.heads_after.empty());
  EXPECT_GT(base.duration.count(), 0);
  EXPECT_TRUE(version_rows().empty());
  EXPECT_TRUE(tables().empty());

  const auto nothing = database.upgrade({.target = "base"});
  EXPECT_TRUE(nothing.steps.empty());
}

TEST_P(LibraryRun, ADowngradeNeedsATarget) {
  auto database = open();
  expect_error<strata::UsageError>([&] { (void)database.downgrade({}); }, strata::ErrorCode::usage,
                                   "DowngradeOptions::target is empty: give -1 (one step back), base "
                                   "(everything) or the revision to go down to");
  EXPECT_THROW((void)database.plan_downgrade({}), strata::UsageError);
}

TEST_P(LibraryRun, ForwardOnlyRefusesADowngradeUnlessAllowed) {
  std::ofstream(m_dir / "strata.toml") << "forward_only = true\n[databases.app]\nurl = \"" << m_url << "\"\n";
  auto database = project().database();
  (void)database.upgrade();
  expect_error<strata::UsageError>([&] { (void)database.downgrade({.target = "-1"}); },
                                   strata::ErrorCode::forward_only);
  EXPECT_EQ(version_rows().size(), 3U);
  const auto back = database.downgrade({.target = "-1", .allow_downgrade = true});
  EXPECT_EQ(ids(back.steps), std::vector<std::string>{k_c});
}

TEST_P(LibraryRun, StampRecordsWithoutRunning) {
  auto database = open();
  const auto stamped = database.stamp({.revisions = {k_b}});
  EXPECT_EQ(stamped.added, (std::vector<std::string>{k_a, k_b}));
  EXPECT_TRUE(stamped.removed.empty());
  EXPECT_TRUE(stamped.heads_before.empty());
  EXPECT_EQ(stamped.heads_after, std::vector<std::string>{k_b});
  EXPECT_TRUE(tables().empty()) << "stamp ran a migration";
  EXPECT_EQ(database.status().revisions(Kind::pending), std::vector<std::string>{k_c});

  const auto back = database.stamp({.revisions = {"base"}});
  EXPECT_EQ(back.removed.size(), 2U);
  EXPECT_TRUE(back.heads_after.empty());
  EXPECT_TRUE(version_rows().empty());
  expect_error<strata::UsageError>(
      [&] { (void)database.stamp({}); }, strata::ErrorCode::usage,
      "StampOptions::revisions is empty: give the revisions to record as applied (base records none)");
}

TEST_P(LibraryRun, ProgressEventsComeInOrderWithStatementIndices) {
  std::vector<strata::ProgressEvent> events;
  auto database = open();
  const auto result = database.upgrade(
      {.target = k_b, .on_progress = [&](const strata::ProgressEvent& event) { events.push_back(event); }});
  std::vector<std::string> seen;
  for (const auto& event : events) {
    const char* kind = event.kind == Event::started     ? "started"
                       : event.kind == Event::statement ? "statement"
                       : event.kind == Event::finished  ? "finished"
                                                        : "failed";
    seen.push_back(std::string(kind) + " " + event.revision + " " + std::to_string(event.step_index) + "/" +
                   std::to_string(event.step_count) + " " + std::to_string(event.statement_index) + "/" +
                   std::to_string(event.statement_count));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "started " + k_a + " 0/2 0/2",
                      "statement " + k_a + " 0/2 0/2",
                      "statement " + k_a + " 0/2 1/2",
                      "finished " + k_a + " 0/2 0/2",
                      "started " + k_b + " 1/2 0/1",
                      "statement " + k_b + " 1/2 0/1",
                      "finished " + k_b + " 1/2 0/1",
                  }));
  for (std::size_t i = 1; i < events.size(); ++i)
    if (events[i].revision == events[i - 1].revision) {
      EXPECT_GE(events[i].elapsed, events[i - 1].elapsed);
    }
  EXPECT_EQ(events[3].path, "migrations/" + k_a + "_m.sql");
  EXPECT_EQ(events[3].direction, strata::Direction::up);
  EXPECT_GT(events[3].elapsed.count(), 0);
  EXPECT_EQ(events[3].elapsed, result.steps.at(0).duration);
}

TEST_P(LibraryRun, AFailedMigrationNamesItsRevisionInTheErrorAndTheLastEvent) {
  write({k_c, {k_b}, "CREATE TABLE c (id integer);\nINSERT INTO missing_table VALUES (1);\n", "DROP TABLE c;\n"});
  std::vector<strata::ProgressEvent> events;
  auto database = open();
  const auto error = expect_error<strata::DatabaseError>(
      [&] {
        (void)database.upgrade({.on_progress = [&](const strata::ProgressEvent& event) { events.push_back(event); }});
      },
      strata::ErrorCode::sql_error);
  const auto& fields = error.fields();
  EXPECT_EQ(fields.revision, k_c);
  EXPECT_EQ(fields.direction, strata::Direction::up);
  EXPECT_EQ(fields.path, "migrations/" + k_c + "_m.sql");
  EXPECT_EQ(fields.line, 7) << "header (3 lines), blank, +up, the CREATE, then the INSERT";
  EXPECT_EQ(fields.sqlstate, is_postgres() ? "42P01" : "SQLITE_ERROR");
  EXPECT_EQ(fields.statement, "INSERT INTO missing_table VALUES (1)");
  ASSERT_FALSE(events.empty());
  const auto& failed = events.back();
  EXPECT_EQ(failed.kind, Event::failed);
  EXPECT_EQ(failed.revision, k_c);
  EXPECT_EQ(failed.step_index, 2U);
  ASSERT_TRUE(failed.error.has_value());
  EXPECT_EQ(failed.error->code, strata::ErrorCode::sql_error);
  EXPECT_EQ(failed.error->fields.line, 7);
  EXPECT_EQ(events[events.size() - 2].kind, Event::statement);
  EXPECT_EQ(events[events.size() - 2].statement_index, 1U);
  EXPECT_EQ(version_rows(), (std::vector<std::string>{k_a, k_b})) << "the migrations before it stay applied";
}

// Another process holds the migration lock: status names it, and a run gives up after its lock_timeout.
TEST_P(LibraryRun, StatusNamesTheLockHolderAndARunWaitsOnlyItsTimeout) {
  auto database = open();
  (void)database.upgrade({.target = k_a});
  std::optional<int> held_by;
  {
    auto lock = db::MigrationLock::acquire(inspect(), db::VersionStoreOptions{});
    const auto status = database.status();
    ASSERT_TRUE(status.lock_holder.has_value());
    held_by = status.lock_holder->pid;
    EXPECT_FALSE(status.lock_holder->description.empty());
    EXPECT_FALSE(status.lock_holder->since.empty());
    expect_error<strata::LockTimeoutError>(
        [&] { (void)database.upgrade({.lock_timeout = std::chrono::milliseconds(0)}); },
        strata::ErrorCode::lock_timeout);
    const auto timeout = expect_error<strata::LockTimeoutError>(
        [&] { (void)database.stamp({.revisions = {"base"}, .lock_timeout = std::chrono::milliseconds(0)}); },
        strata::ErrorCode::lock_timeout);
    EXPECT_EQ(timeout.exit_code(), strata::ExitCode::lock_timeout);
  }
  // Other tests' schemas in the same PostgreSQL database share the default store's lock key, so another run may
  // hold it now; the lock this test took must be gone.
  const auto after = database.status().lock_holder;
  EXPECT_TRUE(!after || (held_by && after->pid != held_by));
  EXPECT_EQ(version_rows(), std::vector<std::string>{k_a});
}

// A call's lock_timeout beats strata.toml's [databases.NAME] lock_timeout, as --lock-timeout does: the run gives up
// at once instead of waiting the minute strata.toml allows.
TEST_P(LibraryRun, ACallsLockTimeoutBeatsTheDatabasesOwn) {
  std::ofstream(m_dir / "strata.toml") << "[databases.app]\nurl = \"" << m_url << "\"\nlock_timeout = 60\n";
  auto database = project().database();
  const auto lock = db::MigrationLock::acquire(inspect(), db::VersionStoreOptions{});
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW((void)database.upgrade({.lock_timeout = std::chrono::milliseconds(0)}), strata::LockTimeoutError);
  EXPECT_THROW((void)database.stamp({.revisions = {"base"}, .lock_timeout = std::chrono::milliseconds(0)}),
               strata::LockTimeoutError);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_TRUE(version_rows().empty());
}

// A Project is shared across threads; each thread opens its own Database from it.
TEST_P(LibraryRun, ThreadsShareAProject) {
  const auto shared = project();
  (void)shared.database_url(m_url).upgrade({.target = k_a});
  std::vector<std::size_t> pending(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < pending.size(); ++i)
    threads.emplace_back([&, i] { pending[i] = shared.database_url(m_url).status().revisions(Kind::pending).size(); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(pending, (std::vector<std::size_t>{2, 2, 2, 2}));
}

INSTANTIATE_TEST_SUITE_P(Engines, LibraryRun, ::testing::Values(Backend::sqlite, Backend::postgres), backend_name);

}  // namespace
}  // namespace strata::engine::testing
