#include "strata/db/connection.hpp"

#include <fmt/format.h>

#include "strata/db/driver.hpp"

namespace strata::db {

Engine Connection::engine() const noexcept { return driver().engine(); }

std::vector<Statement> Connection::split_statements(std::string_view sql) const {
  return driver().split_statements(sql);
}

std::vector<Result> Connection::query_batch(const std::vector<std::string>& statements) {
  std::vector<Result> results;
  results.reserve(statements.size());
  for (const auto& statement : statements) results.push_back(query(statement));
  return results;
}

void Connection::refuse_nested_transaction() const {
  if (m_in_transaction)
    throw DatabaseError(ErrorCode::nested_transaction,
                        fmt::format("{}: a transaction is already open on this connection", display_name()));
}

Transaction Connection::begin(TransactionMode mode) {
  refuse_nested_transaction();
  begin_transaction(mode);
  m_in_transaction = true;
  return Transaction(*this);
}

std::optional<BatchFailure> Connection::execute_in_transaction(std::span<const Statement> statements) {
  refuse_nested_transaction();
  return run_in_transaction(statements);
}

std::optional<BatchFailure> Connection::run_in_transaction(std::span<const Statement> statements) {
  auto transaction = begin(TransactionMode::write);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      execute(statements[i].text);
    } catch (const StatementError& error) {
      return BatchFailure{i, error};  // the transaction rolls back as it goes out of scope
    }
  }
  transaction.commit();
  return std::nullopt;
}

std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) {
  return driver_for(url).connect(url, options);
}

std::unique_ptr<Connection> connect(std::string_view url, const ConnectOptions& options) {
  return connect(DatabaseUrl::parse(url), options);
}

}  // namespace strata::db
