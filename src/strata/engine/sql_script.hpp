#pragma once
// `upgrade --sql` / `downgrade --sql`: the complete script a DBA can review and run by hand — the version-store DDL,
// then per step a comment naming the revision and file, BEGIN, the migration's statements, the version-store
// statements, COMMIT. Nothing is executed: the database is only read to learn its applied set, when reachable.
#include <string>
#include <vector>

#include "strata/db/version_store_sql.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/settings.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct ScriptInput {
  std::string database;                      // redacted, for the header comment
  std::vector<graph::RevIndex> applied;      // before the plan
  std::vector<std::string> replaced_absent;  // recorded revisions a squash replaces, their files deleted
  bool store_exists = false;                 // false: the script starts with the version-store DDL
  std::string note;                          // an extra header comment (e.g. why the database was not read)
};

// Pure: renders the plan.
std::string render_script(const repo::Repository& repository, const graph::Plan& plan, const db::VersionStoreSql& sql,
                          const ScriptInput& input);

struct ScriptReport {
  std::string script;
  graph::Plan plan;
};

// Reads the database's applied set when it can be reached (a missing SQLite file or an unreachable server starts
// from an empty database, said in the script's header), plans as migrate() would, renders.
ScriptReport sql_script(const repo::Repository& repository, const SelectedDatabase& database,
                        const RunSettings& settings, const MigrateRequest& request);

}  // namespace strata::engine
