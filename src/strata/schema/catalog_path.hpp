#pragma once
// The frame of every PostgreSQL catalog read outside the DDL log's fast path: one read-only transaction and only
// pg_catalog on the search path (read_postgres_reader.hpp's Reader does the queries). Internal to schema/.
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "strata/schema/read_postgres_reader.hpp"

namespace strata::schema::postgres_catalog {

// Runs `read` in one read-only transaction (the catalog cannot change between the queries) with only pg_catalog on
// the search path: the deparsers qualify every name that is not on it, so every user object is qualified the same
// way whatever the connection's settings, and two databases read alike. The caller's schema is read before the
// path changes: the version store's schema resolves under the caller's search_path. The statements in `also` run in
// the same round trip as the first query; `read` then takes their results too (Reader&, std::vector<db::Result>&).
template <typename Read>
auto with_catalog_path(db::Connection& connection, const ReadOptions& options, Read read,
                       const std::vector<std::string>& also = {}) {
  std::optional<db::Transaction> transaction;
  if (!connection.in_transaction()) transaction.emplace(connection.begin(db::TransactionMode::read));
  // The caller's schema and search path (read first: the CTE's row exists before the outer target list sets the
  // path), then only pg_catalog on the path.
  std::vector<std::string> statements{
      "WITH caller AS MATERIALIZED (SELECT current_schema() AS schema, current_setting('search_path') AS path) "
      "SELECT caller.schema, caller.path, set_config('search_path', 'pg_catalog', true) FROM caller"};
  statements.insert(statements.end(), also.begin(), also.end());
  auto results = connection.query_batch(statements);
  const auto& row = results.front().rows().at(0);
  Reader reader(connection, options, row[0].value_or(""));
  const std::string saved = text(row[1]);
  results.erase(results.begin());
  auto result = [&] {
    if constexpr (std::is_invocable_v<Read, Reader&, std::vector<db::Result>&>) {
      return read(reader, results);
    } else {
      return read(reader);
    }
  }();
  if (transaction) transaction->commit();
  else connection.query("SELECT set_config('search_path', $1, true)", {saved});
  return result;
}

}  // namespace strata::schema::postgres_catalog
