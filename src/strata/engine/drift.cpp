// `drift`: the live schema against the schema the database's recorded revisions produce.
#include "strata/core/error.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/open_database.hpp"
#include "strata/engine/session.hpp"
#include "strata/engine/schema_checks.hpp"

namespace strata::engine {

namespace {

schema::ReadOptions live_read_options(const RunSettings& settings, const ScratchSettings& scratch) {
  schema::ReadOptions options;
  options.schemas = scratch.schemas;
  options.version_store = settings.store;
  return options;
}

std::optional<bool> unchanged_since_upgrade(db::VersionStore& store, const schema::Snapshot& live) {
  const auto hashes = store.schema_hashes();
  if (hashes.empty()) return std::nullopt;
  // The recorded hashes use the default comparison, whatever this run compares. An upgrade by an earlier strata
  // recorded the hash in its earlier form.
  const auto& recorded = hashes.back().second;
  return recorded == schema::snapshot_hash(live) || recorded == schema::legacy_snapshot_hash(live);
}

}  // namespace

schema::Snapshot read_live_snapshot(const SelectedDatabase& database, const RunSettings& settings,
                                    const ScratchSettings& scratch) {
  OpenDatabase open(database, settings, false);
  return schema::read_snapshot(open.connection(), live_read_options(settings, scratch));
}

DriftReport check_drift(const repo::Repository& repository, const SelectedDatabase& database,
                        const RunSettings& settings, const ScratchSettings& scratch,
                        const schema::CompareOptions& compare) {
  DriftReport report;
  report.name = database.name;
  report.url = database.url.redacted();
  // Unknown applied revisions are named before a dirty one.
  Session session(repository, database, settings, {MissingPolicy::refuse, LockPolicy::none, DirtyPolicy::allow});
  const auto& state = session.state();
  if (!state.unknown.empty())
    throw MismatchError(ErrorCode::unknown_applied,
                        unknown_applied_message(state.unknown, repository.graph().ids(state.heads), database));
  require_not_dirty(state, database);
  report.heads = repository.graph().ids(state.heads);
  const auto live = schema::read_snapshot(session.connection(), live_read_options(settings, scratch));
  report.unchanged_since_upgrade = unchanged_since_upgrade(session.store(), live);

  Replayer replayer(repository, database.url, scratch);
  replayer.move_to(state.applied);
  const auto expected = replayer.snapshot();
  replayer.finish();
  report.differences = schema::diff(expected, live, compare);
  return report;
}

DriftReport check_changed_since_upgrade(const repo::Repository& repository, const SelectedDatabase& database,
                                        const RunSettings& settings, const ScratchSettings& scratch) {
  DriftReport report;
  report.name = database.name;
  report.url = database.url.redacted();
  Session session(repository, database, settings, {MissingPolicy::refuse, LockPolicy::none, DirtyPolicy::allow});
  report.heads = repository.graph().ids(session.state().heads);
  const auto live = schema::read_snapshot(session.connection(), live_read_options(settings, scratch));
  report.unchanged_since_upgrade = unchanged_since_upgrade(session.store(), live);
  return report;
}

}  // namespace strata::engine
