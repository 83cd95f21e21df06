#pragma once
// Which database(s) a command works on, in the contract's order: --url; --db NAME; --all; $DATABASE_URL; the
// project's default_database or its single database. The URL was expanded (${VAR}) by the config part; it is parsed
// here. `getenv` is read for $DATABASE_URL only.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/db/url.hpp"
#include "strata/engine/database_config.hpp"
#include "strata/engine/env_expand.hpp"

namespace strata::engine {

struct SelectionRequest {
  std::optional<std::string> url;  // --url
  std::optional<std::string> db;   // --db NAME
  bool all = false;                // --all
};

struct SelectedDatabase {
  std::string name;                   // the [databases.NAME], or "url" (--url) / "DATABASE_URL"
  db::DatabaseUrl url;
  std::optional<std::string> branch;  // bound branch label
  std::optional<DatabaseEntry> entry;  // its strata.toml settings, when it comes from there
};

// `config` may be null (no strata.toml). Throws UsageError (exit 2) when nothing names a database, for an unknown
// --db (with a suggestion), for conflicting options; ConfigError for an unset ${VAR} in a selected database's url;
// UsageError "bad_url".
// `working_directory`: what a relative SQLite path in --url or $DATABASE_URL is relative to (the caller's; the
// library never reads it). Empty: left as written. strata.toml's urls are relative to DatabaseConfig::folder.
std::vector<SelectedDatabase> select_databases(const SelectionRequest& request, const DatabaseConfig* config,
                                               const Getenv& getenv,
                                               const std::filesystem::path& working_directory = {});

// What a hint's command needs to reach this database again: " --db NAME" for a strata.toml database,
// " --url '<url>'" (password redacted, shell-quoted) for --url, nothing for $DATABASE_URL (still set).
std::string selection_options(const SelectedDatabase& database);

// `base` with the database's strata.toml overrides applied.
RunSettings settings_for(const SelectedDatabase& database, RunSettings base);

}  // namespace strata::engine
