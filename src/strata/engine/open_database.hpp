#pragma once
// A connection to a selected database with its version store, opened with the run's settings.
#include <memory>

#include "strata/db/connection.hpp"
#include "strata/db/lock.hpp"
#include "strata/db/version_store.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"

namespace strata::engine {

class OpenDatabase {
public:
  // `create`: a missing SQLite file is created (upgrade, stamp, adopt-alembic); otherwise it is a DatabaseError
  // (code "database_missing"). The SQLite busy timeout follows the lock timeout.
  OpenDatabase(const SelectedDatabase& database, const RunSettings& settings, bool create);

  db::Connection& connection() noexcept { return *m_connection; }
  db::VersionStore& store() noexcept { return *m_store; }
  // The migration lock for this version store, waiting as the run's settings say (LockTimeoutError otherwise).
  db::MigrationLock acquire_lock(const RunSettings& settings);

private:
  std::unique_ptr<db::Connection> m_connection;
  std::unique_ptr<db::VersionStore> m_store;
};

}  // namespace strata::engine
