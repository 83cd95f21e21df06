#include "strata/cli/commands/database_options.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <CLI/CLI.hpp>

#include "strata/db/statement_error.hpp"
#include "strata/engine/project_config.hpp"
#include "strata/engine/migration_error.hpp"
#include "strata/util/excerpt.hpp"

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

namespace {

// A week: longer than any sensible wait, and far from where seconds in milliseconds would overflow.
constexpr double k_max_lock_timeout_seconds = 7 * 24 * 3600;

// CLI11's NonNegativeNumber accepts "nan" and reports its bound as a 309-digit number; this says it plainly.
CLI::Validator lock_timeout_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const char* begin = text.c_str();
        char* end = nullptr;
        const double value = std::strtod(begin, &end);
        const bool number = end != begin && *end == '\0' && std::isfinite(value);
        if (number && value >= 0 && value <= k_max_lock_timeout_seconds) return {};
        return "must be a number of seconds from 0 to " + std::to_string(static_cast<long>(k_max_lock_timeout_seconds)) +
               ", not '" + util::excerpt(text) + "'";
      },
      "SECONDS");
}

}  // namespace

void add_lock_options(CLI::App& app, DatabaseOptions& options) {
  app.add_option("--lock-timeout", options.lock_timeout, "seconds to wait for another runner's lock (default 30)")
      ->type_name("SECONDS")
      ->check(lock_timeout_validator());
  app.add_option("--lock-mode", options.lock_mode,
                 "session (default) or transaction (for pgbouncer transaction pooling)")
      ->check(CLI::IsMember({"session", "transaction"}));
  app.add_flag("--alembic-version", options.alembic_version, "also keep Alembic's alembic_version table current");
}

std::vector<engine::SelectedDatabase> selected_databases(Context& context, const DatabaseOptions& options) {
  std::optional<engine::DatabaseConfig> databases;
  if (!options.url) {
    if (const Project* project = context.project()) databases = engine::databases_of(project->config);
  }
  const engine::SelectionRequest request{options.url, options.db, options.all};
  // URLs from strata.toml were expanded once, when the file was read; the engine does not expand them again.
  return engine::select_databases(request, databases ? &*databases : nullptr, context.invocation().getenv);
}

engine::RunSettings run_settings(Context& context, const engine::SelectedDatabase& database,
                                 const DatabaseOptions& options) {
  engine::RunSettings settings;
  if (const Project* project = context.project()) settings = engine::settings_of(project->config);
  settings = engine::settings_for(database, settings);
  if (options.lock_timeout)
    settings.lock_timeout = std::chrono::milliseconds(static_cast<long long>(*options.lock_timeout * 1000.0));
  if (options.lock_mode) settings.lock_mode = *options.lock_mode == "transaction" ? db::LockMode::transaction
                                                                                   : db::LockMode::session;
  if (options.transaction)
    settings.transaction = *options.transaction == "all" ? engine::TransactionScope::all
                                                         : engine::TransactionScope::per_migration;
  if (options.allow_checksum_mismatch) settings.allow_checksum_mismatch = true;
  if (options.alembic_version) settings.store.alembic_version = true;
  return settings;
}

Json error_json(const Error& error) {
  Json body{{"code", error.code()}, {"message", error.what()}};
  if (const auto* migration = dynamic_cast<const engine::MigrationError*>(&error))
    body["revision"] = migration->revision();
  if (const auto* database = dynamic_cast<const DatabaseError*>(&error)) {
    const auto& details = database->details();
    if (!details.path.empty()) body["path"] = details.path;
    if (details.line > 0) body["line"] = details.line;
    if (!details.sqlstate.empty()) body["sqlstate"] = details.sqlstate;
  }
  if (const auto* repository = dynamic_cast<const RepositoryError*>(&error)) {
    if (!repository->path().empty()) body["path"] = repository->path();
    if (repository->line() > 0) body["line"] = repository->line();
  }
  return Json{{"error", body}};
}

int report_error(Context& context, const Error& error) {
  if (context.out().json()) context.invocation().out << json_text(error_json(error)) << '\n';
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
    summary.push_back("  " + database.name + ": " + (code == 0 ? "ok" : "failed (exit " + std::to_string(code) + ")"));
  }
  if (!context.out().json()) {
    context.out().line("summary (" + std::to_string(databases.size()) + " databases):");
    for (const auto& line : summary) context.out().line(line);
  }
  return worst;
}

}  // namespace strata::cli::commands
