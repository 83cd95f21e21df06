#pragma once
// What the database commands (upgrade, downgrade, current, status, stamp, resolve, adopt-alembic) share: choosing
// the database(s), the run settings from strata.toml and flags, running once per database with --all, and
// reporting a failure (JSON with the failing revision, file, line and SQLSTATE when known).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/cli/command_table.hpp"
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
  std::optional<std::string> transaction;
  bool allow_checksum_mismatch = false;
  bool allow_downgrade = false;  // downgrade --allow-downgrade: overrides forward_only once
  bool alembic_version = false;
  bool overwrite_alembic_version = false;  // stamp: replace an alembic_version row the repository lacks
};

// --url, --db, --all.
void add_selection_options(CLI::App& app, DatabaseOptions& options);
// --lock-timeout, --lock-mode, --alembic-version (commands that write). The lock options are checked here and
// moved into GlobalOptions by parse_command_line: config::resolve applies them.
void add_lock_options(CLI::App& app, DatabaseOptions& options);

// The databases the options (or $DATABASE_URL / strata.toml) name.
std::vector<engine::SelectedDatabase> selected_databases(Context& context, const DatabaseOptions& options);
// Defaults, then strata.toml's settings (lock_timeout, [version_store]), then the flags.
engine::RunSettings run_settings(Context& context, const engine::SelectedDatabase& database,
                                 const DatabaseOptions& options);

// A database's heads for text output: "r2, r3", or `empty` when there are none. With applied revisions the repository
// lacks, "r2 + r9 (not in the repository)": which of them are heads cannot be told without their files.
std::string heads_text(const std::vector<std::string>& known, const std::vector<std::string>& unknown,
                       const std::string& empty);

// The error as a JSON object: code, message, and revision/path/line/sqlstate when known.
Json error_json(const Error& error);
// One database's failure in a {"databases": [...]} document: {"name", "url", "error"}.
Json database_failure_json(const std::string& name, const std::string& url, const Json& error_body);
// Prints `error` (JSON Lines object, or "error: ..." on stderr) and returns its exit code.
int report_error(Context& context, const Error& error);

// Runs `run` for each selected database. One database: errors propagate (run_cli reports them), except in JSON
// Lines mode where they are printed as a line. Several (--all): each error is reported and the next database
// runs; a summary line follows in text mode; the exit code is the worst.
int for_each_database(Context& context, const DatabaseOptions& options, bool json_lines,
                      const std::function<int(const engine::SelectedDatabase&)>& run);

// The Runner of a command that does one thing per selected database: `run_one(context, options, database)` through
// for_each_database. `Options` has the command's DatabaseOptions as `database`.
template <class Options>
Runner per_database(std::shared_ptr<Options> options,
                    int (*run_one)(Context&, const Options&, const engine::SelectedDatabase&),
                    bool json_lines = false) {
  return [options, run_one, json_lines](Context& context) {
    return for_each_database(context, options->database, json_lines, [&](const engine::SelectedDatabase& database) {
      return run_one(context, *options, database);
    });
  };
}

}  // namespace strata::cli::commands
