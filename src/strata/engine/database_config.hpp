#pragma once
// The databases of a project in the engine's shapes. strata.toml is read by strata::config; project_config.hpp maps
// it onto these (databases_of), so there is one reader and one set of rules for [databases.NAME].
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/db/lock.hpp"
#include "strata/engine/settings.hpp"

namespace strata::engine {

struct DatabaseEntry {
  std::string name;
  std::string url;        // expanded once, by the config part; never expanded again (a `$` may be in a password)
  std::string url_error;  // non-empty when the url uses an unset ${VAR}: raised (ConfigError) when it is selected
  std::optional<std::string> branch;
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<db::LockMode> lock_mode;
  std::optional<TransactionScope> transaction;
  std::optional<bool> alembic_version;
  std::optional<bool> forward_only;
  std::string forward_only_origin;  // "strata.toml:7"
  std::optional<std::string> version_table;
  std::optional<std::string> log_table;
  std::optional<std::string> schema;
};

struct DatabaseConfig {
  std::string file;  // the strata.toml, as shown in messages
  std::filesystem::path folder;  // its folder: relative SQLite paths in the urls start there (empty: as written)
  std::optional<std::string> default_database;
  std::vector<DatabaseEntry> databases;  // in file order
};

// `base` with the entry's overrides applied.
RunSettings apply_entry(RunSettings base, const DatabaseEntry& entry);

}  // namespace strata::engine
