#include "strata/db/lock.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

using testing::EngineTest;

VersionStoreOptions unique_store() {
  VersionStoreOptions options;
  options.table = testing::unique_name("lock_test");  // a key of its own: tests run in parallel
  options.log_table = options.table + "_log";
  return options;
}

LockOptions quick(LockMode mode = LockMode::session) {
  LockOptions options;
  options.timeout = std::chrono::milliseconds(200);
  options.poll_interval = std::chrono::milliseconds(20);
  options.mode = mode;
  return options;
}

std::string backend_pid(Connection& connection) {
  return connection.query("SELECT pg_backend_pid()").one_field().value_or("");
}

TEST_P(EngineTest, SecondRunnerTimesOutNamingTheHolder) {
  auto first = db().open();
  auto second = db().open();
  const auto store = unique_store();
  EXPECT_FALSE(lock_holder(*second, store).has_value());
  auto held = MigrationLock::acquire(*first, store, quick());
  const auto holder = lock_holder(*second, store);
  ASSERT_TRUE(holder.has_value());
  ASSERT_TRUE(holder->pid.has_value());
  if (GetParam() == Engine::postgres) {
    EXPECT_EQ(std::to_string(*holder->pid), backend_pid(*first));
    EXPECT_EQ(holder->application_name, "strata");
    EXPECT_EQ(holder->client, "local");
  } else {
    EXPECT_EQ(*holder->pid, ::getpid());
    EXPECT_EQ(holder->user, default_actor());
  }
  EXPECT_FALSE(holder->since.empty());
  const auto started = std::chrono::steady_clock::now();
  {
    const auto error = expect_error<LockTimeoutError>(
        [&] { MigrationLock::acquire(*second, store, quick()); }, ErrorCode::lock_timeout,
        "could not acquire the migration lock on " + second->display_name() + " within 200 ms: held by " +
            lock_holder(*second, store)->description() +
            "\nhint: another strata run is in progress; wait for it to finish, or raise --lock-timeout");
    EXPECT_EQ(error.exit_code(), ExitCode::lock_timeout);
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(200));
  held.release();
  EXPECT_FALSE(lock_holder(*second, store).has_value());
  auto now_mine = MigrationLock::acquire(*second, store, quick());
}

TEST_P(EngineTest, LockIsReleasedWhenTheOwnerIsDestroyed) {
  auto first = db().open();
  auto second = db().open();
  const auto store = unique_store();
  { auto held = MigrationLock::acquire(*first, store, quick()); }
  auto acquired = MigrationLock::acquire(*second, store, quick());
}

// PostgreSQL keys the lock by version table; SQLite locks the whole file (its write lock is file-wide anyway).
TEST_P(EngineTest, DifferentVersionTablesShareALockOnlyOnSqlite) {
  auto first = db().open();
  auto second = db().open();
  auto one = MigrationLock::acquire(*first, unique_store(), quick());
  if (GetParam() == Engine::sqlite) {
    EXPECT_THROW(MigrationLock::acquire(*second, unique_store(), quick()), LockTimeoutError);
  } else {
    auto two = MigrationLock::acquire(*second, unique_store(), quick());
  }
}

TEST_P(EngineTest, ZeroTimeoutTriesOnce) {
  auto first = db().open();
  auto second = db().open();
  const auto store = unique_store();
  auto held = MigrationLock::acquire(*first, store, quick());
  LockOptions once = quick();
  once.timeout = std::chrono::milliseconds(0);
  EXPECT_THROW(MigrationLock::acquire(*second, store, once), LockTimeoutError);
}

TEST(PgLock, SessionEndReleasesTheLockSoItCannotGoStale) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto url = DatabaseUrl::parse(base);
  auto victim = connect(url);
  auto other = connect(url);
  const auto store = unique_store();
  auto held = MigrationLock::acquire(*victim, store, quick());
  // Simulate a killed runner: its server session is terminated under it.
  other->query("SELECT pg_terminate_backend($1::int, 5000)", {backend_pid(*victim)}).one_field();
  LockOptions patient = quick();
  patient.timeout = std::chrono::milliseconds(5000);
  auto acquired = MigrationLock::acquire(*other, store, patient);
  // The dead owner's release fails quietly in its destructor.
}

