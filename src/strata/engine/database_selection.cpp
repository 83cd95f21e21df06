#include "strata/engine/database_selection.hpp"

#include <algorithm>

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
SelectedDatabase from_entry(const DatabaseEntry& entry, const DatabaseConfig& config) {
  if (!entry.url_error.empty()) throw ConfigError(ErrorCode::config, entry.url_error);
  return SelectedDatabase{entry.name, db::DatabaseUrl::parse(entry.url).relative_to(config.folder), entry.branch,
                          entry};
}

SelectedDatabase from_text(std::string name, const std::string& url, const std::filesystem::path& working_directory) {
  return SelectedDatabase{std::move(name), db::DatabaseUrl::parse(url).relative_to(working_directory), std::nullopt,
                          std::nullopt};
}

std::vector<std::string> names(const DatabaseConfig& config) {
  std::vector<std::string> result;
  for (const auto& entry : config.databases) result.push_back(entry.name);
  return result;
}

const DatabaseEntry& find_entry(const DatabaseConfig* config, const std::string& name) {
  if (config == nullptr)
    throw UsageError(ErrorCode::unknown_database,
                     "--db " + name + ": there is no strata.toml with [databases." + name + "]; " + k_how_to_choose);
  for (const auto& entry : config->databases)
    if (entry.name == name) return entry;
  std::string message = "unknown database '" + name + "' (" + config->file + " defines " +
                        (config->databases.empty() ? std::string("none") : util::join(names(*config), ", ")) + ")";
  if (const auto match = util::closest_match(name, names(*config))) message += "; did you mean '" + *match + "'?";
  throw UsageError(ErrorCode::unknown_database, message);
}

}  // namespace

std::vector<SelectedDatabase> select_databases(const SelectionRequest& request, const DatabaseConfig* config,
                                               const Getenv& getenv, const std::filesystem::path& working_directory) {
  const int given = (request.url ? 1 : 0) + (request.db ? 1 : 0) + (request.all ? 1 : 0);
  if (given > 1)
    throw UsageError(ErrorCode::usage, "--url, --db and --all choose the database in different ways: give one");
  if (request.url) return {from_text("url", *request.url, working_directory)};
  if (request.db) return {from_entry(find_entry(config, *request.db), *config)};
  if (request.all) {
    if (config == nullptr || config->databases.empty())
      throw UsageError(ErrorCode::no_database, "--all: strata.toml defines no databases (add [databases.NAME] tables)");
    std::vector<SelectedDatabase> all;
    for (const auto& entry : config->databases) all.push_back(from_entry(entry, *config));
    return all;
  }
  if (const auto env = getenv("DATABASE_URL"); env && !env->empty())
    return {from_text("DATABASE_URL", *env, working_directory)};
  if (config != nullptr && config->default_database)
    return {from_entry(find_entry(config, *config->default_database), *config)};
  if (config != nullptr && config->databases.size() == 1) return {from_entry(config->databases.front(), *config)};
  if (config != nullptr && config->databases.size() > 1)
    throw UsageError(ErrorCode::no_database, config->file + " defines several databases (" +
                                                 util::join(names(*config), ", ") +
                                                 "): choose one with --db NAME, or --all");
  throw UsageError(ErrorCode::no_database, std::string("no database given: ") + k_how_to_choose);
}

RunSettings settings_for(const SelectedDatabase& database, RunSettings base) {
  return database.entry ? apply_entry(std::move(base), *database.entry) : base;
}

std::string selection_options(const SelectedDatabase& database) {
  if (database.entry) return " --db " + database.entry->name;
  if (database.name != "url") return "";
  std::string quoted = "'";
  for (const char c : database.url.redacted()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return " --url " + quoted + "'";
}

}  // namespace strata::engine
