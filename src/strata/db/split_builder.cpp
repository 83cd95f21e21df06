#include "strata/db/split_builder.hpp"

namespace strata::db {

void SplitBuilder::add(std::size_t begin, std::size_t end) {
  if (end > m_sql.size()) end = m_sql.size();
  const std::string_view range = m_sql.substr(0, end);
  std::size_t start = skip_space_and_comments(range, begin);
  while (start < end && m_sql[start] == ';') start = skip_space_and_comments(range, start + 1);  // empty statements
  std::size_t stop = end;
  while (stop > start && (m_sql[stop - 1] == ' ' || m_sql[stop - 1] == '\t' || m_sql[stop - 1] == '\n' ||
                          m_sql[stop - 1] == '\r' || m_sql[stop - 1] == ';'))
    --stop;
  if (stop <= start) return;
  for (; m_counted_to < start; ++m_counted_to)
    if (m_sql[m_counted_to] == '\n') ++m_line;
  m_statements.push_back(Statement{std::string(m_sql.substr(start, stop - start)), start, m_line});
}

}  // namespace strata::db
