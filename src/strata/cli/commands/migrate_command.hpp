#pragma once
// The body shared by `upgrade` and `downgrade`: --sql, --dry-run, or a real run with progress, for each selected
// database.
#include <optional>
#include <string>

#include "strata/cli/commands/database_options.hpp"
#include "strata/graph/plan.hpp"

namespace strata::cli::commands {

struct MigrateOptions {
  DatabaseOptions database;
  graph::Direction direction = graph::Direction::up;
  std::string target;
  bool sql = false;
  bool dry_run = false;
  std::optional<std::string> backup;
};

// Registers the options both commands take (not the TARGET argument, nor --backup).
void add_migrate_options(CLI::App& app, MigrateOptions& options);

int run_migrate(Context& context, const MigrateOptions& options);

}  // namespace strata::cli::commands
