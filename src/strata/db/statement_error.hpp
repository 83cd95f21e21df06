#pragma once
// The error of a failed SQL statement: DatabaseError (exit 4) plus where in the statement text it failed.
#include <cstddef>
#include <optional>
#include <string>

#include "strata/core/error.hpp"
#include "strata/db/statement.hpp"

namespace strata::db {

// The fields of a failed statement: `sqlstate` empty when unknown, `statement` the exact text that was sent.
ErrorFields statement_fields(std::string sqlstate, std::string statement, std::string server_message = {});

// fields().sqlstate: PostgreSQL's SQLSTATE (PG_DIAG_SQLSTATE, e.g. "42P01"), or SQLite's extended result code
// name (e.g. "SQLITE_CONSTRAINT_UNIQUE"). fields().statement: the exact text that was sent; fields().server_message:
// the server's message alone, without the database name or SQLSTATE.
// what(): "<database, redacted>: <server message> [<sqlstate>]" plus "\ndetail: ..." / "\nhint: ..." lines when
// PostgreSQL sent them. The engine adds the file and line (fields().path and line) by rethrowing with
// `with_location`.
class StatementError : public DatabaseError {
public:
  StatementError(ErrorCode code, std::string message, ErrorFields fields, std::optional<std::size_t> error_offset);

  // The server's message alone, without the database name or SQLSTATE.
  const std::string& server_message() const noexcept { return fields().server_message; }
  // 0-based BYTE offset into fields().statement where the error is: PostgreSQL's PG_DIAG_STATEMENT_POSITION
  // (a 1-based character position, converted), SQLite's sqlite3_error_offset(). When a multi-statement text
  // failed at run time without a position, SQLite reports the start of the failing statement. nullopt: unknown.
  std::optional<std::size_t> error_offset() const noexcept { return m_error_offset; }

  // A copy whose message is prefixed with "path:line: " and whose details carry path and line.
  StatementError with_location(std::string path, int line) const;
  // The message without that prefix, for callers that compose their own text from fields().path and line.
  const std::string& unlocated_message() const noexcept { return m_unlocated_message; }

private:
  std::string m_unlocated_message;
  std::optional<std::size_t> m_error_offset;
};

// The 1-based line, within the text that was split, of `error` raised while executing `statement` alone: the
// statement's own line plus the newlines before the error offset (the statement's first line without an offset).
// Add the line where the split text starts in its file, minus one, to get the file line.
int error_line(const Statement& statement, const StatementError& error) noexcept;

}  // namespace strata::db
