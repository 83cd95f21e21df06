// Rules about transaction control: statements that cannot run inside a transaction, and BEGIN/COMMIT against the
// engine's own transaction.
#include "strata/lint/pg_checker.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace strata::lint::pg {

namespace {

// CONCURRENTLY forms that PostgreSQL refuses inside a transaction block: squawk's rule covers CREATE INDEX; strata
// adds DROP INDEX, REINDEX and DETACH PARTITION, which fail the same way.
std::string concurrent_statement(Msg body, std::string_view kind) {
  if (kind == "IndexStmt" && flag(body, "concurrent")) return "CREATE INDEX CONCURRENTLY";
  if (kind == "DropStmt" && text(body, "remove_type") == "OBJECT_INDEX" && flag(body, "concurrent"))
    return "DROP INDEX CONCURRENTLY";
  if (kind == "ReindexStmt")
    for (const auto param : list(body, "params"))
      if (const auto def = as(param, "DefElem"); def && text(def, "defname") == "concurrently")
        return "REINDEX CONCURRENTLY";
  if (kind == "AlterTableStmt") {
    std::string found;
    for_each_command(body, [&](Msg command) {
      if (text(command, "subtype") != "AT_DetachPartition") return;
      const auto def = get(command, "def");
      const auto partition = as(def, "PartitionCmd");
      if (partition && flag(partition, "concurrent")) found = "DETACH PARTITION CONCURRENTLY";
    });
    return found;
  }
  return {};
}

}  // namespace

void ban_concurrent_index_creation_in_transaction(Msg body, std::string_view kind, Checker& c) {
  if (!c.in_transaction()) return;
  const auto statement = concurrent_statement(body, kind);
  if (statement.empty()) return;
  if (c.explicit_transaction() || !c.section().per_migration) {
    c.report(c.statement_begin(), fmt::format("{} cannot run inside the transaction opened by BEGIN", statement),
             "move the statement after COMMIT");
    return;
  }
  c.report(c.statement_begin(),
           fmt::format("{} cannot run inside a transaction, and this migration runs in one (transaction: "
                       "per-migration)",
                       statement),
           transaction_none_hint(c.section()));
}

void ban_uncommitted_transaction(Msg body, std::string_view kind, Checker& c) {
  if (!is_transaction(body, kind, {"TRANS_STMT_BEGIN", "TRANS_STMT_START"})) return;
  const auto& statements = c.statements();
  for (std::size_t i = c.index() + 1; i < statements.size(); ++i) {
    const auto& node = statements[i].node;
    const auto next = as(node, "TransactionStmt");
    if (next && (text(next, "kind") == "TRANS_STMT_COMMIT" || text(next, "kind") == "TRANS_STMT_ROLLBACK")) return;
  }
  c.report(c.statement_begin(), "this BEGIN is never committed or rolled back in the section",
           "end the transaction with COMMIT");
}

void transaction_nesting(Msg body, std::string_view kind, Checker& c) {
  if (is_transaction(body, kind, {"TRANS_STMT_BEGIN", "TRANS_STMT_START"})) {
    if (c.explicit_transaction())
      c.report(c.statement_begin(), "BEGIN inside a transaction that is already open does not nest",
               "remove this BEGIN, or use SAVEPOINT");
    else if (c.section().per_migration)
      c.report(c.statement_begin(),
               "BEGIN in a migration the engine already runs in a transaction (transaction: per-migration)",
               "remove BEGIN and COMMIT; the engine commits the migration and its version row together");
  } else if (is_transaction(body, kind, {"TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"})) {
    if (c.section().per_migration)
      c.report(c.statement_begin(),
               "COMMIT or ROLLBACK ends the transaction the engine opened for this migration (transaction: "
               "per-migration), so the migration and its version row are no longer applied together",
               "remove it; the engine commits the migration");
  }
}

}  // namespace strata::lint::pg
