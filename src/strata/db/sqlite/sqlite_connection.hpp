#pragma once
// The SQLite driver. Internal to db/: other parts use db::Connection.
#include <chrono>
#include <string>

#include "strata/db/connection.hpp"
#include "strata/db/sqlite/handles.hpp"

namespace strata::db::sqlite {

// This engine's driver (see driver.hpp).
const Driver& driver() noexcept;

class SqliteConnection final : public Connection {
public:
  SqliteConnection(const DatabaseUrl& url, const ConnectOptions& options);

  const Driver& driver() const noexcept override;
  const std::string& display_name() const noexcept override { return m_display; }
  void execute(std::string_view sql) override;
  Result query(std::string_view sql, const Params& params) override;
  bool session_in_transaction() const noexcept override { return sqlite3_get_autocommit(m_db.get()) == 0; }
  std::unique_ptr<LockImpl> open_migration_lock(const VersionStoreOptions& store, const LockOptions& options) override;
  std::optional<LockHolder> migration_lock_holder(const VersionStoreOptions& store) override;
  BackupResult write_backup(const std::string& write_path, const std::string& final_path,
                            const BackupOptions& options) override;

  // The file path (":memory:" for an in-memory database), for the lock file and backups.
  const std::string& path() const noexcept { return m_path; }
  bool is_memory() const noexcept { return m_memory; }
  std::chrono::milliseconds busy_timeout() const noexcept { return m_busy_timeout; }
  sqlite3* handle() const noexcept { return m_db.get(); }

protected:
  void begin_transaction(TransactionMode mode) override;
  void commit_transaction() override;
  void rollback_transaction() noexcept override;
  void rollback_transaction_or_throw() override;

private:
  std::string m_path;
  bool m_memory = false;
  std::string m_display;
  std::chrono::milliseconds m_busy_timeout;
  DatabaseHandle m_db;
};

}  // namespace strata::db::sqlite
