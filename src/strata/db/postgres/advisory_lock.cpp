// PostgreSQL's migration lock: advisory locks, session- or transaction-scoped (see lock.hpp, docs/locking.md),
// and the check that a session lock is not taken through a transaction pooler, where it would not protect anything.
#include <string>

#include <fmt/format.h>

#include "strata/db/lock_impl.hpp"
#include "strata/db/postgres/pg_connection.hpp"

namespace strata::db::postgres {

namespace {

// pg_locks' view of a bigint advisory key: classid = high 32 bits, objid = low 32 bits, objsubid = 1.
std::string key_high(std::int64_t key) { return std::to_string(static_cast<std::uint64_t>(key) >> 32); }
std::string key_low(std::int64_t key) { return std::to_string(static_cast<std::uint64_t>(key) & 0xffffffffU); }

// Takes the session lock unless the server session already holds it, in one statement (so on one server
// connection even behind a pooler): a session that already holds strata's lock before this runner asked for it is
// a pooled server connection that another client locked. Columns: taken ('t'/'f', NULL when already held) and
// the server process id.
constexpr const char* k_try_session_lock =
    "WITH before AS MATERIALIZED ("
    " SELECT pg_backend_pid() AS pid, EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND pid = pg_backend_pid() AND classid = $2::oid AND objid = $3::oid AND objsubid = 1) AS held) "
    "SELECT CASE WHEN held THEN NULL ELSE pg_try_advisory_lock($1::bigint) END, pid FROM before";

// Run on a second connection through the same pooler: when it lands on the server process that holds our lock,
// the pooler hands one server connection to several clients between transactions. It then releases the lock in
// the same statement, so that it does not stay behind on the pooled connection.
constexpr const char* k_probe_and_release =
    "SELECT CASE WHEN pg_backend_pid() = $2::int THEN pg_advisory_unlock($1::bigint) ELSE false END";

std::string pooler_message(const Connection& connection, const std::string& how) {
  return fmt::format(
      "{}: the connection goes through a pooler that shares server connections between transactions "
      "(such as PgBouncer with pool_mode = transaction): {}, so the session-level migration lock "
      "cannot keep other runners out\nhint: rerun with --lock-mode transaction (or set lock_mode = "
      "\"transaction\" for this database in strata.toml), or connect to PostgreSQL directly or through "
      "a pool in session mode",
      connection.display_name(), how);
}

class AdvisoryLock final : public LockImpl {
public:
  AdvisoryLock(PgConnection& connection, std::int64_t key, const LockOptions& options)
      : m_connection(connection), m_key(std::to_string(key)), m_key_value(key), m_options(options) {
    if (m_options.mode == LockMode::transaction) return;  // taken inside each transaction
    if (!poll_until(m_options, [&] { return try_session_lock(); }))
      throw_lock_timeout(m_connection, m_options, advisory_lock_holder(m_connection, m_key_value));
    m_held = true;
    check_not_transaction_pooled();
  }

  void in_transaction() override {
    if (m_options.mode != LockMode::transaction) {
      if (m_pooled) check_same_server_session();
      return;
    }
    if (!m_connection.in_transaction())
      throw DatabaseError(ErrorCode::lock_outside_transaction,
                          fmt::format("{}: the transaction-scoped migration lock must be taken inside a transaction",
                                      m_connection.display_name()));
    if (!poll_until(m_options, [&] { return try_lock("pg_try_advisory_xact_lock"); }))
      throw_lock_timeout(m_connection, m_options, advisory_lock_holder(m_connection, m_key_value));
  }

  void release() override {
    if (!m_held) return;
    m_held = false;
    m_connection.query("SELECT pg_advisory_unlock($1::bigint)", {m_key}).one_field();
  }

  void release_quietly() noexcept override {
    try {
      release();
    } catch (...) {  // the session's end releases it anyway
    }
  }

private:
  bool try_lock(const char* function) {
    return m_connection.query(fmt::format("SELECT {}($1::bigint)", function), {m_key}).one_field() == "t";
  }

