// `drift`: the live schema against the schema the database's recorded revisions produce.
#include "strata/core/error.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/open_database.hpp"
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
  // The recorded hashes use the default comparison, whatever this run compares.
  return hashes.back().second == schema::snapshot_hash(live);
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
  OpenDatabase open(database, settings, false);
  const auto state = read_state(open.store(), repository);
  if (!state.unknown.empty())
    throw MismatchError(ErrorCode::unknown_applied,
                        unknown_applied_message(state.unknown, repository.graph().ids(state.heads), database));
  if (state.dirty)
    throw DatabaseError(ErrorCode::dirty, dirty_message(*state.dirty, database), dirty_fields(*state.dirty, database));
  report.heads = repository.graph().ids(state.heads);
  const auto live = schema::read_snapshot(open.connection(), live_read_options(settings, scratch));
  report.unchanged_since_upgrade = unchanged_since_upgrade(open.store(), live);

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
  OpenDatabase open(database, settings, false);
  const auto state = read_state(open.store(), repository);
  report.heads = repository.graph().ids(state.heads);
  const auto live = schema::read_snapshot(open.connection(), live_read_options(settings, scratch));
  report.unchanged_since_upgrade = unchanged_since_upgrade(open.store(), live);
  return report;
}

}  // namespace strata::engine
