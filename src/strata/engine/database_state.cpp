#include "strata/engine/database_state.hpp"

#include "strata/core/error.hpp"
#include "strata/engine/section_runner.hpp"
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
  if (index) {
    const auto& file = repository.file(*index);
    dirty.path = file.revision.path;
    dirty.line = statement_line(engine, file.up, dirty.statement - 1);
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
    if (!index) {
      state.unknown.push_back(row.revision);
      continue;
    }
    state.applied.push_back(*index);
    const auto& file = repository.file(*index);
    if (file.checksum != row.checksum) state.mismatches.push_back({row.revision, file.revision.path});
  }
  state.heads = graph.maximal(state.applied);
  state.rows = std::move(rows);
  return state;
}

std::string purge_unknown_command(const DatabaseState& state, const graph::RevisionGraph& graph,
                                  const SelectedDatabase& database) {
  const auto heads = graph.ids(state.heads);
  return "strata stamp --purge " + (heads.empty() ? std::string("base") : util::join(heads, " ")) +
         selection_flags(database);
}

std::string unknown_applied_message(const std::vector<std::string>& unknown, const std::string& database,
                                    const std::string& purge_command) {
  return database + ": the database is ahead of the code: " +
         (unknown.size() == 1 ? "applied revision " : "applied revisions ") + util::join(unknown, ", ") +
         (unknown.size() == 1 ? " is" : " are") +
         " not in the repository; nothing was changed\nhint: run this with the code that has " +
         (unknown.size() == 1 ? "that migration" : "those migrations") +
         "; if the rows are wrong (the schema lacks those changes), remove them, running nothing: " + purge_command;
}

std::string checksum_mismatch_message(const std::vector<ChecksumMismatch>& mismatches, const std::string& database) {
  std::string message = database + ": " +
                        (mismatches.size() == 1 ? "an applied migration was" : "applied migrations were") +
                        " changed after being applied; nothing was changed";
  for (const auto& mismatch : mismatches)
    message += "\n  " + mismatch.path + ": revision " + mismatch.revision + " (checksum differs)";
  message += "\nhint: restore the file, or accept the change with --allow-checksum-mismatch or `strata stamp " +
             mismatches.front().revision + "`";
  return message;
}

std::string dirty_message(const DirtyState& dirty, const std::string& database) {
  std::string where = dirty.path.empty() ? std::string("an unknown file") : dirty.path;
  if (dirty.line > 0) where += ":" + std::to_string(dirty.line);
  std::string message = database + " is dirty: revision " + dirty.revision + " (a `transaction: none` migration) " +
                        (dirty.failed ? "failed at statement " : "was interrupted before statement ") +
                        std::to_string(dirty.statement) + " (" + where + ")";
  if (!dirty.error.empty()) message += ": " + dirty.error;
  message += "\nhint: fix the cause, then run `strata resolve " + dirty.revision + " --resume` (continue from statement " +
             std::to_string(dirty.statement) + "), `--applied` (it was completed by hand) or `--rolled-back` (it was " +
             "undone by hand)";
  return message;
}

void require_runnable(const DatabaseState& state, const graph::RevisionGraph& graph, const SelectedDatabase& selected,
                      bool allow_checksum_mismatch) {
  const auto database = selected.url.redacted();
  if (state.dirty) throw DatabaseError(dirty_message(*state.dirty, database), {}, "dirty");
  if (!state.unknown.empty())
    throw MismatchError(
        unknown_applied_message(state.unknown, database, purge_unknown_command(state, graph, selected)),
        "unknown_applied");
  if (!state.mismatches.empty() && !allow_checksum_mismatch)
    throw MismatchError(checksum_mismatch_message(state.mismatches, database), "checksum_mismatch");
}

}  // namespace strata::engine
