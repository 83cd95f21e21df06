#include "strata/db/result.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/statement_error.hpp"

namespace strata::db {

namespace {

[[noreturn]] void unexpected(const std::string& expectation, std::size_t got, const std::string& statement) {
  throw DatabaseError(ErrorCode::unexpected_rows,
                      fmt::format("expected {}, got {} from: {}", expectation, got, statement),
                      statement_fields({}, statement));
}

}  // namespace

Result::Result(std::string statement, std::vector<std::string> columns, std::vector<Row> rows, std::uint64_t affected)
    : m_statement(std::move(statement)), m_columns(std::move(columns)), m_rows(std::move(rows)), m_affected(affected) {}

void Result::no_rows() const {
  if (!m_rows.empty()) unexpected("no rows", m_rows.size(), m_statement);
}

const Row& Result::one_row() const {
  if (m_rows.size() != 1) unexpected("exactly one row", m_rows.size(), m_statement);
  return m_rows.front();
}

std::optional<Row> Result::opt_row() const {
  if (m_rows.size() > 1) unexpected("at most one row", m_rows.size(), m_statement);
  if (m_rows.empty()) return std::nullopt;
  return m_rows.front();
}

const Cell& Result::one_field() const {
  const Row& row = one_row();
  if (row.size() != 1) unexpected("exactly one column", row.size(), m_statement);
  return row.front();
}

}  // namespace strata::db