  bool try_session_lock() {
    const Row row =
        m_connection.query(k_try_session_lock, {m_key, key_high(m_key_value), key_low(m_key_value)}).one_row();
    m_server_pid = row.at(1).value_or("");
    if (!row.at(0))
      throw DatabaseError(ErrorCode::transaction_pooler,
                          pooler_message(m_connection, fmt::format("the server session it was given already holds "
                                                                   "strata's migration lock, taken by another client "
                                                                   "(server process {})",
                                                                   m_server_pid)));
    return *row.at(0) == "t";
  }

  // On a direct connection the server process is the one libpq was told about at connect time. A pooler answers
  // the connection itself and reports a process id of its own; only then is a second client needed to tell a
  // session pool (safe: the server connection is ours until we disconnect) from a transaction pool.
  void check_not_transaction_pooled() {
    if (m_server_pid == std::to_string(m_connection.backend_pid())) return;
    m_pooled = true;
    ConnectOptions options;
    options.application_name = "strata (pooler check)";
    const auto probe = connect(m_connection.url(), options);
    // A pooler hands out its most recently released server connection first (PgBouncer's default), and ours was
    // released when the lock statement's transaction ended: a transaction pool gives the probe our server process.
    if (probe->query(k_probe_and_release, {m_key, m_server_pid}).one_field() == "t") {
      m_held = false;  // released by the probe, on the server session that held it
      throw DatabaseError(ErrorCode::transaction_pooler,
                          pooler_message(m_connection,
                                         "another client was given the server session that holds "
                                         "this runner's lock"));
    }
  }

  // Behind a pooler that looked like a session pool: every transaction must still run on the server session that
  // holds the lock. If it does not, the lock stays on that server session until the pooler closes it.
  void check_same_server_session() {
    const std::string pid = m_connection.query("SELECT pg_backend_pid()", {}).one_field().value_or("");
    if (pid == m_server_pid) return;
    m_held = false;  // cannot be released from here
    throw DatabaseError(ErrorCode::transaction_pooler,
                        pooler_message(m_connection, fmt::format("this transaction runs on server process {} while "
                                                                 "the lock is held by server process {} (which keeps "
                                                                 "it until the pooler closes that connection)",
                                                                 pid, m_server_pid)));
  }

  PgConnection& m_connection;
  std::string m_key;
  std::int64_t m_key_value;
  LockOptions m_options;
  bool m_held = false;
  bool m_pooled = false;     // the connection goes through a pooler (which looked like a session pool)
  std::string m_server_pid;  // the server process that holds the session lock
};

}  // namespace

std::unique_ptr<LockImpl> make_advisory_lock(Connection& connection, std::int64_t key, const LockOptions& options) {
  // MigrationLock::acquire dispatches on engine(): a PostgreSQL connection is always a PgConnection.
  return std::make_unique<AdvisoryLock>(static_cast<PgConnection&>(connection), key, options);
}

std::optional<LockHolder> advisory_lock_holder(Connection& connection, std::int64_t key) {
  const Result result = connection.query(
      "SELECT a.pid, a.application_name, a.usename, COALESCE(host(a.client_addr), 'local'), "
      "to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
      "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = $2::oid "
      "AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
      "ORDER BY a.backend_start LIMIT 1",
      {key_high(key), key_low(key)});
  const auto row = result.opt_row();
  if (!row) return std::nullopt;
  LockHolder holder;
  if ((*row)[0]) holder.pid = std::stoi(*(*row)[0]);
  holder.application_name = (*row)[1].value_or("");
  holder.user = (*row)[2].value_or("");
  holder.client = (*row)[3].value_or("");
  holder.since = (*row)[4].value_or("");
  return holder;
}

}  // namespace strata::db::postgres