TEST(PgLock, TransactionScopedLockIsTakenPerTransaction) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto url = DatabaseUrl::parse(base);
  auto first = connect(url);
  auto second = connect(url);
  const auto store = unique_store();
  auto lock_one = MigrationLock::acquire(*first, store, quick(LockMode::transaction));
  auto lock_two = MigrationLock::acquire(*second, store, quick(LockMode::transaction));
  EXPECT_FALSE(lock_holder(*second, store).has_value());  // nothing held between transactions
  auto tx_one = first->begin();
  lock_one.in_transaction();
  EXPECT_EQ(std::to_string(*lock_holder(*second, store)->pid), backend_pid(*first));
  {
    auto tx_two = second->begin();
    EXPECT_THROW(lock_two.in_transaction(), LockTimeoutError);
  }
  tx_one.commit();
  EXPECT_FALSE(lock_holder(*second, store).has_value());
  auto tx_two = second->begin();
  lock_two.in_transaction();
  tx_two.commit();
}

TEST(PgLock, TransactionScopedLockOutsideATransactionIsAnError) {
  STRATA_PG_URL_OR_SKIP(base);
  auto connection = connect(DatabaseUrl::parse(base));
  auto lock = MigrationLock::acquire(*connection, unique_store(), quick(LockMode::transaction));
  expect_error<DatabaseError>(
      [&] { lock.in_transaction(); }, ErrorCode::lock_outside_transaction,
      connection->display_name() + ": the transaction-scoped migration lock must be taken inside a transaction");
}

TEST(AdvisoryLockKey, IsStableAndDependsOnSchemaAndTable) {
  VersionStoreOptions defaults;
  // SHA-256("strata-lock:.strata_migrations"), first 8 bytes: documented in docs/locking.md.
  EXPECT_EQ(advisory_lock_key(defaults), -6893924871473431445);
  VersionStoreOptions other_schema;
  other_schema.schema = "meta";
  EXPECT_NE(advisory_lock_key(defaults), advisory_lock_key(other_schema));
}

TEST(SqliteLock, KilledHolderProcessReleasesTheLock) {
  testing::TempDir dir;
  const auto url = DatabaseUrl::parse("sqlite:" + dir.file("crash.db"));
  ConnectOptions create;
  create.create_if_missing = true;
  connect(url, create);
  const auto store = unique_store();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      auto connection = connect(url);
      auto held = MigrationLock::acquire(*connection, store, quick());
      const char byte = 'x';
      if (::write(ready[1], &byte, 1) != 1) ::_exit(2);
      ::pause();  // killed by the parent while holding the lock
    } catch (...) {}
    ::_exit(1);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  auto connection = connect(url);
  const auto holder = lock_holder(*connection, store);
  ASSERT_TRUE(holder.has_value());
  EXPECT_EQ(holder->pid, child);
  EXPECT_THROW(MigrationLock::acquire(*connection, store, quick()), LockTimeoutError);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  EXPECT_FALSE(lock_holder(*connection, store).has_value());
  auto acquired = MigrationLock::acquire(*connection, store, quick());
}

TEST(SqliteLock, MemoryDatabaseNeedsNoLock) {
  auto connection = connect(DatabaseUrl::parse("sqlite::memory:"));
  auto one = MigrationLock::acquire(*connection, VersionStoreOptions{}, quick());
  auto two = MigrationLock::acquire(*connection, VersionStoreOptions{}, quick());
  EXPECT_FALSE(lock_holder(*connection, VersionStoreOptions{}).has_value());
}

}  // namespace
}  // namespace strata::db
