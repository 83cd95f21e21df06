#pragma once
// One runner at a time per database: the migration lock. See docs/locking.md for the design and its caveats.
//
//   auto lock = db::MigrationLock::acquire(connection, store_options, {timeout, mode});  // LockTimeoutError: exit 5
//   store.ensure();
//   for each migration:
//     auto tx = connection.begin();
//     lock.in_transaction();   // transaction mode: takes pg_advisory_xact_lock now; otherwise nothing
//     ... (in transaction mode, re-read applied() here: another runner may have run between transactions)
//     tx.commit();
//   // the lock is released when `lock` is destroyed (and, on PostgreSQL, at the latest when the session ends)
//
// PostgreSQL, session mode (default): pg_try_advisory_lock(key), polled until the timeout; held by the session,
//   so a crashed or killed runner can never leave it behind.
// PostgreSQL, transaction mode (for pgbouncer transaction pooling, where a session lock may stay on a pooled
//   server connection or be taken on another one): pg_try_advisory_xact_lock(key) polled inside each transaction
//   and released by COMMIT/ROLLBACK. It does not cover statements of a `transaction: none` migration.
// SQLite: an exclusive flock(2) on "<database file>.strata-lock", polled until the timeout, released by close or
//   process exit (so never stale); the file names the holder (pid, user@host, since). Writers additionally use
//   BEGIN IMMEDIATE with the busy timeout. An in-memory database needs no lock.
// The key: advisory_lock_key() — the first 8 bytes of SHA-256("strata-lock:" + schema + "." + table) as a signed
// big-endian 64-bit integer; in pg_locks it shows as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "strata/db/connection.hpp"
#include "strata/db/version_store_sql.hpp"

namespace strata::db {

enum class LockMode { session, transaction };

struct LockOptions {
  std::chrono::milliseconds timeout{60000};  // 0: try once
  LockMode mode = LockMode::session;
  std::chrono::milliseconds poll_interval{100};
};

// Who holds the migration lock, for `status` and for the timeout message.
struct LockHolder {
  std::optional<int> pid;
  std::string application_name;  // PostgreSQL
  std::string user;              // PostgreSQL role, or SQLite "user@host"
  std::string client;            // PostgreSQL client address ("local" for a unix socket)
  std::string since;             // PostgreSQL backend_start / SQLite lock time, UTC ISO-8601
  // "pid 4242 (application 'strata', user 'deploy', client local, backend started 2026-...)"
  std::string description() const;
};

class LockImpl;

class MigrationLock {
public:
  // Throws LockTimeoutError naming the database and the holder when the lock is not had within the timeout.
  static MigrationLock acquire(Connection& connection, const VersionStoreOptions& store,
                               const LockOptions& options = {});

  MigrationLock(MigrationLock&& other) noexcept;
  MigrationLock& operator=(MigrationLock&&) = delete;
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;
  ~MigrationLock();  // releases; never throws

  // Transaction mode: takes the transaction-scoped lock (call right after Connection::begin()); a no-op in
  // session mode and on SQLite. Throws LockTimeoutError like acquire(), or DatabaseError outside a transaction.
  void in_transaction();
  // Releases now, reporting failure (the destructor then does nothing).
  void release();

private:
  explicit MigrationLock(std::unique_ptr<LockImpl> impl) noexcept;
  std::unique_ptr<LockImpl> m_impl;
};

// The current holder of the migration lock, or nullopt when it is free.
std::optional<LockHolder> lock_holder(Connection& connection, const VersionStoreOptions& store);

// The PostgreSQL advisory-lock key for a version store (see above).
std::int64_t advisory_lock_key(const VersionStoreOptions& store);

}  // namespace strata::db
