#pragma once
// One interface over SQLite (libsqlite3) and PostgreSQL (libpq). The C handles live only in db/sqlite/ and
// db/postgres/; a Connection owns them, connects in connect() and closes in its destructor.
//
// Errors: a failed statement throws StatementError (a DatabaseError, exit 4) carrying the SQLSTATE (SQLite: the
// extended result code name), the statement and the error's byte offset in it; a lock that cannot be had in time
// throws LockTimeoutError (exit 5). Every message names the database by display_name(), never with a password.
//
// Autocommit: outside a Transaction, each execute()/query() commits on its own — what a `transaction: none`
// migration needs (run its statements one by one with execute(), recording progress between them).
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "strata/db/result.hpp"
#include "strata/db/statement.hpp"
#include "strata/db/statement_error.hpp"
#include "strata/db/transaction.hpp"
#include "strata/db/url.hpp"

namespace strata::db {

class Driver;
class LockImpl;
struct LockHolder;
struct LockOptions;
struct VersionStoreOptions;
struct BackupOptions;
struct BackupResult;

struct ConnectOptions {
  // SQLite: create the database file when it does not exist (`upgrade` passes true). Otherwise a missing file
  // is a DatabaseError (code "database_missing") naming it. Ignored by PostgreSQL.
  bool create_if_missing = false;
  // SQLite: how long a statement waits for another connection's lock (sqlite3_busy_timeout) before failing
  // with LockTimeoutError.
  std::chrono::milliseconds busy_timeout{5000};
  // PostgreSQL: fallback_application_name, shown in pg_stat_activity (and so by `status` as the lock holder)
  // unless the URL sets application_name.
  std::string application_name = "strata";
};

// A statement of Connection::execute_in_transaction that failed: which one (0-based), and its error as execute()
// would have thrown it.
struct BatchFailure {
  std::size_t index;
  StatementError error;
};

class Connection {
public:
  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The driver that opened this connection (see driver.hpp).
  virtual const Driver& driver() const noexcept = 0;
  Engine engine() const noexcept;
  // The URL with its password redacted: the only name of the database that may be printed.
  virtual const std::string& display_name() const noexcept = 0;

  // Runs SQL text that returns nothing of interest. It may hold several statements (SQLite: run one after the
  // other; PostgreSQL: one simple-query round trip, implicitly one transaction when not inside one), but error
  // positions are only precise for a single statement: to map a failure to a file line, split_statements() and
  // execute each, then add error_offset() to the statement's offset.
  virtual void execute(std::string_view sql) = 0;

  // Runs exactly one statement with parameters bound to $1, $2, ... (on SQLite too). Returns its rows (all cells
  // as text) and, for INSERT/UPDATE/DELETE, affected_rows().
  virtual Result query(std::string_view sql, const Params& params = {}) = 0;

  // Runs statements without parameters, in order, and returns a Result per statement: on PostgreSQL in one round
  // trip (one simple query holding them all), elsewhere one after the other. The first that fails throws as
  // query() would, and the ones after it do not run; outside a transaction, PostgreSQL runs them all in one.
  virtual std::vector<Result> query_batch(const std::vector<std::string>& statements);

  // Runs `statements` in a transaction of their own: BEGIN, each statement in order, COMMIT — on PostgreSQL in one
  // round trip (a libpq pipeline), elsewhere one after the other. For a caller that has nothing to do between the
  // statements (no version row, no progress, no lock inside the transaction) and has already refused statements
  // that begin or end a transaction (controls_transaction), which would leave the ones after them outside it.
  // A statement that fails is returned, with the transaction rolled back and the statements after it not run. A
  // failure of BEGIN or COMMIT throws as begin() and Transaction::commit() do: code "in_doubt" when the connection
  // was lost once COMMIT may have been sent, so that the outcome is unknown; otherwise nothing was committed.
  std::optional<BatchFailure> execute_in_transaction(std::span<const Statement> statements);

  // What the server said besides results since the last call, oldest first: PostgreSQL's NOTICE, WARNING and INFO
  // messages ("NOTICE: relation \"t\" already exists, skipping"), so that the caller can show them with the step
  // that caused them. SQLite has none.
  virtual std::vector<std::string> take_notices() { return {}; }

  // The statements of `sql`, as split_statements(engine(), sql).
  std::vector<Statement> split_statements(std::string_view sql) const;

  // Starts a transaction; see transaction.hpp. Only one at a time: beginning a second while one is open is a
  // DatabaseError (code "nested_transaction").
  Transaction begin(TransactionMode mode = TransactionMode::write);
  bool in_transaction() const noexcept { return m_in_transaction; }
  // Whether the session itself is inside a transaction block now, as the driver reports it (PostgreSQL:
  // PQtransactionStatus, an aborted transaction included; SQLite: sqlite3_get_autocommit). It differs from
  // in_transaction() when a statement began or ended a transaction behind the Transaction object's back, or when
  // SQLite rolled back on its own after an error such as SQLITE_FULL.
  virtual bool session_in_transaction() const noexcept = 0;

  // The engine's halves of MigrationLock::acquire(), lock_holder() and backup() (lock.hpp, backup.hpp): call
  // those rather than these.
  virtual std::unique_ptr<LockImpl> open_migration_lock(const VersionStoreOptions& store,
                                                        const LockOptions& options) = 0;
  virtual std::optional<LockHolder> migration_lock_holder(const VersionStoreOptions& store) = 0;
  // Writes a backup to `write_path`; the restore command names `final_path`.
  virtual BackupResult write_backup(const std::string& write_path, const std::string& final_path,
                                    const BackupOptions& options) = 0;

protected:
  Connection() = default;
  // execute_in_transaction() once no transaction is open; by default begin(), execute() each, commit.
  virtual std::optional<BatchFailure> run_in_transaction(std::span<const Statement> statements);
  virtual void begin_transaction(TransactionMode mode) = 0;
  virtual void commit_transaction() = 0;
  // Best effort, never throws; used by Transaction's destructor.
  virtual void rollback_transaction() noexcept = 0;
  // As above but reports failure; used by Transaction::rollback().
  virtual void rollback_transaction_or_throw() = 0;

private:
  friend class Transaction;
  void refuse_nested_transaction() const;
  bool m_in_transaction = false;
};

// Opens a connection. Throws DatabaseError (exit 4) when the database cannot be reached, naming it redacted, with
// the driver's message (scrubbed of the password) and a hint: codes "database_missing" (SQLite file, PostgreSQL
// database), "unreachable" (server not answering), "authentication_failed", "connect_failed" (anything else).
std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options = {});
// The same from URL text; a malformed URL is a UsageError (code "bad_url").
std::unique_ptr<Connection> connect(std::string_view url, const ConnectOptions& options = {});

}  // namespace strata::db
