#include "strata/engine/status.hpp"

#include "strata/core/error.hpp"
#include "strata/engine/branch_scope.hpp"
#include "strata/engine/open_database.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine {

ExitCode DatabaseStatus::exit_code() const noexcept {
  if (error) return error->exit_code;
  if (dirty) return ExitCode::database;
  if (!unknown_applied.empty() || !checksum_mismatches.empty() || !outside_branch.empty())
    return ExitCode::repository;
  if (!pending.empty()) return ExitCode::problems;
  return ExitCode::ok;
}

DatabaseStatus read_status(const repo::Repository& repository, const SelectedDatabase& database,
                           const RunSettings& settings) {
  const auto& graph = repository.graph();
  const BranchScope scope(graph, database.branch, database.name);
  DatabaseStatus status;
  status.name = database.name;
  status.url = database.url.redacted();
  status.branch = database.branch;
  status.expected_heads = graph.ids(scope.expected_heads());
  try {
    OpenDatabase open(database, settings, false);
    const auto state = read_state(open.store(), repository);
    status.applied_count = state.applied.size() + state.unknown.size();
    status.current_heads = graph.ids(state.heads);
    status.current_heads.insert(status.current_heads.end(), state.unknown.begin(), state.unknown.end());
    status.unknown_applied = state.unknown;
    status.checksum_mismatches = state.mismatches;
    status.outside_branch = graph.ids(scope.outside(state.applied));
    status.dirty = state.dirty;
    status.lock_holder = db::lock_holder(open.connection(), settings.store);
    const auto plan = graph::plan_upgrade(graph, state.applied, scope.scoped_target("heads"));
    for (const auto& step : plan.steps) status.pending.push_back(graph.id(step.revision));
  } catch (const Error& error) {
    status.error = StatusError{error.code(), error.what(), error.exit_code()};
  }
  return status;
}

}  // namespace strata::engine
