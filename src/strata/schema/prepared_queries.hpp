#pragma once
// Prepared statements for the incremental PostgreSQL read (read_postgres_incremental.cpp): each query is prepared on
// first use, and a batch of them goes to the server in one round trip. Internal to schema/.
#include <atomic>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "strata/db/connection.hpp"
#include "strata/schema/catalog_rows.hpp"

namespace strata::schema::postgres_catalog {

// The catalog queries of an incremental read, prepared once per connection: planning them (the signatures query
// above all) costs more than running them against a catalog that changed by one table, and they run after every
// step. Parameters go in as quoted literals, since EXECUTE takes no bind parameters.
class Prepared {
public:
  explicit Prepared(db::Connection& connection) : m_connection(connection) {}

  // Forgets the statements the session no longer has: a migration may have run DEALLOCATE ALL or DISCARD ALL.
  void refresh() {
    if (m_names.empty()) return;
    std::set<std::string> alive;
    for (const auto& row : catalog::rows_of(m_connection.query("SELECT name FROM pg_prepared_statements")))
      alive.insert(catalog::text(row[0]));
    std::erase_if(m_names, [&](const auto& entry) { return alive.count(entry.second) == 0; });
  }

  // Forgets every statement, when the session has lost them all (a migration ran DEALLOCATE ALL or DISCARD ALL).
  void forget() { m_names.clear(); }

  // How many statements this session should still have prepared.
  std::size_t size() const noexcept { return m_names.size(); }

  // Plain statements sent at the head of every batch, their results dropped. A read outside a transaction block
  // sets its session settings this way: each batch is then a transaction of its own, and local settings last as
  // long as it does.
  void set_prelude(std::vector<std::string> statements) { m_prelude = std::move(statements); }

  db::Result run(const std::string& sql, const db::Params& params) {
    return std::move(run_batch({{sql, params}}).front());
  }

  // Several queries in one round trip (each new one prepared in the same trip), a result each.
  std::vector<db::Result> run_batch(const std::vector<std::pair<std::string, db::Params>>& queries) {
    if (queries.empty()) return {};
    std::vector<std::string> statements = m_prelude;
    std::vector<bool> executes(statements.size(), false);  // per statement: an EXECUTE, whose result is wanted
    std::vector<std::string> prepared;
    for (const auto& [sql, params] : queries) {
      auto [at, inserted] = m_names.try_emplace(sql, "");
      if (inserted) {
        static std::atomic<unsigned> counter{0};
        at->second = fmt::format("strata_snapshot_{}", ++counter);
        prepared.push_back(sql);
        statements.push_back(fmt::format("PREPARE {} AS {}", at->second, sql));
        executes.push_back(false);
      }
      std::string call = fmt::format("EXECUTE {}", at->second);
      for (std::size_t i = 0; i < params.size(); ++i) {
        call += i == 0 ? "(" : ", ";
        call += params[i] ? literal(*params[i]) : std::string("NULL");
      }
      statements.push_back(call + (params.empty() ? "" : ")"));
      executes.push_back(true);
    }
    std::vector<db::Result> all;
    try {
      all = m_connection.query_batch(statements);
    } catch (...) {
      // Whether they exist now is for refresh() to find out; names are never reused.
      for (const auto& sql : prepared) m_names.erase(sql);
      throw;
    }
    std::vector<db::Result> results;
    results.reserve(queries.size());
    for (std::size_t i = 0; i < all.size(); ++i)
      if (executes[i]) results.push_back(std::move(all[i]));
    return results;
  }

private:
  static std::string literal(const std::string& value) {
    std::string quoted = "'";
    for (const char c : value) {
      if (c == '\'') quoted += '\'';
      quoted += c;
    }
    return quoted + "'";
  }

  db::Connection& m_connection;
  std::map<std::string, std::string> m_names;  // query text -> prepared statement name
  std::vector<std::string> m_prelude;
};

}  // namespace strata::schema::postgres_catalog
