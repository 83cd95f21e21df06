#include "strata/engine/adopt_alembic.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/engine/alembic_state.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/session.hpp"
#include "strata/util/strings.hpp"

namespace strata::engine {

AlembicAdoptReport adopt_alembic(const repo::Repository& repository, const SelectedDatabase& database,
                                 const RunSettings& settings, bool sync) {
  const auto& graph = repository.graph();
  // A dirty revision is refused only after the checks that say there is nothing to adopt.
  Session session(repository, database, settings, {MissingPolicy::create, LockPolicy::wait, DirtyPolicy::allow});
  auto& store = session.store();
  const auto& state = session.state();
  AlembicAdoptReport report;
  report.database = database.url.redacted();
  const auto alembic = compare_alembic(store, repository, state, settings.store.alembic_version);
  if (!alembic)
    throw DatabaseError(
        ErrorCode::no_alembic_version,
        fmt::format("{}: {}, so there is nothing to adopt\nhint: for a database that Alembic never touched, run "
                    "`strata upgrade`, or `strata stamp REV` to record what it already has",
                    report.database,
                    store.alembic_exists() ? "alembic_version is empty" : "there is no alembic_version table"));
  report.alembic_heads = alembic->heads;
  if (!state.rows.empty() && !sync)
    throw UsageError(ErrorCode::store_not_empty,
                     fmt::format("{}: strata's version store {} already has {} {}; adopt-alembic only initialises "
                                 "an empty store\nhint: to record what Alembic applied since, running nothing: "
                                 "strata adopt-alembic --sync{}",
                                 report.database, store.sql().table_display(), state.rows.size(),
                                 state.rows.size() == 1 ? "row" : "rows", selection_options(database)));
  require_not_dirty(state, database);
  if (!alembic->unknown.empty())
    throw MismatchError(ErrorCode::unknown_applied,
                        fmt::format("{}: {}", report.database, alembic_message(*alembic, database)));
  if (!state.unknown.empty())
    throw MismatchError(ErrorCode::unknown_applied,
                        unknown_applied_message(state.unknown, graph.ids(state.heads), database));
  if (alembic->relation == AlembicRelation::behind)
    throw MismatchError(
        ErrorCode::sync_would_remove,
        fmt::format("{}: adopt-alembic --sync only moves strata's version store forward, and "
                    "matching alembic_version would remove {}; nothing was changed\n{}",
                    report.database, util::join(alembic->extra, ", "), alembic_message(*alembic, database)));

  if (alembic->missing.empty()) return report;  // --sync with nothing to record: the log is not touched either

  auto transaction = session.begin_write();
  for (const auto& id : alembic->missing) {
    const auto& file = repository.file(*graph.find(id));
    store.record_applied(file.revision.id, file.checksum, 0);
    report.added.push_back(id);
  }
  report.recorded = report.added.size();
  std::string detail = fmt::format("{} from alembic_version:", sync ? "synced" : "adopted");
  for (const auto& head : report.alembic_heads) detail += fmt::format(" {}", head);
  store.log(db::LogAction::stamp, "", detail);
  for (const auto& id : report.added)
    store.log(db::LogAction::stamp, id, fmt::format("{}: recorded as applied", detail));
  transaction.commit();
  return report;
}

}  // namespace strata::engine
