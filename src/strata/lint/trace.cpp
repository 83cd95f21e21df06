#include "strata/lint/trace.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "strata/core/error.hpp"
#include "strata/db/connection.hpp"
#include "strata/db/scratch.hpp"
#include "strata/graph/graph_data.hpp"

namespace strata::lint {

namespace {

struct Relation {
  std::string name;
  std::string filenode;
};

// Tables, indexes, materialized views and sequences outside the system schemas, by oid.
std::map<std::string, Relation> relations(db::Connection& connection) {
  std::map<std::string, Relation> out;
  const auto rows = connection.query(
      "SELECT c.oid::text, n.nspname || '.' || c.relname, c.relfilenode::text FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'i', 'm', 'p', 'S', 't') "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'");
  for (const auto& row : rows.rows()) out[row[0].value_or("")] = {row[1].value_or(""), row[2].value_or("")};
  return out;
}

std::string first_line(std::string_view text) {
  const auto newline = text.find('\n');
  return std::string(newline == std::string_view::npos ? text : text.substr(0, newline));
}

}  // namespace

TraceResult trace(const repo::Repository& repository, std::span<const graph::RevIndex> selected,
                  const db::DatabaseUrl& url) {
  if (url.engine() != db::Engine::postgres)
    throw UsageError(ErrorCode::usage, "--trace needs a PostgreSQL database URL");
  TraceResult result;
  const auto scratch = db::create_scratch(url, db::ScratchOptions{});
  result.scratch = scratch->display_name();
  auto& runner = scratch->connection();
  // pg_locks covers the whole server, so the observer can watch the runner's session from the database the user
  // named; the runner's oids are resolved to names from the scratch database's catalog below.
  auto observer = db::connect(url);
  const auto pid = runner.query("SELECT pg_backend_pid()::text").one_field().value_or("0");

  const auto& graph = repository.graph();
  std::vector<char> chosen(graph.size(), 0);
  for (const auto index : selected) chosen[index] = 1;
  // Everything the selected revisions stand on, ancestors first.
  std::vector<graph::RevIndex> order = graph.ancestors(selected);
  const auto& rank = graph.internals().rank;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return rank[a] < rank[b]; });
  for (const auto index : order) {
    const auto& file = repository.file(index);
    if (file.kind != repo::SourceKind::native_sql) continue;
    if (!chosen[index]) {
      runner.execute(file.up.sql);
      continue;
    }
    const auto before = relations(runner);
    const auto statements = runner.split_statements(file.up.sql);
    std::optional<db::Transaction> transaction;
    if (file.transaction == repo::TransactionMode::per_migration) transaction.emplace(runner.begin());
    std::set<std::pair<std::string, std::string>> held;
    for (const auto& statement : statements) {
      TracedStatement traced;
      traced.path = file.revision.path;
      traced.revision = file.revision.id;
      traced.line = file.up.first_line + statement.line - 1;
      traced.statement = first_line(statement.text);
      try {
        runner.execute(statement.text);
      } catch (const db::StatementError& error) {
        traced.error = error.server_message();
        result.statements.push_back(std::move(traced));
        break;
      }
      const auto locks = observer->query(
          "SELECT relation::text, mode FROM pg_locks WHERE pid = $1::int AND granted AND locktype = 'relation'", {pid});
      std::set<std::pair<std::string, std::string>> taken;  // by relation name, then mode
      for (const auto& row : locks.rows()) {
        const auto found = before.find(row[0].value_or(""));
        if (found == before.end()) continue;  // a relation this migration created: no one else waits for it
        taken.emplace(found->second.name, row[1].value_or(""));
      }
      for (const auto& lock : taken)
        if (held.insert(lock).second) traced.locks.push_back({lock.first, lock.second});
      // Outside a transaction a statement's locks are released when it ends; they cannot be observed afterwards.
      if (!transaction) held.clear();
      const auto after = relations(runner);
      for (const auto& [oid, relation] : before) {
        const auto now = after.find(oid);
        if (now != after.end() && now->second.filenode != relation.filenode) traced.rewritten.push_back(relation.name);
      }
      result.statements.push_back(std::move(traced));
    }
    if (transaction) {
      if (!result.statements.empty() && !result.statements.back().error.empty()) break;
      transaction->commit();
    } else if (!result.statements.empty() && !result.statements.back().error.empty()) {
      break;
    }
  }
  scratch->drop();  // here rather than in the destructor, so a failure to drop it is reported
  return result;
}

}  // namespace strata::lint
