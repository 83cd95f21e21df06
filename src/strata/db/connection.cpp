#include "strata/db/connection.hpp"

#include "strata/db/postgres/pg_connection.hpp"
#include "strata/db/sqlite/sqlite_connection.hpp"

namespace strata::db {

Transaction Connection::begin(TransactionMode mode) {
  if (m_in_transaction)
    throw DatabaseError(display_name() + ": a transaction is already open on this connection", {},
                        "nested_transaction");
  begin_transaction(mode);
  m_in_transaction = true;
  return Transaction(*this);
}

std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) {
  if (url.engine() == Engine::sqlite) return std::make_unique<sqlite::SqliteConnection>(url, options);
  return std::make_unique<postgres::PgConnection>(url, options);
}

std::unique_ptr<Connection> connect(std::string_view url, const ConnectOptions& options) {
  return connect(DatabaseUrl::parse(url), options);
}

}  // namespace strata::db
