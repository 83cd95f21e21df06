#pragma once
// A database's state as the repository sees it: the version store's rows mapped onto the graph, with what does not
// fit — applied revisions the repository lacks, changed files (checksums), a dirty `transaction: none` migration.
#include <optional>
#include <string>
#include <vector>

#include "strata/db/version_store.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/revision.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct ChecksumMismatch {
  std::string revision;
  std::string path;
  std::string recorded;  // the checksum in the version store
  std::string current;   // the file's checksum now
};

struct DirtyState {
  std::string revision;
  std::string path;
  graph::Direction direction = graph::Direction::up;  // the section that was running
  int statement = 0;                                  // 1-based index of the failed (or next) statement of that section
  int line = 0;                                       // its line in `path` (0 when the file is unknown)
  int statements_done = 0;
  bool failed = false;  // false: interrupted (the process died) rather than failed
  std::string error;    // the failure's message; empty when interrupted
};

struct DatabaseState {
  bool store_exists = false;
  std::vector<db::AppliedRevision> rows;     // as stored
  std::vector<graph::RevIndex> applied;      // complete rows whose revision the repository has
  std::vector<std::string> unknown;          // complete rows whose revision the repository lacks
  std::vector<std::string> replaced_absent;  // complete rows of revisions a squash replaces, their files deleted
  std::vector<ChecksumMismatch> mismatches;
  std::optional<DirtyState> dirty;
  std::vector<graph::RevIndex> heads;  // maximal(effective_applied): a squash counts once all it replaces is in
};

// Reads the rows (nothing when the store does not exist yet: read-only) and maps them.
DatabaseState read_state(db::VersionStore& store, const repo::Repository& repository);
// Maps rows already read; `engine` splits a dirty migration's statements to find the line of the failed one.
DatabaseState map_state(std::vector<db::AppliedRevision> rows, bool store_exists, const repo::Repository& repository,
                        db::Engine engine);

// The revision ids a database has recorded, read-only (nothing when its version store does not exist yet; a
// missing SQLite file is a DatabaseError "database_missing"). For `rebase`, which must not move applied revisions.
std::vector<std::string> read_recorded(const SelectedDatabase& database, const RunSettings& settings);

// What `upgrade`/`downgrade` check before doing anything. Throws MismatchError (exit 3) for unknown applied revisions
// (code "unknown_applied") and checksum mismatches unless `allow_checksum_mismatch` (code "checksum_mismatch");
// DatabaseError (exit 4, code "dirty") for a dirty revision.
void require_runnable(const DatabaseState& state, const repo::Repository& repository, const SelectedDatabase& database,
                      bool allow_checksum_mismatch);

// The upgrade or downgrade plan of a database in `state` (squash rules included). A squash the database applied
// only partly, whose missing originals were deleted, is a MismatchError (exit 3, code "squash_partly_applied")
// naming the database.
graph::Plan plan_for_state(const graph::RevisionGraph& graph, const DatabaseState& state, graph::Direction direction,
                           const std::string& target, const std::string& database);

// The dirty part of require_runnable alone, for commands that only write the version store (stamp, rehash).
void require_not_dirty(const DatabaseState& state, const SelectedDatabase& database);
// What a `dirty` error says as data: the revision, its direction, file and line, and the database.
ErrorFields dirty_fields(const DirtyState& dirty, const SelectedDatabase& database);

// The messages of the errors above, for `status` and the library. Each hint is a command that can be pasted as it
// is: it names the database again (selection_options) and never moves the applied set by accident.
// `known_heads`: the heads of the applied revisions the repository has, for the hint that forgets the unknown rows
// (`stamp --purge` keeps exactly those); nullopt leaves that hint out.
std::string unknown_applied_message(const std::vector<std::string>& unknown,
                                    const std::optional<std::vector<std::string>>& known_heads,
                                    const SelectedDatabase& database);
std::string checksum_mismatch_message(const std::vector<ChecksumMismatch>& mismatches,
                                      const SelectedDatabase& database);
std::string dirty_message(const DirtyState& dirty, const SelectedDatabase& database);
// The commands that clear a dirty revision, the text of a hint after "hint: " (shared by dirty_message and a failed
// run). `statement`: the 1-based statement --resume starts at.
std::string resolve_hint(const std::string& revision, graph::Direction direction, int statement,
                         const std::string& selection);

}  // namespace strata::engine
