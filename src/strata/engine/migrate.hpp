#pragma once
// `upgrade` and `downgrade` of one database, from connecting to the last commit:
//   connect → lock → read and verify state → plan (scoped to the database's branch) → refuse what cannot run
//   (Alembic files, missing down sections, --transaction all with a `transaction: none` migration) → backup →
//   create the version store → run.
// Nothing is changed before every check has passed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strata/db/backup.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/progress.hpp"
#include "strata/engine/settings.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct MigrateRequest {
  graph::Direction direction = graph::Direction::up;
  std::string target;                      // empty: the database's default target (upgrade only)
  bool dry_run = false;                    // read the state, plan, change nothing
  std::optional<std::string> backup_path;  // --backup PATH; `{db}` becomes the database's name (backup_path.hpp)
};

struct MigrateReport {
  std::string database;  // redacted
  std::string target;    // as resolved against the database's branch
  graph::Plan plan;
  std::size_t executed = 0;
  std::size_t skipped = 0;
  std::vector<std::string> heads_before;
  std::vector<std::string> heads_after;
  std::int64_t ms = 0;
  bool dry_run = false;
  std::optional<db::BackupResult> backup;
};

MigrateReport migrate(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                      const MigrateRequest& request, ProgressSink& progress);

// strata.toml's forward_only: refuses a downgrade (also its --sql script) unless settings.allow_downgrade. UsageError
// (code "forward_only") naming the setting, with the command that overrides it once.
void require_downgrade_allowed(const SelectedDatabase& database, const RunSettings& settings,
                               const MigrateRequest& request);

// The checks that refuse a plan before anything runs (also used by --sql): Alembic files, missing down sections,
// --transaction all with a `transaction: none` migration, and the SQL itself (section_checks.hpp).
void require_executable(const repo::Repository& repository, const graph::Plan& plan, const RunSettings& settings,
                        db::Engine engine);

}  // namespace strata::engine
