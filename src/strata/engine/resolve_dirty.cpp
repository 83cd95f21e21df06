#include "strata/engine/resolve_dirty.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/session.hpp"
#include "strata/engine/plan_runner.hpp"
#include "strata/engine/section_runner.hpp"

namespace strata::engine {

namespace {

std::string_view resolution_name(Resolution resolution) {
  switch (resolution) {
    case Resolution::resume: return "resumed";
    case Resolution::applied: return "marked applied";
    case Resolution::rolled_back: return "marked rolled back";
  }
  return "";
}

}  // namespace

ResolveReport resolve_dirty(const repo::Repository& repository, const SelectedDatabase& database,
                            const RunSettings& settings, const std::string& revision, Resolution resolution,
                            ProgressSink& progress) {
  Session session(repository, database, settings, {MissingPolicy::refuse, LockPolicy::wait, DirtyPolicy::allow});
  auto& store = session.store();
  const auto& state = session.state();
  ResolveReport report;
  report.database = database.url.redacted();
  report.resolution = resolution;
  if (!state.dirty)
    throw UsageError(ErrorCode::not_dirty,
                     fmt::format("{} has no dirty revision: nothing to resolve", report.database));
  const auto& dirty = *state.dirty;
  if (revision.empty() || dirty.revision.rfind(revision, 0) != 0)
    throw UsageError(ErrorCode::not_dirty, fmt::format("revision '{}' is not dirty on {}; the dirty revision is {}",
                                                       revision, report.database, dirty.revision));
  report.revision = dirty.revision;
  report.from_statement = dirty.statement;
  const auto index = repository.graph().find(dirty.revision);
  const bool downgrading = dirty.direction == graph::Direction::down;
  const std::string selection = selection_options(database);
  if (resolution == Resolution::resume) {
    if (!index)
      throw UsageError(
          ErrorCode::not_resumable,
          fmt::format("cannot resume {}: its file is not in the repository; use --applied or --rolled-back",
                      dirty.revision));
    if (downgrading)
      throw UsageError(
          ErrorCode::not_resumable,
          fmt::format("cannot resume {}: it failed while being downgraded; nothing was changed\nhint: {}",
                      dirty.revision, resolve_hint(dirty.revision, dirty.direction, dirty.statement, selection)));
    const auto& file = repository.file(*index);
    report.statements =
        static_cast<int>(split_section(session.connection().engine(), file.up, file.revision.path).size());
    // A failed statement must exist; an interrupted run may have done them all (it died before marking it done).
    const int last = dirty.failed ? report.statements : report.statements + 1;
    if (dirty.statement < 1 || dirty.statement > last)
      throw DatabaseError(
          ErrorCode::bad_progress,
          fmt::format("{}: cannot resume {}: the version table says it {} {}, but its up section "
                      "({}) has {} {}; nothing was changed\nhint: if the file was edited since, "
                      "restore it; otherwise check what ran, then `strata resolve {} --applied{}` or "
                      "`strata resolve {} --rolled-back{}`",
                      report.database, dirty.revision,
                      dirty.failed ? "failed at statement" : "was interrupted before statement", dirty.statement,
                      file.revision.path, report.statements, report.statements == 1 ? "statement" : "statements",
                      dirty.revision, selection, dirty.revision, selection));
    {
      // A store made by an earlier strata gets its current columns before anything is written to it.
      auto transaction = session.begin_write();
      transaction.commit();
    }
    PlanRunner runner(session.connection(), store, session.lock(), repository, settings, progress, state.applied,
                      selection, state.replaced_absent);
    runner.resume(*index, dirty.statement - 1);
    store.log(db::LogAction::resolve, dirty.revision, fmt::format("resumed from statement {}", dirty.statement));
    return report;
  }
  auto transaction = session.begin_write();
  if (resolution == Resolution::applied) store.mark_completed(dirty.revision, 0);
  else store.remove(dirty.revision);
  store.log(db::LogAction::resolve, dirty.revision, std::string(resolution_name(resolution)));
  if (settings.store.alembic_version) {
    auto applied = state.applied;
    if (resolution == Resolution::applied && index) applied.push_back(*index);
    const auto& graph = repository.graph();
    store.set_alembic_heads(graph.ids(graph.maximal(applied)));
  }
  transaction.commit();
  return report;
}

}  // namespace strata::engine
