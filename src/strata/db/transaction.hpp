#pragma once
// A transaction that rolls back unless committed (libpqxx's model). Obtained from Connection::begin().
//
//   auto tx = connection.begin(db::TransactionMode::write);
//   lock.in_transaction(connection);          // transaction-scoped lock mode only; a no-op otherwise
//   connection.execute(migration_sql);
//   store.record_applied(revision, checksum, ms);
//   tx.commit();                              // applied and recorded, or neither
//
// A transaction that is destroyed without commit() (an exception unwound past it) is rolled back; the destructor
// never throws. commit() throws DatabaseError when the commit fails (code "commit_failed"), or code "in_doubt"
// when the connection was lost during COMMIT so that the outcome is unknown.
namespace strata::db {

class Connection;

enum class TransactionMode {
  read,   // SQLite: BEGIN DEFERRED. PostgreSQL: BEGIN.
  write,  // SQLite: BEGIN IMMEDIATE — takes the write lock at once, waiting up to the busy timeout, then throws
          // LockTimeoutError (exit 5). PostgreSQL: BEGIN.
};

class Transaction {
public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  void commit();
  // Explicit rollback; unlike the destructor, reports a failure.
  void rollback();
  bool active() const noexcept { return m_connection != nullptr; }

private:
  friend class Connection;
  explicit Transaction(Connection& connection) noexcept : m_connection(&connection) {}
  Connection* m_connection;
};

}  // namespace strata::db
