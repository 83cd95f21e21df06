// PostgreSQL's migration lock: advisory locks, session- or transaction-scoped (see lock.hpp, docs/locking.md).
#include <string>

#include "strata/db/lock_impl.hpp"

namespace strata::db::postgres {

namespace {

class AdvisoryLock final : public LockImpl {
public:
  AdvisoryLock(Connection& connection, std::int64_t key, const LockOptions& options)
      : m_connection(connection), m_key(std::to_string(key)), m_key_value(key), m_options(options) {
    if (m_options.mode == LockMode::transaction) return;  // taken inside each transaction
    if (!poll_until(m_options, [&] { return try_lock("pg_try_advisory_lock"); }))
      throw_lock_timeout(m_connection, m_options, advisory_lock_holder(m_connection, m_key_value));
    m_held = true;
  }

  void in_transaction() override {
    if (m_options.mode != LockMode::transaction) return;
    if (!m_connection.in_transaction())
      throw DatabaseError(m_connection.display_name() +
                              ": the transaction-scoped migration lock must be taken inside a transaction",
                          {}, "lock_outside_transaction");
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
    return m_connection.query(std::string("SELECT ") + function + "($1::bigint)", {m_key}).one_field() == "t";
  }

  Connection& m_connection;
  std::string m_key;
  std::int64_t m_key_value;
  LockOptions m_options;
  bool m_held = false;
};

}  // namespace

std::unique_ptr<LockImpl> make_advisory_lock(Connection& connection, std::int64_t key, const LockOptions& options) {
  return std::make_unique<AdvisoryLock>(connection, key, options);
}

std::optional<LockHolder> advisory_lock_holder(Connection& connection, std::int64_t key) {
  const auto bits = static_cast<std::uint64_t>(key);
  const Result result = connection.query(
      "SELECT a.pid, a.application_name, a.usename, COALESCE(host(a.client_addr), 'local'), "
      "to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
      "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = $2::oid "
      "AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
      "ORDER BY a.backend_start LIMIT 1",
      {std::to_string(bits >> 32), std::to_string(bits & 0xffffffffU)});
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
