#pragma once
// Living next to Alembic: how a database's alembic_version relates to strata's own version store. `status`,
// `current`, the library's status call and `adopt-alembic --sync` read it; `upgrade` refuses to run past a
// disagreement, so that strata never re-runs what Alembic applied, nor records the database as older than it is.
#include <optional>
#include <string>
#include <vector>

#include "strata/db/version_store.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/graph/revision.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

enum class AlembicRelation {
  not_adopted,       // alembic_version has rows, strata's store has none: Alembic manages it, strata does not yet
  in_step,           // every revision Alembic's heads stand for is recorded by strata too
  ahead,             // Alembic applied revisions after the adoption that strata's store lacks
  behind,            // strata keeps alembic_version (alembic_version = true) and it lacks revisions strata applied
  unknown_revision,  // alembic_version names a revision the repository lacks
};

// "not_adopted", "in_step", "ahead", "behind", "unknown_revision" (JSON).
std::string to_string(AlembicRelation relation);

struct AlembicComparison {
  std::vector<std::string> heads;  // alembic_version's rows
  AlembicRelation relation = AlembicRelation::in_step;
  std::vector<std::string> missing;      // Alembic's heads and ancestors that strata's store lacks, in load order
  std::vector<std::string> extra;        // strata's applied revisions outside Alembic's lineage (counted for `behind`)
  std::vector<std::string> unknown;      // rows the repository lacks
  std::vector<graph::RevIndex> lineage;  // Alembic's heads and all their ancestors (known rows only)
};

// Nothing when there is no alembic_version table or it is empty. `maintained`: strata keeps alembic_version in step
// itself (alembic_version = true), so that it lagging behind is a disagreement rather than the table left as the
// adoption found it.
std::optional<AlembicComparison> compare_alembic(db::VersionStore& store, const repo::Repository& repository,
                                                 const DatabaseState& state, bool maintained);

struct AlembicAdvice {
  std::string problem;  // what the comparison means; empty for in_step
  std::string hint;     // what to do, ending with the complete command when one settles it
};
AlembicAdvice alembic_advice(const AlembicComparison& comparison, const SelectedDatabase& database);

// problem + "\nhint: " + hint, e.g. "Alembic manages this database (alembic_version:
// 2b3c) and strata does not yet\nhint: strata adopt-alembic --db auth". Empty for in_step.
std::string alembic_message(const AlembicComparison& comparison, const SelectedDatabase& database);

// Before strata replaces alembic_version's rows: refuses (MismatchError, code "alembic_row_unknown") a row that names
// a revision the repository lacks, which would otherwise be lost silently. `command` is the complete command that
// forces it (shown in the hint).
void require_known_alembic_rows(db::VersionStore& store, const graph::RevisionGraph& graph, const std::string& database,
                                const std::string& command);

}  // namespace strata::engine
