// strata downgrade TARGET: remove, newest first, every applied revision that is not an ancestor of TARGET
// (base: all of them; -1: the last one).
#include <memory>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/migrate_command.hpp"

namespace strata::cli::commands {

Runner setup_downgrade(CLI::App& app) {
  auto options = std::make_shared<MigrateOptions>();
  options->direction = graph::Direction::down;
  app.add_option("TARGET", options->target, "where to go: an id, -N, base, L@-1...")->required();
  add_migrate_options(app, *options);
  app.add_option("--backup", options->backup, "back the database up to PATH first (SQLite file / pg_dump -Fc)")
      ->type_name("PATH");
  app.add_flag("--allow-downgrade", options->database.allow_downgrade,
               "run even though strata.toml sets forward_only = true for the database (recorded in its log)");
  return [options](Context& context) { return run_migrate(context, *options); };
}

}  // namespace strata::cli::commands
