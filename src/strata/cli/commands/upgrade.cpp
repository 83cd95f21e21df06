// strata upgrade [TARGET]: apply every pending revision up to TARGET (default: head, or L@head for a database bound
// to branch L; `heads` for all heads).
#include <memory>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/migrate_command.hpp"

namespace strata::cli::commands {

Runner setup_upgrade(CLI::App& app) {
  auto options = std::make_shared<MigrateOptions>();
  options->direction = graph::Direction::up;
  app.add_option("TARGET", options->target, "where to go: head (default), heads, L@head, an id, +N...");
  add_migrate_options(app, *options);
  app.add_option("--backup", options->backup, "back the database up to PATH first (SQLite file / pg_dump -Fc)")
      ->type_name("PATH");
  return [options](Context& context) { return run_migrate(context, *options); };
}

}  // namespace strata::cli::commands
