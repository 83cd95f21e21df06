#include "strata/engine/adopt_alembic.hpp"

#include "strata/core/error.hpp"
#include "strata/db/lock.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/open_database.hpp"

namespace strata::engine {

AdoptReport adopt_alembic(const repo::Repository& repository, const SelectedDatabase& database,
                          const RunSettings& settings) {
  const auto& graph = repository.graph();
  OpenDatabase open(database, settings, true);
  auto& store = open.store();
  AdoptReport report;
  report.database = database.url.redacted();
  auto lock = open.acquire_lock(settings);
  report.alembic_heads = store.alembic_heads();
  if (report.alembic_heads.empty())
    throw DatabaseError(report.database + (store.alembic_exists() ? ": alembic_version is empty" : ": there is no alembic_version table") +
                            ", so there is nothing to adopt\nhint: for a database that Alembic never touched, run `strata upgrade`, or "
                            "`strata stamp REV` to record what it already has",
                        {}, "no_alembic_version");
  const auto rows = store.applied();
  if (!rows.empty())
    throw UsageError(report.database + ": strata's version store " + store.sql().table_display() + " already has " +
                         std::to_string(rows.size()) + (rows.size() == 1 ? " row" : " rows") +
                         "; adopt-alembic only initialises an empty store (use `strata stamp` to change it)",
                     "store_not_empty");
  std::vector<graph::RevIndex> heads;
  std::vector<std::string> unknown;
  for (const auto& id : report.alembic_heads) {
    if (const auto index = graph.find(id)) heads.push_back(*index);
    else unknown.push_back(id);
  }
  if (!unknown.empty()) throw MismatchError(unknown_applied_message(unknown, std::nullopt, database), "unknown_applied");

  auto transaction = open.connection().begin(db::TransactionMode::write);
  lock.in_transaction();
  store.ensure();
  for (const auto index : graph.ancestors(heads)) {
    const auto& file = repository.file(index);
    store.record_applied(file.revision.id, file.checksum, 0);
    ++report.recorded;
  }
  std::string detail = "adopted from alembic_version:";
  for (const auto& head : report.alembic_heads) detail += " " + head;
  store.log(db::LogAction::stamp, "", detail);
  transaction.commit();
  return report;
}

}  // namespace strata::engine
