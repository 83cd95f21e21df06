#include "strata/db/statement_error.hpp"

#include <fmt/format.h>

#include <utility>

namespace strata::db {

ErrorFields statement_fields(std::string sqlstate, std::string statement, std::string server_message) {
  ErrorFields fields;
  fields.sqlstate = std::move(sqlstate);
  fields.statement = std::move(statement);
  fields.server_message = std::move(server_message);
  return fields;
}

StatementError::StatementError(ErrorCode code, std::string message, ErrorFields fields,
                               std::optional<std::size_t> error_offset)
    : DatabaseError(code, message, std::move(fields)),
      m_unlocated_message(std::move(message)),
      m_error_offset(error_offset) {}

int error_line(const Statement& statement, const StatementError& error) noexcept {
  if (!error.error_offset()) return statement.line;
  return statement.line + line_at(statement.text, *error.error_offset()) - 1;
}

StatementError StatementError::with_location(std::string path, int line) const {
  ErrorFields fields = this->fields();
  std::string prefix = fmt::format("{}:{}: ", path, line);
  fields.path = std::move(path);
  fields.line = line;
  StatementError located(code(), prefix + m_unlocated_message, std::move(fields), m_error_offset);
  located.m_unlocated_message = m_unlocated_message;
  return located;
}

}  // namespace strata::db
