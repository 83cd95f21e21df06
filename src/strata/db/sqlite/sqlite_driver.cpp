// The SQLite driver: connections, splitting, and the connection-bound operations of SqliteConnection.
#include "strata/db/backup_impl.hpp"
#include "strata/db/driver.hpp"
#include "strata/db/lock_impl.hpp"
#include "strata/db/sqlite/sqlite_scratch.hpp"
#include "strata/db/sqlite/split.hpp"
#include "strata/db/sqlite/sqlite_connection.hpp"

namespace strata::db::sqlite {

namespace {

class SqliteDriver final : public Driver {
public:
  Engine engine() const noexcept override { return Engine::sqlite; }
  std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) const override {
    return std::make_unique<SqliteConnection>(url, options);
  }
  std::vector<Statement> split_statements(std::string_view sql) const override { return split(sql); }
  std::unique_ptr<ScratchDatabase> create_scratch(const DatabaseUrl& /*near*/,
                                                  const ScratchOptions& options) const override {
    return create_temporary_scratch(options);
  }
  std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url,
                                                         const ScratchOptions& options) const override {
    return sqlite::open_explicit_scratch(url, options);
  }
};

}  // namespace

const Driver& driver() noexcept {
  static const SqliteDriver instance;
  return instance;
}

const Driver& SqliteConnection::driver() const noexcept { return sqlite::driver(); }

std::unique_ptr<LockImpl> SqliteConnection::open_migration_lock(const VersionStoreOptions& /*store*/,
                                                                const LockOptions& options) {
  return make_file_lock(*this, options);
}

std::optional<LockHolder> SqliteConnection::migration_lock_holder(const VersionStoreOptions& /*store*/) {
  return file_lock_holder(*this);
}

BackupResult SqliteConnection::write_backup(const std::string& write_path, const std::string& final_path,
                                            const BackupOptions& /*options*/) {
  return backup(*this, write_path, final_path);
}

}  // namespace strata::db::sqlite
