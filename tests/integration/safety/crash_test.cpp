// kill -9 at random moments: a `strata upgrade` of 200 migrations (each creates one table) is killed after a random
// delay, 20 times per engine, each on a fresh database. After every kill the recorded applied set must match the
// tables that exist (revision recorded <=> its table exists; no partial revision), and a rerun must complete with
// every revision applied exactly once. The RNG is seeded (STRATA_CRASH_SEED overrides) so a failure reproduces.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "engine/support/e2e_project.hpp"
#include "support/run_strata.hpp"
#include "support/temp_dir.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int k_crash_revisions = 200;
constexpr int k_trials = 20;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

unsigned seed_for(Backend backend) {
  if (const char* text = std::getenv("STRATA_CRASH_SEED")) return static_cast<unsigned>(std::stoul(text));
  return backend == Backend::sqlite ? 20261124u : 20261125u;
}

// What is in the database, read in one statement (one snapshot).
struct Observed {
  std::set<std::string> tables;
  std::set<std::string> applied;
  std::set<std::string> dirty;
};

Observed observe(const TestDatabase& database) {
  Observed observed;
  const bool pg = database.backend() == Backend::postgres;
  const std::string tables = pg ? "SELECT 'T', tablename, 0 FROM pg_tables WHERE schemaname = 'public'"
                                : "SELECT 'T', name, 0 FROM sqlite_schema WHERE type = 'table'";
  const bool has_store = database.has_table("strata_migrations");
  const auto rows =
      database.query(has_store ? tables + " UNION ALL SELECT 'A', revision, dirty FROM strata_migrations" : tables);
  for (const auto& row : rows) {
    if (*row.at(0) == "T") observed.tables.insert(*row.at(1));
    else if (*row.at(2) != "0") observed.dirty.insert(*row.at(1));
    else observed.applied.insert(*row.at(1));
  }
  return observed;
}

// PostgreSQL notices a killed client only when it next talks to it: wait until the server has ended that session
// (and so rolled back its transaction and released its lock) before looking.
void wait_for_sessions_to_end(const TestDatabase& database) {
  if (database.backend() != Backend::postgres) return;
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < deadline) {
    if (database.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                        "pg_backend_pid()") == "0")
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "the killed runner's PostgreSQL session is still there after 20 s";
}

// Every revision recorded has its table, every table has its revision recorded, and they form a prefix of the line.
int check_consistent(const TestDatabase& database, const std::string& when) {
  const auto observed = observe(database);
  EXPECT_TRUE(observed.dirty.empty()) << when << ": dirty rows after a kill of transactional migrations";
  int applied = 0;
  for (int i = 1; i <= k_crash_revisions; ++i) {
    const bool recorded = observed.applied.count(table_revision_id(i)) > 0;
    const bool exists = observed.tables.count("t_" + std::to_string(i)) > 0;
    EXPECT_EQ(recorded, exists) << when << ": revision " << table_revision_id(i)
                                << (recorded ? " recorded" : " not recorded") << " but table t_" << i
                                << (exists ? " exists" : " does not exist");
    if (recorded) ++applied;
  }
  for (int i = 1; i <= applied; ++i)
    EXPECT_TRUE(observed.applied.count(table_revision_id(i))) << when << ": applied set is not a prefix of the line";
  return applied;
}

// kill -9 is not a power loss: pages a killed process wrote stay in the page cache, so whether they were fsynced does
// not change what the next process finds. SQLite files therefore go to a tmpfs folder when there is one, which keeps
// 20 trials of 200 durable commits within the time budget on a slow disk.
std::optional<TempDir> tmpfs_folder() {
  if (!fs::is_directory("/dev/shm")) return std::nullopt;
  return std::optional<TempDir>(std::in_place, "/dev/shm");
}

class Crash : public EngineTest {};

