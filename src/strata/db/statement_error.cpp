#include "strata/db/statement_error.hpp"

#include <utility>

namespace strata::db {

StatementError::StatementError(std::string message, Details details, std::string server_message,
                               std::optional<std::size_t> error_offset, std::string code)
    : DatabaseError(message, std::move(details), std::move(code)),
      m_unlocated_message(std::move(message)),
      m_server_message(std::move(server_message)),
      m_error_offset(error_offset) {}

int error_line(const Statement& statement, const StatementError& error) noexcept {
  if (!error.error_offset()) return statement.line;
  return statement.line + line_at(statement.text, *error.error_offset()) - 1;
}

StatementError StatementError::with_location(std::string path, int line) const {
  Details details = this->details();
  std::string prefix = path + ":" + std::to_string(line) + ": ";
  details.path = std::move(path);
  details.line = line;
  StatementError located(prefix + m_unlocated_message, std::move(details), m_server_message, m_error_offset, code());
  located.m_unlocated_message = m_unlocated_message;
  return located;
}

}  // namespace strata::db
