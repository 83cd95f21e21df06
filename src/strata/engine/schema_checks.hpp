#pragma once
// The commands that compare a database's schema with the schema its migrations produce, built on scratch
// databases (replay.hpp): `drift`, `identify`, `adopt` and `test`. Each reads the live database without changing
// it, except `adopt`, which writes the version store only.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/engine/database_selection.hpp"
#include "strata/engine/replay.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"
#include "strata/schema/diff.hpp"

namespace strata::engine {

// The live schema of a configured database, without strata's own tables.
schema::Snapshot read_live_snapshot(const SelectedDatabase& database, const RunSettings& settings,
                                    const ScratchSettings& scratch);

// --- drift -------------------------------------------------------------------------------------------------------

struct DriftReport {
  std::string name;
  std::string url;                              // redacted
  std::vector<std::string> heads;               // the recorded heads the expected schema was built for
  std::vector<schema::Difference> differences;  // expected (replayed) -> actual (live)
  // Whether the live schema is the one the last upgrade left (its hash, recorded in the version store); nullopt
  // when no hash was recorded (a store from before strata recorded them, or a database only ever stamped).
  std::optional<bool> unchanged_since_upgrade;
  bool drifted() const noexcept { return !differences.empty(); }
};

// The cheap half of drift: only whether the live schema's hash is the one recorded by the last upgrade. Builds
// nothing; `differences` stays empty.
DriftReport check_changed_since_upgrade(const repo::Repository& repository, const SelectedDatabase& database,
                                        const RunSettings& settings, const ScratchSettings& scratch);

// The live schema against the schema its recorded revisions produce. Refuses (MismatchError) recorded revisions
// the repository lacks, and a dirty database.
DriftReport check_drift(const repo::Repository& repository, const SelectedDatabase& database,
                        const RunSettings& settings, const ScratchSettings& scratch,
                        const schema::CompareOptions& compare = {});

// --- identify ----------------------------------------------------------------------------------------------------

// One state of the replay: the applied set (given by its heads) and the schema's hash there.
struct ReplayState {
  std::vector<std::string> heads;
  std::string hash;
};

struct IdentifyReport {
  std::string name;
  std::string url;
  std::vector<ReplayState> matches;  // states whose schema equals the live one
  // No match: the state with the fewest differences, and those differences (expected: that state; actual: live).
  std::optional<ReplayState> closest;
  std::vector<schema::Difference> differences;
  bool replayed = false;  // false: every hash came from the cache
  bool matched() const noexcept { return !matches.empty(); }
};

struct IdentifyOptions {
  // Where replay results are kept, keyed by the migration files' contents; empty: no cache.
  std::filesystem::path cache_dir;
  schema::CompareOptions compare;
};

// The revisions whose schema the database has: one replay over every revision (each revision with all it is
// built on; with several heads, all of them together too), a hash per state, cached.
IdentifyReport identify(const repo::Repository& repository, const SelectedDatabase& database,
                        const RunSettings& settings, const ScratchSettings& scratch, const IdentifyOptions& options);

// --- adopt -------------------------------------------------------------------------------------------------------

struct AdoptReport {
  std::string database;
  std::string revision;
  std::vector<std::string> recorded;            // revisions recorded as applied
  std::vector<schema::Difference> differences;  // REV's schema -> live
  bool forced = false;                          // recorded although they differ
};

// Records the database as being at `revision` (and everything it is built on) when its schema matches; a
// mismatch is a MismatchError "schema_mismatch" listing the differences unless `force`. Without a revision, the
// unique exact match of identify(). An already recorded version store is refused (stamp is the tool for that).
AdoptReport adopt(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                  const ScratchSettings& scratch, const std::optional<std::string>& revision, bool force,
                  const IdentifyOptions& options);

// --- test --------------------------------------------------------------------------------------------------------

enum class FindingKind {
  up_failed,            // the up section fails on a database at its parents
  no_down,              // no `-- +down` section
  empty_down,           // a down section without statements
  down_failed,          // the down section fails
  down_leaves_changes,  // after up and down, the schema is not what it was before up
  second_up_failed,     // up, down, up: the second up fails
  second_up_differs,    // up, down, up: the schema differs from after the first up
};
std::string_view to_string(FindingKind kind) noexcept;

struct Finding {
  FindingKind kind;
  std::string message;
  std::vector<schema::Difference> differences;
};

struct RevisionTest {
  std::string revision;
  std::string path;
  std::vector<Finding> findings;
};

struct RoundTripReport {
  std::vector<RevisionTest> revisions;  // upgrade order, those in range
  // Upgrading from empty to the heads in one run gives the step-by-step schema (nullopt: not compared, because
  // a step failed).
  std::optional<bool> one_shot_equal;
  std::vector<schema::Difference> one_shot_differences;  // step-by-step -> one run
  bool ok() const noexcept;
};

struct RoundTripOptions {
  std::optional<std::string> from;  // only revisions built on this one
  std::optional<std::string> to;    // only revisions this one is built on
  schema::CompareOptions compare;
};

RoundTripReport round_trip_test(const repo::Repository& repository, const db::DatabaseUrl& near,
                                const ScratchSettings& scratch, const RoundTripOptions& options);

}  // namespace strata::engine
