#include "strata/db/statement.hpp"

#include "strata/db/driver.hpp"
#include "strata/db/postgres/split.hpp"
#include "strata/db/sqlite/split.hpp"
#include "strata/db/statement_error.hpp"

namespace strata::db {

std::vector<Statement> split_statements(Engine engine, std::string_view sql) {
  if (const auto nul = sql.find('\0'); nul != std::string_view::npos)
    throw StatementError(ErrorCode::split_error, "a NUL byte in the SQL text; a migration holds text only",
                         statement_fields({}, {}, "a NUL byte in the SQL text"), nul);
  return driver_for(engine).split_statements(sql);
}

bool controls_transaction(Engine engine, std::string_view statement) {
  return engine == Engine::sqlite ? sqlite::controls_transaction(statement) : postgres::controls_transaction(statement);
}

int line_at(std::string_view text, std::size_t offset) noexcept {
  int line = 1;
  const std::size_t end = offset < text.size() ? offset : text.size();
  for (std::size_t i = 0; i < end; ++i)
    if (text[i] == '\n') ++line;
  return line;
}

std::size_t skip_space_and_comments(std::string_view text, std::size_t from) noexcept {
  std::size_t i = from;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      const std::size_t newline = text.find('\n', i);
      i = newline == std::string_view::npos ? text.size() : newline + 1;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      int depth = 1;
      i += 2;
      while (i < text.size() && depth > 0) {
        if (text.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (text.compare(i, 2, "*/") == 0) {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      }
    } else {
      break;
    }
  }
  return i;
}

}  // namespace strata::db
