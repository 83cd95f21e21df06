#pragma once
// Shared by the two splitters: turns a [begin, end) range found by an engine's lexer into a Statement, trimming
// leading comments/whitespace and trailing whitespace, and tracking line numbers incrementally.
#include <optional>
#include <string_view>

#include "strata/db/statement.hpp"

namespace strata::db {

class SplitBuilder {
public:
  explicit SplitBuilder(std::string_view sql) : m_sql(sql) {}

  // Adds the statement in [begin, end) unless it holds only whitespace and comments.
  void add(std::size_t begin, std::size_t end);
  std::vector<Statement> take() { return std::move(m_statements); }

private:
  std::string_view m_sql;
  std::size_t m_counted_to = 0;  // line numbers are counted incrementally, keeping splitting linear
  int m_line = 1;
  std::vector<Statement> m_statements;
};

}  // namespace strata::db
