#include "strata/engine/database_state.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/engine/open_database.hpp"
#include "strata/engine/section_runner.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/excerpt.hpp"
#include "strata/util/strings.hpp"

namespace strata::engine {

namespace {

DirtyState dirty_state(const db::AppliedRevision& row, const repo::Repository& repository,
                       std::optional<graph::RevIndex> index, db::Engine engine) {
  DirtyState dirty;
  dirty.revision = row.revision;
  dirty.statements_done = row.statements_done;
  dirty.failed = row.dirty_statement.has_value();
  dirty.statement = (row.dirty_statement ? *row.dirty_statement : row.statements_done) + 1;
  dirty.error = row.dirty_error.value_or("");
  dirty.direction = row.dirty_direction == db::DirtyDirection::down ? graph::Direction::down : graph::Direction::up;
  if (index) {
    const auto& file = repository.file(*index);
    dirty.path = file.revision.path;
    const auto* section = dirty.direction == graph::Direction::up ? &file.up : (file.down ? &*file.down : nullptr);
    if (section != nullptr) dirty.line = statement_line(engine, *section, dirty.statement - 1);
  }
  return dirty;
}

}  // namespace

DatabaseState read_state(db::VersionStore& store, const repo::Repository& repository) {
  const bool exists = store.exists();
  auto rows = exists ? store.applied() : std::vector<db::AppliedRevision>{};
  return map_state(std::move(rows), exists, repository, store.sql().engine());
}

DatabaseState map_state(std::vector<db::AppliedRevision> rows, bool store_exists, const repo::Repository& repository,
                        db::Engine engine) {
  const auto& graph = repository.graph();
  DatabaseState state;
  state.store_exists = store_exists;
  for (const auto& row : rows) {
    const auto index = graph.find(row.revision);
    if (row.dirty) {
      state.dirty = dirty_state(row, repository, index, engine);
      continue;
    }
    if (!index && graph.squash_replacing(row.revision)) {
      state.replaced_absent.push_back(row.revision);
      continue;
    }
    if (!index) {
      state.unknown.push_back(row.revision);
      continue;
    }
    state.applied.push_back(*index);
    const auto& file = repository.file(*index);
    if (file.checksum != row.checksum)
      state.mismatches.push_back({row.revision, file.revision.path, row.checksum, file.checksum});
  }
  state.heads = graph.maximal(graph::effective_applied(graph, state.applied, state.replaced_absent));
  state.rows = std::move(rows);
  return state;
}

std::string unknown_applied_message(const std::vector<std::string>& unknown,
                                    const std::optional<std::vector<std::string>>& known_heads,
                                    const SelectedDatabase& database) {
  const bool one = unknown.size() == 1;
  // Rows of a hand-edited table may hold anything: each id is quoted short.
  std::vector<std::string> shown;
  shown.reserve(unknown.size());
  for (const auto& id : unknown) shown.push_back(util::excerpt(id));
  std::string message = fmt::format(
      "{}: the database is ahead of the code: applied {} {} {} not in the repository; nothing was changed\nhint: run "
      "this with the code that has {}",
      database.url.redacted(), one ? "revision" : "revisions", util::join(shown, ", "), one ? "is" : "are",
      one ? "that migration" : "those migrations");
  if (known_heads) {
    message += fmt::format("; if {} undone by hand, forget {} with `strata stamp --purge {}{}`",
                           one ? "it was" : "they were", one ? "its row" : "their rows",
                           known_heads->empty() ? std::string("base") : util::join(*known_heads, " "),
                           selection_options(database));
  }
  return message;
}

std::string checksum_mismatch_message(const std::vector<ChecksumMismatch>& mismatches,
                                      const SelectedDatabase& database) {
  std::string message = fmt::format("{}: {} changed after being applied; nothing was changed", database.url.redacted(),
                                    mismatches.size() == 1 ? "an applied migration was" : "applied migrations were");
  std::vector<std::string> revisions;
  for (const auto& mismatch : mismatches) {
    message += fmt::format("\n  {}: revision {} (checksum differs)", mismatch.path, mismatch.revision);
    revisions.push_back(mismatch.revision);
  }
  message += fmt::format(
      "\nhint: restore the file; or, if the database already matches the edited file, record its "
      "checksum with `strata rehash {}{}`",
      util::join(revisions, " "), selection_options(database));
  return message;
}

std::string resolve_hint(const std::string& revision, graph::Direction direction, int statement,
                         const std::string& selection) {
  if (direction == graph::Direction::down)
    return fmt::format(
        "finish the downgrade by hand, then `strata resolve {0} --rolled-back{1}`; or undo what it "
        "did, then `strata resolve {0} --applied{1}`",
        revision, selection);
  return fmt::format(
      "fix the cause, then continue from statement {2} with `strata resolve {0} --resume{1}`; if it "
      "was completed by hand: `strata resolve {0} --applied{1}`; if it was undone by hand: `strata "
      "resolve {0} --rolled-back{1}`",
      revision, selection, statement);
}

std::string dirty_message(const DirtyState& dirty, const SelectedDatabase& database) {
  std::string where = dirty.path.empty() ? std::string("an unknown file") : dirty.path;
  if (dirty.line > 0) where += fmt::format(":{}", dirty.line);
  const bool up = dirty.direction == graph::Direction::up;
  std::string message =
      fmt::format("{} is dirty: revision {} (a `transaction: none` migration) {}{} {} ({})", database.url.redacted(),
                  dirty.revision, up ? "" : "being downgraded ",
                  dirty.failed ? "failed at statement" : "was interrupted before statement", dirty.statement, where);
  if (!dirty.error.empty()) message += fmt::format(": {}", dirty.error);
  return fmt::format("{}\nhint: {}", message,
                     resolve_hint(dirty.revision, dirty.direction, dirty.statement, selection_options(database)));
}

std::vector<std::string> read_recorded(const SelectedDatabase& database, const RunSettings& settings) {
  OpenDatabase open(database, settings, false);
  std::vector<std::string> ids;
  if (!open.store().exists()) return ids;
  for (const auto& row : open.store().applied()) ids.push_back(row.revision);
  return ids;
}

graph::Plan plan_for_state(const graph::RevisionGraph& graph, const DatabaseState& state, graph::Direction direction,
                           const std::string& target, const std::string& database) {
  try {
    return direction == graph::Direction::up
               ? graph::plan_upgrade(graph, state.applied, target, state.replaced_absent)
               : graph::plan_downgrade(graph, state.applied, target, state.replaced_absent);
  } catch (const GraphError& error) {
    if (error.code() != ErrorCode::squash_partly_applied) throw;
    throw MismatchError(error.code(), fmt::format("{}: {}", database, error.what()));
  }
}

ErrorFields dirty_fields(const DirtyState& dirty, const SelectedDatabase& database) {
  ErrorFields fields;
  fields.revision = dirty.revision;
  fields.direction = dirty.direction;
  fields.path = dirty.path;
  fields.line = dirty.line;
  fields.database = database.url.redacted();
  return fields;
}

void require_not_dirty(const DatabaseState& state, const SelectedDatabase& database) {
  if (state.dirty)
    throw DatabaseError(ErrorCode::dirty, dirty_message(*state.dirty, database), dirty_fields(*state.dirty, database));
}

void require_runnable(const DatabaseState& state, const repo::Repository& repository, const SelectedDatabase& database,
                      bool allow_checksum_mismatch) {
  require_not_dirty(state, database);
  if (!state.unknown.empty())
    throw MismatchError(ErrorCode::unknown_applied,
                        unknown_applied_message(state.unknown, repository.graph().ids(state.heads), database));
  if (!state.mismatches.empty() && !allow_checksum_mismatch)
    throw MismatchError(ErrorCode::checksum_mismatch, checksum_mismatch_message(state.mismatches, database));
}

}  // namespace strata::engine
