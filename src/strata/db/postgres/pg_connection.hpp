#pragma once
// The PostgreSQL driver. Internal to db/: other parts use db::Connection.
#include <string>
#include <vector>

#include "strata/db/connection.hpp"
#include "strata/db/postgres/handles.hpp"

namespace strata::db::postgres {

// This engine's driver (see driver.hpp).
const Driver& driver() noexcept;

class PgConnection final : public Connection {
public:
  PgConnection(const DatabaseUrl& url, const ConnectOptions& options);

  const Driver& driver() const noexcept override;
  const std::string& display_name() const noexcept override { return m_url.redacted(); }
  void execute(std::string_view sql) override;
  Result query(std::string_view sql, const Params& params) override;
  std::vector<Result> query_batch(const std::vector<std::string>& statements) override;
  std::vector<std::string> take_notices() override;
  bool session_in_transaction() const noexcept override;
  std::unique_ptr<LockImpl> open_migration_lock(const VersionStoreOptions& store, const LockOptions& options) override;
  std::optional<LockHolder> migration_lock_holder(const VersionStoreOptions& store) override;
  BackupResult write_backup(const std::string& write_path, const std::string& final_path,
                            const BackupOptions& options) override;

  // For pg_dump and the lock holder's description.
  const DatabaseUrl& url() const noexcept { return m_url; }
  // The backend's process id (pg_backend_pid()), to tell our own lock from another session's.
  int backend_pid() const noexcept { return PQbackendPID(m_connection.get()); }

protected:
  std::optional<BatchFailure> run_in_transaction(std::span<const Statement> statements) override;
  void begin_transaction(TransactionMode mode) override;
  void commit_transaction() override;
  void rollback_transaction() noexcept override;
  void rollback_transaction_or_throw() override;

private:
  ResultHandle run(std::string_view sql, const Params* params);
  static void receive_notice(void* self, const PGresult* notice);
  DatabaseError in_doubt_error(const StatementError& error) const;
  void check_commit_tag(PGresult* result) const;

  DatabaseUrl m_url;
  std::string m_password;
  ConnectionHandle m_connection;
  std::vector<std::string> m_notices;
  std::size_t m_notices_dropped = 0;
};

}  // namespace strata::db::postgres
