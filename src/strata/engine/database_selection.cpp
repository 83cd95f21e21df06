#include "strata/engine/database_selection.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/backup.hpp"
#include "strata/util/edit_distance.hpp"
#include "strata/util/strings.hpp"

namespace strata::engine {

namespace {

const char* k_how_to_choose =
    "pass --url URL or --db NAME, set $DATABASE_URL, or add a [databases.NAME] table with url = \"...\" to "
    "strata.toml";

// The URL was expanded when strata.toml was read; expanding it again would rewrite a `${` that came from a variable.
// An unset variable is an error only now, when this database is used.
// A relative SQLite path is relative to the strata.toml that holds it, like the repository's paths, so that running
// from a subfolder uses the project's database rather than creating a new one there.
SelectedDatabase from_entry(const config::DatabaseConfig& entry, const config::Settings& settings) {
  const auto& url = entry.used_url();
  std::optional<std::string> branch;
  if (!entry.branch.value.empty()) branch = entry.branch.value;
  return SelectedDatabase{entry.name, db::DatabaseUrl::parse(url.value).relative_to(settings.root), branch, entry};
}

SelectedDatabase from_text(std::string name, const std::string& url, const std::filesystem::path& working_directory) {
  return SelectedDatabase{std::move(name), db::DatabaseUrl::parse(url).relative_to(working_directory), std::nullopt,
                          std::nullopt};
}

std::vector<std::string> names(const config::Settings& settings) {
  std::vector<std::string> result;
  for (const auto& entry : settings.databases) result.push_back(entry.name);
  return result;
}

const config::DatabaseConfig& find_entry(const config::Settings& settings, const std::string& name) {
  if (settings.file.empty())
    throw UsageError(ErrorCode::unknown_database,
                     fmt::format("--db {0}: there is no strata.toml with [databases.{0}]; {1}", name, k_how_to_choose));
  if (const auto* entry = settings.find_database(name)) return *entry;
  std::string message =
      fmt::format("unknown database '{}' ({} defines {})", name, settings.shown_file,
                  settings.databases.empty() ? std::string("none") : util::join(names(settings), ", "));
  if (const auto match = util::closest_match(name, names(settings)))
    message += fmt::format("; did you mean '{}'?", *match);
  throw UsageError(ErrorCode::unknown_database, message);
}

}  // namespace

std::vector<SelectedDatabase> select_databases(const SelectionRequest& request, const config::Settings& settings) {
  const int given = (request.url ? 1 : 0) + (request.db ? 1 : 0) + (request.all ? 1 : 0);
  if (given > 1)
    throw UsageError(ErrorCode::usage, "--url, --db and --all choose the database in different ways: give one");
  if (request.url) return {from_text("url", *request.url, settings.working_directory)};
  if (request.db) return {from_entry(find_entry(settings, *request.db), settings)};
  if (request.all) {
    if (settings.databases.empty())
      throw UsageError(ErrorCode::no_database, "--all: strata.toml defines no databases (add [databases.NAME] tables)");
    std::vector<SelectedDatabase> all;
    for (const auto& entry : settings.databases) all.push_back(from_entry(entry, settings));
    return all;
  }
  if (settings.database_url)
    return {from_text("DATABASE_URL", settings.database_url->value, settings.working_directory)};
  if (settings.default_database.value)
    return {from_entry(find_entry(settings, *settings.default_database.value), settings)};
  if (settings.databases.size() > 1)
    throw UsageError(ErrorCode::no_database,
                     fmt::format("{} defines several databases ({}): choose one with --db NAME, or --all",
                                 settings.shown_file, util::join(names(settings), ", ")));
  throw UsageError(ErrorCode::no_database, fmt::format("no database given: {}", k_how_to_choose));
}

RunSettings run_settings(const config::Settings& settings, const SelectedDatabase& database) {
  RunSettings run;
  run.lock_timeout = settings.lock_timeout.value;
  if (settings.lock_mode) run.lock_mode = settings.lock_mode->value;
  run.store.table = settings.version_store.table.value;
  run.store.log_table = settings.version_store.log_table.value;
  run.store.alembic_version = settings.version_store.alembic_version.value;
  // The schema only when given: its default "public" is PostgreSQL's usual search_path, and a schema on SQLite is
  // an error.
  if (settings.version_store.schema.origin.kind != config::Origin::Kind::default_value)
    run.store.schema = settings.version_store.schema.value;
  run.forward_only = settings.forward_only.value;
  run.forward_only_origin = settings.forward_only.origin.describe();
  if (!database.entry) return run;
  const auto& entry = *database.entry;
  if (entry.lock_timeout) run.lock_timeout = entry.lock_timeout->value;
  if (entry.lock_mode) run.lock_mode = entry.lock_mode->value;
  if (entry.transaction) run.transaction = entry.transaction->value;
  if (entry.alembic_version) run.store.alembic_version = entry.alembic_version->value;
  if (entry.forward_only) {
    run.forward_only = entry.forward_only->value;
    run.forward_only_origin = entry.forward_only->origin.describe();
  }
  if (entry.version_table) run.store.table = entry.version_table->value;
  if (entry.log_table) run.store.log_table = entry.log_table->value;
  if (entry.schema) run.store.schema = entry.schema->value;
  return run;
}

std::string selection_options(const SelectedDatabase& database) {
  if (database.entry) return fmt::format(" --db {}", database.entry->name);
  if (database.name != "url") return "";
  std::string quoted;
  for (const char c : database.url.redacted()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return fmt::format(" --url '{}'", quoted);
}

}  // namespace strata::engine
