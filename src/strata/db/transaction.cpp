#include "strata/db/transaction.hpp"

#include "strata/db/connection.hpp"

namespace strata::db {

Transaction::Transaction(Transaction&& other) noexcept : m_connection(other.m_connection) {
  other.m_connection = nullptr;
}

Transaction::~Transaction() {
  if (m_connection == nullptr) return;
  m_connection->rollback_transaction();
  m_connection->m_in_transaction = false;
}

void Transaction::commit() {
  if (m_connection == nullptr)
    throw DatabaseError(ErrorCode::transaction_ended, "commit() on a transaction that has already ended");
  Connection* connection = m_connection;
  // Whether COMMIT succeeds or throws, the transaction is over: the destructor must not roll back again.
  m_connection = nullptr;
  connection->m_in_transaction = false;
  connection->commit_transaction();
}

void Transaction::rollback() {
  if (m_connection == nullptr)
    throw DatabaseError(ErrorCode::transaction_ended, "rollback() on a transaction that has already ended");
  Connection* connection = m_connection;
  m_connection = nullptr;
  connection->m_in_transaction = false;
  connection->rollback_transaction_or_throw();
}

}  // namespace strata::db
