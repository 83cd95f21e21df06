#include "strata/engine/stamp.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/backup.hpp"
#include "strata/engine/alembic_state.hpp"
#include "strata/engine/branch_scope.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/session.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine {

StampReport stamp(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                  const std::vector<std::string>& revisions, bool purge) {
  const auto& graph = repository.graph();
  // A target that names no revision is refused before the database is opened (and, for SQLite, created), so the
  // mistake leaves nothing behind. Targets relative to the database's state are checked once it is read.
  try {
    (void)graph::plan_stamp(graph, {}, revisions, purge);
  } catch (const GraphError& error) {
    if (error.code() == ErrorCode::unknown_revision || error.code() == ErrorCode::ambiguous_revision) throw;
  }
  Session session(repository, database, settings, {MissingPolicy::create, LockPolicy::wait, DirtyPolicy::refuse});
  auto& store = session.store();
  const auto& state = session.state();
  StampReport report;
  report.database = database.url.redacted();
  const BranchScope scope(graph, database.branch, database.name);
  std::vector<std::string> targets;
  targets.reserve(revisions.size());
  for (const auto& revision : revisions) targets.push_back(scope.scoped_target(revision));
  const auto after = graph::plan_stamp(graph, state.applied, targets, purge);
  std::string detail = "stamp";
  for (const auto& revision : revisions) detail += fmt::format(" {}", revision);
  if (purge) detail += " --purge";
  if (settings.store.alembic_version && !settings.overwrite_alembic_version) {
    std::string command = "strata stamp";
    for (const auto& revision : revisions) command += fmt::format(" {}", db::shell_quote_if_needed(revision));
    command += fmt::format("{} --alembic-version --overwrite-alembic-version{}", purge ? " --purge" : "",
                           selection_options(database));
    require_known_alembic_rows(store, graph, report.database, command);
  }

  std::vector<char> before_flags(graph.size(), 0), after_flags(graph.size(), 0);
  for (const auto index : state.applied) before_flags[index] = 1;
  for (const auto index : after) after_flags[index] = 1;
  std::vector<graph::RevIndex> recorded;
  for (const auto index : after)
    if (!before_flags[index]) recorded.push_back(index);
  scope.check_stamp(recorded, fmt::format("strata {}", detail));

  auto transaction = session.begin_write();
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
  for (const auto index : recorded) {
    const auto& file = repository.file(index);
    store.record_applied(file.revision.id, file.checksum, 0);
    report.added.push_back(file.revision.id);
  }
  for (const auto& id : report.added)
    store.log(db::LogAction::stamp, id, fmt::format("{}: recorded as applied", detail));
  for (const auto& id : report.removed) store.log(db::LogAction::stamp, id, fmt::format("{}: removed", detail));
  report.heads_before = graph.ids(state.heads);
  report.unknown_before = state.unknown;
  if (!purge) report.unknown_after = state.unknown;
  report.heads_after = graph.ids(graph.maximal(after));
  if (settings.store.alembic_version) store.set_alembic_heads(report.heads_after);
  transaction.commit();
  return report;
}

}  // namespace strata::engine
