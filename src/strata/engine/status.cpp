#include "strata/engine/status.hpp"

#include "strata/core/error.hpp"
#include "strata/engine/alembic_state.hpp"
#include "strata/engine/branch_scope.hpp"
#include "strata/engine/session.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine {

ExitCode DatabaseStatus::exit_code() const noexcept {
  if (error) return error->exit_code;
  if (dirty) return ExitCode::database;
  const bool not_adopted = alembic && alembic->relation == AlembicRelation::not_adopted;
  if (!unknown_applied.empty() || !checksum_mismatches.empty() || !outside_branch.empty() ||
      (!alembic_in_step() && !not_adopted))
    return ExitCode::repository;
  if (!pending.empty() || not_adopted) return ExitCode::problems;
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
    Session open(repository, database, settings, {MissingPolicy::refuse, LockPolicy::none, DirtyPolicy::allow});
    const auto& state = open.state();
    status.applied_count = state.applied.size() + state.unknown.size() + state.replaced_absent.size();
    status.known_heads = graph.ids(state.heads);
    status.current_heads = status.known_heads;
    status.current_heads.insert(status.current_heads.end(), state.unknown.begin(), state.unknown.end());
    status.unknown_applied = state.unknown;
    status.checksum_mismatches = state.mismatches;
    status.outside_branch = graph.ids(scope.outside(state.applied));
    status.dirty = state.dirty;
    status.lock_holder = db::lock_holder(open.connection(), settings.store);
    status.alembic = compare_alembic(open.store(), repository, state, settings.store.alembic_version);
    if (status.alembic) status.alembic_message = alembic_message(*status.alembic, database);
    if (status.alembic && status.alembic->relation == AlembicRelation::not_adopted) {
      // What upgrade would run once Alembic's revisions are adopted.
      const auto plan = graph::plan_upgrade(graph, status.alembic->lineage, scope.scoped_target("heads"));
      for (const auto& step : plan.steps) status.pending.push_back(graph.id(step.revision));
    } else {
      const auto plan = plan_for_state(graph, state, graph::Direction::up, scope.scoped_target("heads"), status.url);
      // Recording a squash whose replaced revisions are all applied changes no schema: the database is up to date.
      for (const auto& step : plan.steps)
        if (!step.record_only) status.pending.push_back(graph.id(step.revision));
    }
  } catch (const Error& error) {
    status.error = StatusError{error.code(), error.what(), error.exit_code(), error.fields()};
  }
  return status;
}

}  // namespace strata::engine
