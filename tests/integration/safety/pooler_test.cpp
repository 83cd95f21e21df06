// Through a real connection pooler: PgBouncer in transaction pooling mode in front of the test PostgreSQL. With
// --lock-mode transaction, upgrade, status and concurrent runners behave as on a direct connection; the default
// session lock is refused there (it would not keep other runners out), and accepted behind a session-mode pool.
#include <latch>
#include <future>
#include <memory>
#include <regex>

#include "engine/support/e2e_project.hpp"
#include "engine/support/pgbouncer.hpp"

namespace strata::testing {
namespace {

constexpr int k_pooler_revisions = 30;
constexpr int k_pooler_runners = 8;

class Pooler : public EngineTest {
protected:
  void start_pooler(const std::string& pool_mode) {
    m_bouncer = std::make_unique<Pgbouncer>(pool_mode);
    m_pooled_url = m_bouncer->url_for(db().url());
  }
  // `strata args... --url <the database through the pooler>`.
  RunResult pooled(std::vector<std::string> args) const {
    args.push_back("--url");
    args.push_back(m_pooled_url);
    return m_project.run(std::move(args));
  }
  // The pooler's URL as strata prints it (no password here, so as written).
  const std::string& pooled_url() const { return m_pooled_url; }

  // Declared after the base's database, so the pooler stops (closing its server connections) before the test
  // database is dropped.
  std::unique_ptr<Pgbouncer> m_bouncer;
  std::string m_pooled_url;
};

// What `status` prints, with the database's URL taken out, to compare a pooled run with a direct one.
std::string without_url(std::string text, const std::string& url) {
  for (auto at = text.find(url); at != std::string::npos; at = text.find(url)) text.replace(at, url.size(), "URL");
  return text;
}

TEST_P(Pooler, UpgradeAndStatusWithTransactionLocksAsOnADirectConnection) {
  start_pooler("transaction");
  m_project.write_all(table_per_revision(k_pooler_revisions));
  const auto pending = pooled({"status"});
  EXPECT_EQ(pending.exit_code, strata({"status"}).exit_code) << describe(pending);
  const auto upgrade = pooled({"upgrade", "--lock-mode", "transaction"});
  ASSERT_EQ(upgrade.exit_code, 0) << describe(upgrade) << m_bouncer->log();
  EXPECT_EQ(db().applied_revisions().size(), static_cast<std::size_t>(k_pooler_revisions));
  EXPECT_EQ(db().tables().size(), static_cast<std::size_t>(k_pooler_revisions));
  const auto through_pooler = pooled({"status"});
  const auto direct = strata({"status"});
  EXPECT_EQ(through_pooler.exit_code, 0) << describe(through_pooler);
  EXPECT_EQ(without_url(through_pooler.out, pooled_url()), without_url(direct.out, db().url()));
  // Nothing is left holding the migration lock on a pooled server connection: a direct session-mode runner gets it.
  const auto downgrade = strata({"downgrade", "base", "--lock-timeout", "2"});
  EXPECT_EQ(downgrade.exit_code, 0) << describe(downgrade);
  EXPECT_TRUE(db().applied_revisions().empty());
}

TEST_P(Pooler, ConcurrentRunnersWithTransactionLocksApplyEachRevisionOnce) {
  start_pooler("transaction");
  m_project.write_all(table_per_revision(k_pooler_revisions));
  std::latch start(k_pooler_runners);
  std::vector<std::future<RunResult>> runners;
  for (int i = 0; i < k_pooler_runners; ++i)
    runners.push_back(std::async(std::launch::async, [&] {
      start.arrive_and_wait();
      return pooled({"upgrade", "--lock-mode", "transaction", "--lock-timeout", "120"});
    }));
  for (auto& runner : runners) {
    const auto result = runner.get();
    EXPECT_EQ(result.exit_code, 0) << describe(result);
  }
  EXPECT_EQ(db().applied_revisions().size(), static_cast<std::size_t>(k_pooler_revisions));
  const auto log = db().log_counts();
  for (int i = 1; i <= k_pooler_revisions; ++i) {
    const auto found = log.find({"upgrade", table_revision_id(i)});
    EXPECT_EQ(found == log.end() ? 0 : found->second, 1) << table_revision_id(i) << " was not applied exactly once";
  }
  EXPECT_EQ(db().tables().size(), static_cast<std::size_t>(k_pooler_revisions));
}

TEST_P(Pooler, SessionLockThroughATransactionPoolerIsRefused) {
  start_pooler("transaction");
  m_project.write_all(table_per_revision(3));
  for (const auto& command :
       std::vector<std::vector<std::string>>{{"upgrade"}, {"stamp", "heads"}, {"upgrade", "--lock-mode", "session"}}) {
    const auto refused = pooled(command);
    EXPECT_EQ(refused.exit_code, 4) << describe(refused);
    EXPECT_EQ(refused.err,
              "error: " + pooled_url() +
                  ": the connection goes through a pooler that shares server connections between transactions "
                  "(such as PgBouncer with pool_mode = transaction): another client was given the server session "
                  "that holds this runner's lock, so the session-level migration lock cannot keep other runners "
                  "out\nhint: rerun with --lock-mode transaction (or set lock_mode = \"transaction\" for this "
                  "database in strata.toml), or connect to PostgreSQL directly or through a pool in session mode\n")
        << describe(refused);
  }
  // Nothing ran, nothing was created, and the refused runner left no lock behind on the pooled connection.
  EXPECT_TRUE(db().tables().empty()) << db().schema_listing();
  // Only this test's database: tests running in parallel hold migration locks of their own on the same server.
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                        "(SELECT oid FROM pg_database WHERE datname = current_database())"),
            "0");
  const auto upgrade = pooled({"upgrade", "--lock-mode", "transaction", "--lock-timeout", "2"});
  EXPECT_EQ(upgrade.exit_code, 0) << describe(upgrade);
  EXPECT_EQ(db().applied_revisions().size(), 3u);
}

// The refusal in --json, with its stable code.
TEST_P(Pooler, SessionLockRefusalInJson) {
  start_pooler("transaction");
  m_project.write_all(table_per_revision(1));
  const auto refused = pooled({"upgrade", "--json"});
  EXPECT_EQ(refused.exit_code, 4) << describe(refused);
  EXPECT_EQ(json_document(refused)["error"]["code"], "transaction_pooler") << refused.out;
}

TEST_P(Pooler, SessionLockThroughASessionPoolIsAccepted) {
  start_pooler("session");
  m_project.write_all(table_per_revision(k_pooler_revisions));
  const auto upgrade = pooled({"upgrade"});
  ASSERT_EQ(upgrade.exit_code, 0) << describe(upgrade) << m_bouncer->log();
  EXPECT_EQ(db().applied_revisions().size(), static_cast<std::size_t>(k_pooler_revisions));
  const auto downgrade = pooled({"downgrade", "base"});
  EXPECT_EQ(downgrade.exit_code, 0) << describe(downgrade);
  EXPECT_TRUE(db().tables().empty()) << db().schema_listing();
}

// PostgreSQL only: the pooler is PostgreSQL's.
INSTANTIATE_TEST_SUITE_P(Postgres, Pooler, ::testing::Values(Backend::postgres), backend_param_name);

}  // namespace
}  // namespace strata::testing
