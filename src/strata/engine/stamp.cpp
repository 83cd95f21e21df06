#include "strata/engine/stamp.hpp"

#include <algorithm>

#include "strata/core/error.hpp"
#include "strata/db/backup.hpp"
#include "strata/db/lock.hpp"
#include "strata/engine/alembic_state.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/open_database.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine {

StampReport stamp(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                  const std::vector<std::string>& revisions, bool purge) {
  const auto& graph = repository.graph();
  OpenDatabase open(database, settings, true);
  auto& store = open.store();
  StampReport report;
  report.database = database.url.redacted();
  auto lock = open.acquire_lock(settings);
  const auto state = read_state(store, repository);
  if (state.dirty) throw DatabaseError(dirty_message(*state.dirty, report.database), {}, "dirty");
  const auto after = graph::plan_stamp(graph, state.applied, revisions, purge);
  if (settings.store.alembic_version && !settings.overwrite_alembic_version) {
    std::string command = "strata stamp";
    for (const auto& revision : revisions) command += " " + db::shell_quote_if_needed(revision);
    command += std::string(purge ? " --purge" : "") + " --alembic-version --overwrite-alembic-version" +
               selection_flags(database);
    require_known_alembic_rows(store, graph, report.database, command);
  }

  std::vector<char> before_flags(graph.size(), 0), after_flags(graph.size(), 0);
  for (const auto index : state.applied) before_flags[index] = 1;
  for (const auto index : after) after_flags[index] = 1;
  std::vector<std::string> mismatched;
  for (const auto& mismatch : state.mismatches) mismatched.push_back(mismatch.revision);

  auto transaction = open.connection().begin(db::TransactionMode::write);
  lock.in_transaction();
  store.ensure();
  if (purge) {
    for (const auto& unknown : state.unknown) {
      store.remove(unknown);
      report.removed.push_back(unknown);
    }
  }
  for (const auto index : state.applied) {
    if (after_flags[index]) continue;
    store.remove(graph.id(index));
    report.removed.push_back(graph.id(index));
  }
  for (const auto index : after) {
    const auto& file = repository.file(index);
    if (!before_flags[index]) {
      store.record_applied(file.revision.id, file.checksum, 0);
      report.added.push_back(file.revision.id);
    } else if (std::find(mismatched.begin(), mismatched.end(), file.revision.id) != mismatched.end()) {
      store.remove(file.revision.id);
      store.record_applied(file.revision.id, file.checksum, 0);
      report.rechecked.push_back(file.revision.id);
    }
  }
  std::string detail = "stamp";
  for (const auto& revision : revisions) detail += " " + revision;
  if (purge) detail += " --purge";
  for (const auto& id : report.added) store.log(db::LogAction::stamp, id, detail + ": recorded as applied");
  for (const auto& id : report.removed) store.log(db::LogAction::stamp, id, detail + ": removed");
  for (const auto& id : report.rechecked) store.log(db::LogAction::stamp, id, detail + ": checksum re-recorded");
  report.heads_before = graph.ids(state.heads);
  report.unknown_before = state.unknown;
  if (!purge) report.unknown_after = state.unknown;
  report.heads_after = graph.ids(graph.maximal(after));
  if (settings.store.alembic_version) store.set_alembic_heads(report.heads_after);
  transaction.commit();
  return report;
}

}  // namespace strata::engine
