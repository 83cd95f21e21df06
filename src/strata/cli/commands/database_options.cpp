#include "strata/cli/commands/database_options.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/config/duration.hpp"
#include "strata/db/statement_error.hpp"
#include "strata/engine/migration_error.hpp"
#include "strata/util/excerpt.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

void add_selection_options(CLI::App& app, DatabaseOptions& options) {
  // `strata upgrade heads`, `strata stamp heads`: a target that is also a command's name must stay an argument.
  // CLI11 would switch to that command unless the main app takes at most one command (a local workaround: the
  // parser in command_line.cpp belongs to the CLI part).
  if (CLI::App* main = app.get_parent()) main->require_subcommand(0, 1);
  app.add_option("--url", options.url, "the database's URL (sqlite:FILE, postgresql://...)")->type_name("URL");
  app.add_option("--db", options.db, "a database named in strata.toml ([databases.NAME])")->type_name("NAME");
  app.add_flag("--all", options.all, "every database of strata.toml, in turn");
}

void add_lock_options(CLI::App& app, DatabaseOptions& options) {
  // Parsed here rather than by CLI11's number check, which lets "nan" and "inf" through.
  app.add_option_function<std::string>(
         "--lock-timeout",
         [](const std::string& text) {
           if (!config::parse_lock_timeout(text))
             throw CLI::ValidationError(
                 "--lock-timeout",
                 fmt::format("'{}' is not a lock timeout: give {}", util::excerpt(text), config::lock_timeout_rule()));
         },
         "seconds to wait for another runner's lock (default 30), or a duration such as 500ms")
      ->type_name("SECONDS");
  app.add_option("--lock-mode", "session (default) or transaction (for pgbouncer transaction pooling)")
      ->check(CLI::IsMember({"session", "transaction"}));
  app.add_flag("--alembic-version", options.alembic_version, "also keep Alembic's alembic_version table current");
}

std::vector<engine::SelectedDatabase> selected_databases(Context& context, const DatabaseOptions& options) {
  const engine::SelectionRequest request{options.url, options.db, options.all};
  // URLs from strata.toml were expanded once, when the settings were resolved; they are not expanded again.
  return engine::select_databases(request, context.settings());
}

engine::RunSettings run_settings(Context& context, const engine::SelectedDatabase& database,
                                 const DatabaseOptions& options) {
  auto settings = engine::run_settings(context.settings(), database);
  if (options.transaction)
    settings.transaction =
        *options.transaction == "all" ? engine::TransactionScope::all : engine::TransactionScope::per_migration;
  if (options.allow_checksum_mismatch) settings.allow_checksum_mismatch = true;
  if (options.allow_downgrade) settings.allow_downgrade = true;
  if (options.alembic_version) settings.store.alembic_version = true;
  if (options.overwrite_alembic_version) settings.overwrite_alembic_version = true;
  return settings;
}

std::string heads_text(const std::vector<std::string>& known, const std::vector<std::string>& unknown,
                       const std::string& empty) {
  if (unknown.empty()) return known.empty() ? empty : util::join(known, ", ");
  const std::string lacking = fmt::format("{} (not in the repository)", util::join(unknown, ", "));
  return known.empty() ? lacking : fmt::format("{} + {}", util::join(known, ", "), lacking);
}

Json error_json(const Error& error) { return Json{{"error", error_body(error)}}; }

Json database_failure_json(const std::string& name, const std::string& url, const Json& error_body) {
  return Json{{"name", name}, {"url", url}, {"error", error_body}};
}

int report_error(Context& context, const Error& error) {
  if (context.out().json()) context.out().event(error_json(error));
  else context.out().error(error.what());
  return static_cast<int>(error.exit_code());
}

int for_each_database(Context& context, const DatabaseOptions& options, bool json_lines,
                      const std::function<int(const engine::SelectedDatabase&)>& run) {
  const auto databases = selected_databases(context, options);
  if (databases.size() == 1 && !options.all) {
    if (!json_lines) return run(databases.front());
    try {
      return run(databases.front());
    } catch (const Error& error) {
      return report_error(context, error);
    }
  }
  int worst = 0;
  std::vector<std::string> summary;
  for (const auto& database : databases) {
    int code = 0;
    try {
      code = run(database);
    } catch (const Error& error) {
      code = report_error(context, error);
    }
    worst = std::max(worst, code);
    summary.push_back(fmt::format("  {}: {}", database.name, code == 0 ? "ok" : fmt::format("failed (exit {})", code)));
  }
  if (!context.out().json()) {
    context.out().line(fmt::format("summary ({} databases):", databases.size()));
    for (const auto& line : summary) context.out().line(line);
  }
  return worst;
}

}  // namespace strata::cli::commands
