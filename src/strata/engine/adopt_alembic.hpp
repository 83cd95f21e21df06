#pragma once
// `adopt-alembic`: start strata's version store from an existing `alembic_version` table, so a team can switch from
// Alembic without re-running anything. The heads it lists and all their ancestors are recorded as applied, with
// their files' checksums. Refused when strata's store already has rows (it would hide what they say), unless
// `sync`: then strata's store only moves forward to match Alembic's (Alembic ran after the adoption); a sync that
// would have to remove revisions is refused, never done silently.
#include <string>
#include <vector>

#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct AlembicAdoptReport {
  std::string database;
  std::vector<std::string> alembic_heads;
  std::size_t recorded = 0;
  std::vector<std::string> added;  // the revisions recorded, in load order
};

// Throws DatabaseError (code "no_alembic_version") when the table is missing or empty, UsageError (code
// "store_not_empty") when strata's store has rows and !sync, MismatchError (code "unknown_applied") for a head the
// repository lacks, MismatchError (code "sync_would_remove") when strata's store holds revisions outside Alembic's
// lineage while strata keeps alembic_version itself, DatabaseError (code "dirty") for a dirty revision.
AlembicAdoptReport adopt_alembic(const repo::Repository& repository, const SelectedDatabase& database,
                                 const RunSettings& settings, bool sync = false);

}  // namespace strata::engine
