#pragma once
// Small helpers the two catalog readers share for reading query results.
#include <string>
#include <vector>

#include "strata/db/result.hpp"

namespace strata::schema::catalog {

// The cell's text; "" for NULL.
inline const std::string& text(const db::Cell& cell) {
  static const std::string k_empty;
  return cell ? *cell : k_empty;
}

// The rows of a query's result, owned: `for (row : rows_of(query(...)))` would otherwise iterate a temporary's
// member after the temporary is gone.
inline std::vector<db::Row> rows_of(const db::Result& result) { return result.rows(); }

// Boolean attributes are always present, as "true" or "false", so a change reads "false -> true".
inline std::string boolean(bool value) { return value ? "true" : "false"; }

}  // namespace strata::schema::catalog
