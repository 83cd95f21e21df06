#include "strata/db/sql_text.hpp"

#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

namespace strata::db {

std::string quote_literal(Engine engine, const Cell& value) {
  if (!value) return "NULL";
  const bool escape = engine == Engine::postgres && value->find('\\') != std::string::npos;
  std::string out = escape ? "E'" : "'";
  for (const char c : *value) {
    if (c == '\'') out += "''";
    else if (c == '\\' && escape) out += "\\\\";
    else out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string render(Engine engine, const SqlCommand& command) {
  std::string out;
  const std::string& sql = command.sql;
  char quote = 0;  // inside '...' or "..." nothing is a placeholder
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '$' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      std::size_t end = i + 1;
      while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
      const std::size_t number = std::stoul(sql.substr(i + 1, end - i - 1));
      if (number == 0 || number > command.params.size())
        throw std::logic_error(
            fmt::format("SQL command uses ${} but has {} parameters: {}", number, command.params.size(), sql));
      out += quote_literal(engine, command.params[number - 1]);
      i = end - 1;
    } else {
      out.push_back(c);
    }
  }
  return out + ";";
}

}  // namespace strata::db
