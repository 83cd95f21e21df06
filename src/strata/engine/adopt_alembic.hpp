#pragma once
// `adopt-alembic`: start strata's version store from an existing `alembic_version` table, so a team can switch from
// Alembic without re-running anything. The heads it lists and all their ancestors are recorded as applied, with
// their files' checksums. Refused when strata's store already has rows (it would hide what they say).
#include <string>
#include <vector>

#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct AdoptReport {
  std::string database;
  std::vector<std::string> alembic_heads;
  std::size_t recorded = 0;
};

// Throws DatabaseError (code "no_alembic_version") when the table is missing or empty, UsageError (code
// "store_not_empty") when strata's store has rows, MismatchError (code "unknown_applied") for a head the repository
// lacks.
AdoptReport adopt_alembic(const repo::Repository& repository, const SelectedDatabase& database,
                          const RunSettings& settings);

}  // namespace strata::engine