TEST_P(Crash, KillNineAtRandomMomentsNeverLeavesAHalfAppliedRevision) {
  m_project.write_all(table_per_revision(k_crash_revisions));
  const auto log_file = m_project.dir() / "runner.log";

  const auto tmpfs = tmpfs_folder();
  const fs::path& folder = tmpfs ? tmpfs->path() : m_project.dir();
  const auto make_database = [&](const std::string& name) {
    return std::make_unique<TestDatabase>(backend(), folder, name);
  };

  // Calibrate: how long a whole run takes on this machine, so kills land across all of it.
  const auto calibration = make_database("calibration");
  const auto calibration_start = Clock::now();
  const auto calibration_run = m_project.run({"upgrade", "--url", calibration->url()});
  const double full_run_ms = ms_since(calibration_start);
  ASSERT_EQ(calibration_run.exit_code, 0) << describe(calibration_run);
  ASSERT_EQ(calibration->applied_revisions().size(), static_cast<std::size_t>(k_crash_revisions));

  std::mt19937 rng(seed_for(backend()));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  // Kills spread over [0, max_delay); the bound adapts when runs turn out faster or slower than the calibration
  // (a loaded machine), so that most kills land while migrations are being applied.
  double max_delay_ms = full_run_ms * 0.9;
  int interrupted_midway = 0;
  int killed_before_first = 0;
  int finished_before_kill = 0;
  double rerun_ms_total = 0;
  const auto test_start = Clock::now();
  // At least k_trials; more (up to three times as many) while too few kills have landed mid-run, which happens on a
  // busy machine where start-up times vary more than the calibration run showed.
  int trials = 0;
  for (int trial = 0; trial < 3 * k_trials && (trial < k_trials || interrupted_midway < k_trials / 4); ++trial) {
    ++trials;
    const auto database = make_database("crash" + std::to_string(trial));
    const auto delay = std::chrono::microseconds(static_cast<long>(unit(rng) * max_delay_ms * 1000));
    const std::string when = "trial " + std::to_string(trial) + " (kill after " + std::to_string(delay.count() / 1000) +
                             " ms, seed " + std::to_string(seed_for(backend())) + ")";
    int status = 0;
    {
      auto runner = start_strata({"upgrade", "-d", "migrations", "--url", database->url()}, log_file,
                                 {.cwd = m_project.dir(), .unset_env = {"DATABASE_URL"}});
      std::this_thread::sleep_for(delay);
      status = runner.kill_and_wait();
    }
    wait_for_sessions_to_end(*database);
    const int applied = check_consistent(*database, when);
    if (status == 0) {
      ++finished_before_kill;
      max_delay_ms *= 0.75;
    } else if (applied == 0) {
      ++killed_before_first;
      max_delay_ms *= 1.25;
    } else if (applied < k_crash_revisions) {
      ++interrupted_midway;
    }
    EXPECT_TRUE(status == 0 || status == 128 + SIGKILL) << when << ": runner exited " << status << "\n"
                                                        << read_file(log_file);

    const auto rerun_start = Clock::now();
    const auto rerun = m_project.run({"upgrade", "--url", database->url()});
    rerun_ms_total += ms_since(rerun_start);
    ASSERT_EQ(rerun.exit_code, 0) << when << ": the rerun failed\n" << describe(rerun);
    EXPECT_EQ(check_consistent(*database, when + ", after the rerun"), k_crash_revisions);
    const auto log = database->log_counts();
    for (int i = 1; i <= k_crash_revisions; ++i) {
      const auto found = log.find({"upgrade", table_revision_id(i)});
      EXPECT_EQ(found == log.end() ? 0 : found->second, 1)
          << when << ": " << table_revision_id(i) << " not applied exactly once";
    }
    if (HasFailure()) break;  // one reproducible failure is enough
  }
  const double total_ms = ms_since(test_start);
  std::cout << "[ crash    ] " << backend_name(backend()) << ": " << trials << " trials of " << k_crash_revisions
            << " migrations; full run " << static_cast<int>(full_run_ms) << " ms; killed mid-run " << interrupted_midway
            << ", before the first commit " << killed_before_first << ", finished first " << finished_before_kill
            << "; mean rerun " << static_cast<int>(rerun_ms_total / trials) << " ms; trials took "
            << static_cast<int>(total_ms) << " ms\n";
  RecordProperty("full_run_ms", static_cast<int>(full_run_ms));
  RecordProperty("interrupted_midway", interrupted_midway);
  RecordProperty("trials_ms", static_cast<int>(total_ms));
  // Kills that all land before the first migration or after the last would test nothing.
  EXPECT_GE(interrupted_midway, k_trials / 4) << "too few kills landed during the run to mean anything";
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Crash, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
