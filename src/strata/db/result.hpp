#pragma once
// Rows returned by Connection::query, with libpqxx-style expectations: a query states how many rows it expects
// and a mismatch throws instead of being silently ignored.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::db {

// Every cell is text (SQLite integers and PostgreSQL values alike, in their text form); NULL is nullopt.
using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;
// Query parameters, bound to $1, $2, ... on both engines; nullopt binds NULL.
using Params = std::vector<Cell>;

class Result {
public:
  Result() = default;
  Result(std::string statement, std::vector<std::string> columns, std::vector<Row> rows, std::uint64_t affected);

  const std::vector<std::string>& columns() const noexcept { return m_columns; }
  const std::vector<Row>& rows() const noexcept { return m_rows; }
  std::size_t size() const noexcept { return m_rows.size(); }
  bool empty() const noexcept { return m_rows.empty(); }
  const Row& operator[](std::size_t index) const { return m_rows.at(index); }
  // Rows inserted, updated or deleted by a data-changing statement; 0 for queries.
  std::uint64_t affected_rows() const noexcept { return m_affected; }

  // Expectations. Each throws DatabaseError (code "unexpected_rows") quoting the statement when not met.
  void no_rows() const;
  const Row& one_row() const;
  std::optional<Row> opt_row() const;
  // One row of one column: the value (nullopt for NULL).
  const Cell& one_field() const;

private:
  std::string m_statement;
  std::vector<std::string> m_columns;
  std::vector<Row> m_rows;
  std::uint64_t m_affected = 0;
};

}  // namespace strata::db
