#pragma once
// Which database(s) a command works on, in this order: --url; --db NAME; --all; $DATABASE_URL; the project's
// default_database or its single database. Everything comes from the resolved config::Settings (the URLs of
// strata.toml were expanded there, $DATABASE_URL was read there); URLs are parsed here.
#include <optional>
#include <string>
#include <vector>

#include "strata/config/config.hpp"
#include "strata/db/url.hpp"
#include "strata/engine/settings.hpp"

namespace strata::engine {

struct SelectionRequest {
  std::optional<std::string> url;  // --url
  std::optional<std::string> db;   // --db NAME
  bool all = false;                // --all
};

struct SelectedDatabase {
  std::string name;  // the [databases.NAME], or "url" (--url) / "DATABASE_URL"
  db::DatabaseUrl url;
  std::optional<std::string> branch;            // bound branch label
  std::optional<config::DatabaseConfig> entry;  // its strata.toml settings, when it comes from there
};

// Throws UsageError (exit 2) when nothing names a database, for an unknown --db (with a suggestion), for
// conflicting options; ConfigError for an unset ${VAR} in a selected database's url; UsageError "bad_url".
// A relative SQLite path in --url or $DATABASE_URL is relative to settings.working_directory (empty: left as
// written); strata.toml's are relative to the strata.toml's folder.
std::vector<SelectedDatabase> select_databases(const SelectionRequest& request, const config::Settings& settings);

// What a hint's command needs to reach this database again: " --db NAME" for a strata.toml database,
// " --url '<url>'" (password redacted, shell-quoted) for --url, nothing for $DATABASE_URL (still set).
std::string selection_options(const SelectedDatabase& database);

// The run settings of one database: strata.toml's top-level lock_timeout, forward_only and [version_store], then
// the database's own [databases.NAME] overrides. The caller applies its command-line options on top.
RunSettings run_settings(const config::Settings& settings, const SelectedDatabase& database);

}  // namespace strata::engine
