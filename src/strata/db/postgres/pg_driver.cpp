// The PostgreSQL driver: connections, splitting, and the connection-bound operations of PgConnection.
#include "strata/db/backup_impl.hpp"
#include "strata/db/driver.hpp"
#include "strata/db/lock_impl.hpp"
#include "strata/db/postgres/pg_scratch.hpp"
#include "strata/db/postgres/pg_connection.hpp"
#include "strata/db/postgres/split.hpp"

namespace strata::db::postgres {

namespace {

class PgDriver final : public Driver {
public:
  Engine engine() const noexcept override { return Engine::postgres; }
  std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) const override {
    return std::make_unique<PgConnection>(url, options);
  }
  std::vector<Statement> split_statements(std::string_view sql) const override { return split(sql); }
  std::unique_ptr<ScratchDatabase> create_scratch(const DatabaseUrl& near,
                                                  const ScratchOptions& options) const override {
    return postgres::create_scratch(near, options);
  }
  std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url,
                                                         const ScratchOptions& options) const override {
    return postgres::open_explicit_scratch(url, options);
  }
};

}  // namespace

const Driver& driver() noexcept {
  static const PgDriver instance;
  return instance;
}

const Driver& PgConnection::driver() const noexcept { return postgres::driver(); }

std::unique_ptr<LockImpl> PgConnection::open_migration_lock(const VersionStoreOptions& store,
                                                            const LockOptions& options) {
  return make_advisory_lock(*this, advisory_lock_key(store), options);
}

std::optional<LockHolder> PgConnection::migration_lock_holder(const VersionStoreOptions& store) {
  return advisory_lock_holder(*this, advisory_lock_key(store));
}

BackupResult PgConnection::write_backup(const std::string& write_path, const std::string& final_path,
                                        const BackupOptions& options) {
  return backup(*this, write_path, final_path, options);
}

}  // namespace strata::db::postgres
