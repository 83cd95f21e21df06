#pragma once
// The databases of a project: strata.toml's top-level `default_database` and its `[databases.NAME]` tables.
//
//   default_database = "auth"          # optional: the one used when no --db/--url/$DATABASE_URL is given
//   [databases.auth]
//   url = "${DATABASE_URL_AUTH}"       # required; ${VAR} and ${VAR:-default} expanded when the database is used
//   branch = "auth"                    # optional: only revisions of this label's lineage are applied here
//   lock_timeout = 30                  # seconds
//   lock_mode = "session"              # or "transaction" (pgbouncer transaction pooling)
//   transaction = "per-migration"      # or "all"
//   alembic_version = false            # also maintain Alembic's alembic_version table
//   version_table = "strata_migrations"   log_table = "strata_migrations_log"   schema = "ops" (PostgreSQL)
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/db/lock.hpp"
#include "strata/engine/settings.hpp"

namespace strata::engine {

struct DatabaseEntry {
  std::string name;
  std::string url;   // as written, before ${VAR} expansion
  std::string where;  // "strata.toml:7: [databases.auth] url", for messages about the URL
  std::optional<std::string> branch;
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<db::LockMode> lock_mode;
  std::optional<TransactionScope> transaction;
  std::optional<bool> alembic_version;
  std::optional<std::string> version_table;
  std::optional<std::string> log_table;
  std::optional<std::string> schema;
};

struct DatabaseConfig {
  std::string file;  // the strata.toml, as shown in messages
  std::optional<std::string> default_database;
  std::vector<DatabaseEntry> databases;  // in file order
};

// Parses the database part of strata.toml's text; other tables are ignored. Throws ConfigError naming
// `display_path:line` for a wrong type, an unknown key (with a suggestion), a missing url or an unknown
// default_database.
DatabaseConfig parse_database_config(std::string_view text, std::string_view display_path);
DatabaseConfig load_database_config(const std::filesystem::path& file);

// `base` with the entry's overrides applied.
RunSettings apply_entry(RunSettings base, const DatabaseEntry& entry);

}  // namespace strata::engine
