#include "strata/engine/open_database.hpp"

namespace strata::engine {

OpenDatabase::OpenDatabase(const SelectedDatabase& database, const RunSettings& settings, bool create) {
  db::ConnectOptions options;
  options.create_if_missing = create;
  options.busy_timeout = settings.lock_timeout;
  m_connection = db::connect(database.url, options);
  m_store = std::make_unique<db::VersionStore>(*m_connection, settings.store);
}

db::MigrationLock OpenDatabase::acquire_lock(const RunSettings& settings) {
  return db::MigrationLock::acquire(
      *m_connection, settings.store,
      db::LockOptions{settings.lock_timeout, settings.lock_mode == config::LockMode::transaction
                                                 ? db::LockMode::transaction
                                                 : db::LockMode::session});
}

}  // namespace strata::engine
