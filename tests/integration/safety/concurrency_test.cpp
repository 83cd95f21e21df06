// One runner at a time: 8 `strata upgrade` processes started at once on one database all succeed and apply every
// revision exactly once; a runner that cannot get the lock in time exits 5 naming the holder.
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <future>
#include <latch>
#include <optional>
#include <thread>

#include "engine/support/e2e_project.hpp"
#include "support/run_strata.hpp"

namespace strata::testing {
namespace {

constexpr int k_runners = 8;
constexpr int k_revisions = 30;

class Concurrency : public EngineTest {};

TEST_P(Concurrency, EightUpgradesAtOnceApplyEachRevisionOnce) {
  m_project.write_all(table_per_revision(k_revisions));
  std::latch start(k_runners);
  std::vector<std::future<RunResult>> runners;
  for (int i = 0; i < k_runners; ++i)
    runners.push_back(std::async(std::launch::async, [&] {
      start.arrive_and_wait();  // all fork within the same moment
      return strata({"upgrade", "--lock-timeout", "120"});
    }));
  int total_applied = 0;
  for (auto& runner : runners) {
    const auto result = runner.get();
    EXPECT_EQ(result.exit_code, 0) << describe(result);
  }
  const auto applied = db().applied_revisions();
  EXPECT_EQ(applied.size(), static_cast<std::size_t>(k_revisions));
  const auto log = db().log_counts();
  for (int i = 1; i <= k_revisions; ++i) {
    const auto id = table_revision_id(i);
    const auto found = log.find({"upgrade", id});
    EXPECT_EQ(found == log.end() ? 0 : found->second, 1) << id << " was not applied exactly once";
    total_applied += found == log.end() ? 0 : found->second;
    EXPECT_TRUE(db().has_table("t_" + std::to_string(i)));
  }
  EXPECT_EQ(total_applied, k_revisions);
  EXPECT_EQ(db().tables().size(), static_cast<std::size_t>(k_revisions));
}

TEST_P(Concurrency, EightUpgradesOfTheWholePlanInOneTransaction) {
  m_project.write_all(table_per_revision(k_revisions));
  std::latch start(k_runners);
  std::vector<std::future<RunResult>> runners;
  for (int i = 0; i < k_runners; ++i)
    runners.push_back(std::async(std::launch::async, [&] {
      start.arrive_and_wait();
      return strata({"upgrade", "--transaction", "all", "--lock-timeout", "120"});
    }));
  for (auto& runner : runners) {
    const auto result = runner.get();
    EXPECT_EQ(result.exit_code, 0) << describe(result);
  }
  EXPECT_EQ(db().applied_revisions().size(), static_cast<std::size_t>(k_revisions));
  int upgrades = 0;
  for (const auto& [key, count] : db().log_counts())
    if (key.first == "upgrade") upgrades += count;
  EXPECT_EQ(upgrades, k_revisions);
}

// A runner that cannot get the lock within --lock-timeout gives up with exit 5 and changes nothing.
TEST_P(Concurrency, LockTimeoutIsExit5) {
  m_project.write_all(table_per_revision(3));
  std::optional<StartedProgram> holder;
  sqlite3* raw = nullptr;
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> sqlite_lock(nullptr, sqlite3_close_v2);
  if (is_pg()) {
    // The holder: a strata upgrade whose first migration sleeps while holding the migration lock.
    m_project.write({table_revision_id(1),
                     "table_1",
                     {},
                     "SELECT pg_sleep(5);\nCREATE TABLE t_1 (id integer);\n",
                     "DROP TABLE t_1;\n",
                     {},
                     false});
    holder.emplace(start_strata({"upgrade", "-d", "migrations", "--url", db().url()}, m_project.dir() / "holder.log",
                                {.cwd = m_project.dir(), .unset_env = {"DATABASE_URL"}}));
    // Wait until the holder is inside its migration.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline &&
           db().scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE "
                       "'%pg_sleep(5)%' AND pid <> pg_backend_pid()") == "0")
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } else {
    // The holder: another connection with the database's write lock.
    ASSERT_EQ(sqlite3_open_v2(db().file().c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite_lock.reset(raw);
    ASSERT_EQ(sqlite3_exec(raw, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  if (is_pg()) {
    // status names the runner holding the lock (and does not wait for it).
    const auto status = strata({"status", "--json"});
    EXPECT_EQ(status.exit_code, 0) << describe(status);
    EXPECT_TRUE(json_document(status)["databases"][0]["lock_holder"].is_object()) << status.out;
  }
  const auto started = std::chrono::steady_clock::now();
  const auto result = strata({"upgrade", "--lock-timeout", "1"});
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.exit_code, 5) << describe(result);
  EXPECT_NE(result.err.find("lock"), std::string::npos) << describe(result);
  if (is_pg()) {
    EXPECT_NE(result.err.find("strata"), std::string::npos) << "the holder is not named\n" << describe(result);
  }
  // Exit 5 already proves it gave up (the holder never lets go on SQLite; on PostgreSQL a runner that waited for the
  // holder would have run and exited 0). The bound only catches a runner that retried for far too long; it is
  // loose because a sanitizer build on a busy machine takes seconds just to start and connect.
  EXPECT_LT(waited, std::chrono::seconds(30)) << "did not give up after --lock-timeout 1";
  if (is_pg()) {
    EXPECT_EQ(holder->wait(), 0) << read_file(m_project.dir() / "holder.log");
    EXPECT_EQ(db().applied_revisions().size(), 3u);
  } else {
    sqlite_lock.reset();
    EXPECT_TRUE(db().tables().empty()) << db().schema_listing();
    strata_ok({"upgrade"});
    EXPECT_EQ(db().applied_revisions().size(), 3u);
  }
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Concurrency, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
