#pragma once
// One database opened for a command that reads or writes its version store: the connection, the migration lock (when
// the command writes), and the state read under that lock. Every runner opens its database this way, so the order —
// open, lock, read, refuse a dirty revision — is the same everywhere.
#include <optional>

#include "strata/db/lock.hpp"
#include "strata/db/transaction.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/open_database.hpp"

namespace strata::engine {

// A missing SQLite file: created (upgrade, stamp, adopt-alembic) or a DatabaseError "database_missing".
enum class MissingPolicy { refuse, create };
// `none`: read-only, nobody is waited for; `wait`: the migration lock, waiting as the run's settings say.
enum class LockPolicy { none, wait };
// `refuse`: a dirty revision is a DatabaseError "dirty" right after the read; `allow`: the caller decides (status,
// resolve, or a runner whose other checks come first); `unread`: the state is not read at all (adopt replaces it).
enum class DirtyPolicy { refuse, allow, unread };

struct SessionPolicy {
  MissingPolicy missing = MissingPolicy::refuse;
  LockPolicy lock = LockPolicy::wait;
  DirtyPolicy dirty = DirtyPolicy::refuse;
};

class Session {
public:
  Session(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
          SessionPolicy policy);

  db::Connection& connection() noexcept { return m_open.connection(); }
  db::VersionStore& store() noexcept { return m_open.store(); }
  // Empty when the policy is DirtyPolicy::unread.
  const DatabaseState& state() const noexcept { return m_state; }
  // Only with LockPolicy::wait.
  db::MigrationLock& lock() noexcept { return *m_lock; }
  // A write transaction that holds the lock (in transaction lock mode, this transaction's) with the version store's
  // tables created, so concurrent first runs do not race to create them. Only with LockPolicy::wait.
  db::Transaction begin_write();

private:
  OpenDatabase m_open;
  std::optional<db::MigrationLock> m_lock;
  DatabaseState m_state;
};

}  // namespace strata::engine
