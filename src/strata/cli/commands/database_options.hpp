#pragma once
// What the database commands (upgrade, downgrade, current, status, stamp, resolve, adopt-alembic) share: choosing
// the database(s), the run settings from strata.toml and flags, running once per database with --all, and
// reporting a failure (JSON with the failing revision, file, line and SQLSTATE when known).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "strata/cli/context.hpp"
#include "strata/core/error.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"

namespace CLI {
class App;
}

namespace strata::cli::commands {

struct DatabaseOptions {
  std::optional<std::string> url;
  std::optional<std::string> db;
  bool all = false;
  std::optional<double> lock_timeout;  // seconds
  std::optional<std::string> lock_mode;
  std::optional<std::string> transaction;
  bool allow_checksum_mismatch = false;
  bool alembic_version = false;
};

// --url, --db, --all.
void add_selection_options(CLI::App& app, DatabaseOptions& options);
// --lock-timeout, --lock-mode, --alembic-version (commands that write).
void add_lock_options(CLI::App& app, DatabaseOptions& options);

// The databases the options (or $DATABASE_URL / strata.toml) name.
std::vector<engine::SelectedDatabase> selected_databases(Context& context, const DatabaseOptions& options);
// Defaults, then strata.toml's settings (lock_timeout, [version_store]), then the flags.
engine::RunSettings run_settings(Context& context, const engine::SelectedDatabase& database,
                                 const DatabaseOptions& options);

// The error as a JSON object: code, message, and revision/path/line/sqlstate when known.
Json error_json(const Error& error);
// Prints `error` (JSON Lines object, or "error: ..." on stderr) and returns its exit code.
int report_error(Context& context, const Error& error);

// Runs `run` for each selected database. One database: errors propagate (run_cli reports them), except in JSON
// Lines mode where they are printed as a line. Several (--all): each error is reported and the next database
// runs; a summary line follows in text mode; the exit code is the worst.
int for_each_database(Context& context, const DatabaseOptions& options, bool json_lines,
                      const std::function<int(const engine::SelectedDatabase&)>& run);

}  // namespace strata::cli::commands
