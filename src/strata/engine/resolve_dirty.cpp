#include "strata/engine/resolve_dirty.hpp"

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
    throw UsageError(ErrorCode::not_dirty, report.database + " has no dirty revision: nothing to resolve");
  const auto& dirty = *state.dirty;
  if (revision.empty() || dirty.revision.rfind(revision, 0) != 0)
    throw UsageError(ErrorCode::not_dirty, "revision '" + revision + "' is not dirty on " + report.database +
                                               "; the dirty revision is " + dirty.revision);
  report.revision = dirty.revision;
  report.from_statement = dirty.statement;
  const auto index = repository.graph().find(dirty.revision);
  const bool downgrading = dirty.direction == graph::Direction::down;
  const std::string selection = selection_options(database);
  if (resolution == Resolution::resume) {
    if (!index)
      throw UsageError(ErrorCode::not_resumable, "cannot resume " + dirty.revision +
                                                     ": its file is not in the repository; use --applied or "
                                                     "--rolled-back");
    if (downgrading)
      throw UsageError(ErrorCode::not_resumable,
                       "cannot resume " + dirty.revision +
                           ": it failed while being downgraded; nothing was changed\n"
                           "hint: " +
                           resolve_hint(dirty.revision, dirty.direction, dirty.statement, selection));
    const auto& file = repository.file(*index);
    report.statements =
        static_cast<int>(split_section(session.connection().engine(), file.up, file.revision.path).size());
    // A failed statement must exist; an interrupted run may have done them all (it died before marking it done).
    const int last = dirty.failed ? report.statements : report.statements + 1;
    if (dirty.statement < 1 || dirty.statement > last)
      throw DatabaseError(ErrorCode::bad_progress,
                          report.database + ": cannot resume " + dirty.revision + ": the version table says it " +
                              (dirty.failed ? "failed at statement " : "was interrupted before statement ") +
                              std::to_string(dirty.statement) + ", but its up section (" + file.revision.path +
                              ") has " + std::to_string(report.statements) +
                              (report.statements == 1 ? " statement" : " statements") +
                              "; nothing was changed\nhint: if the file was edited since, restore it; otherwise " +
                              "check what ran, then `strata resolve " + dirty.revision + " --applied" + selection +
                              "` or `strata resolve " + dirty.revision + " --rolled-back" + selection + "`");
    {
      // A store made by an earlier strata gets its current columns before anything is written to it.
      auto transaction = session.begin_write();
      transaction.commit();
    }
    PlanRunner runner(session.connection(), store, session.lock(), repository, settings, progress, state.applied,
                      selection, state.replaced_absent);
    runner.resume(*index, dirty.statement - 1);
    store.log(db::LogAction::resolve, dirty.revision, "resumed from statement " + std::to_string(dirty.statement));
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
