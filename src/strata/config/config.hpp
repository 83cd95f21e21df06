#pragma once
// strata.toml -> Config. Every value remembers its origin; `${VAR}` expansion uses the environment passed in.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strata/config/env_expand.hpp"
#include "strata/config/origin.hpp"

namespace strata::config {

inline constexpr std::string_view k_config_file_name = "strata.toml";

struct DatabaseConfig {
  std::string name;                // the NAME of [databases.NAME]
  Setting<std::string> url;        // expanded; may hold a password: redact before showing it
  // Non-empty when url uses an unset ${VAR}: the message of the ConfigError raised when THIS database is used
  // (url.value is then meaningless). Deferred so that --url or --db other works without that variable.
  std::string url_error;
  Setting<std::string> branch;     // a branch label; empty: the whole repository
  Origin origin;                   // the [databases.NAME] line

  // Overrides of the top-level settings for this database; absent when not written.
  std::optional<Setting<std::chrono::milliseconds>> lock_timeout;
  std::optional<Setting<std::string>> lock_mode;    // "session" or "transaction"
  std::optional<Setting<std::string>> transaction;  // "per-migration" or "all"
  std::optional<Setting<bool>> alembic_version;
  std::optional<Setting<bool>> forward_only;
  std::optional<Setting<std::string>> version_table;  // plain SQL names, like [version_store]
  std::optional<Setting<std::string>> log_table;
  std::optional<Setting<std::string>> schema;

  // The url, for connecting. Throws ConfigError(url_error) when it uses an unset ${VAR}.
  const Setting<std::string>& used_url() const;
};

struct VersionStoreConfig {
  Setting<std::string> table{"strata_migrations", {}};
  Setting<std::string> log_table{"strata_migrations_log", {}};
  Setting<std::string> schema{"public", {}};  // PostgreSQL only
  Setting<bool> alembic_version{false, {}};   // also maintain Alembic's alembic_version table
};

// [lint]: what `strata lint` checks. Rule names are checked by the linter (config does not know the rules); each
// keeps its origin so an unknown name is reported at its strata.toml line.
struct LintConfig {
  std::vector<Setting<std::string>> excluded_rules;
  std::vector<Setting<std::string>> included_rules;
  std::vector<std::pair<Setting<std::string>, Setting<std::string>>> levels;  // [lint.levels] rule = "error"|"warning"|"off"
  std::optional<Setting<std::string>> pg_version;
  std::optional<Setting<std::string>> sqlite_version;
  std::optional<Setting<std::string>> engine;  // "postgres" or "sqlite"
  std::vector<Setting<std::string>> excluded_paths;  // glob patterns, relative to the project folder
};

struct Config {
  std::filesystem::path file;  // the strata.toml read; empty when there is none
  std::filesystem::path root;  // its folder (the working directory when there is no file)

  // Repository locations, made absolute against `root`. Default: <root>/migrations.
  Setting<std::vector<std::filesystem::path>> repository_paths;
  Setting<bool> skip_unreadable{false, {}};
  std::map<std::string, Setting<std::string>, std::less<>> alembic_names;  // [alembic.names]

  std::vector<DatabaseConfig> databases;  // in file order
  Setting<std::string> default_database;  // `default_database`, else the first database; empty when none
  VersionStoreConfig version_store;
  LintConfig lint;
  Setting<std::chrono::milliseconds> lock_timeout{std::chrono::seconds(30), {}};
  // `forward_only = true`: `downgrade` is refused (unless --allow-downgrade), for every database or, under
  // [databases.NAME], for that one.
  Setting<bool> forward_only{false, {}};
  // [scratch] url: a database for scratch work (diff, drift, identify, adopt, test) where strata may not create
  // one; expanded. Empty: scratch databases are created. scratch_url_error as DatabaseConfig::url_error.
  Setting<std::string> scratch_url;
  std::string scratch_url_error;

  const DatabaseConfig* find_database(std::string_view name) const;
  // [alembic.names] without origins, the shape repo::RepositoryOptions::alembic_names takes.
  std::map<std::string, std::string, std::less<>> alembic_name_values() const;
};

// Parses strata.toml's text. `file` is where it lives (relative paths are resolved against its folder);
// `shown_path` names it in messages and origins. Throws ConfigError "shown_path:line: ..." on any problem.
Config parse_config(std::string_view text, const std::filesystem::path& file, std::string_view shown_path,
                    const Environment& environment);

// Reads and parses `file`. Throws ConfigError when it cannot be read.
Config load_config(const std::filesystem::path& file, const Environment& environment);

// strata.toml in `start` or the nearest parent folder that has one.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// The configuration when there is no strata.toml: repository at <working_directory>/migrations, no databases.
Config default_config(const std::filesystem::path& working_directory);

}  // namespace strata::config
