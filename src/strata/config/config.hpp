#pragma once
// strata.toml -> Settings. Every value remembers its origin; `${VAR}` expansion uses the environment passed in.
// resolve.hpp adds the environment and the command line to the file: that is the one Settings every caller uses.
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

// How the migration lock is held (docs/locking.md): for the whole run, or inside each transaction (for pgbouncer's
// transaction pooling).
enum class LockMode { session, transaction };
// How migrations are grouped into transactions.
enum class TransactionScope {
  per_migration,  // each migration in its own transaction with its version row (default)
  all,            // the whole plan in one transaction: all or nothing
};

// The words strata.toml and the command line use: "session", "transaction", "per-migration", "all".
std::string_view name_of(LockMode mode);
std::string_view name_of(TransactionScope scope);

struct DatabaseConfig {
  std::string name;          // the NAME of [databases.NAME]
  Setting<std::string> url;  // expanded; may hold a password: redact before showing it
  // Non-empty when url uses an unset ${VAR}: the message of the ConfigError raised when THIS database is used
  // (url.value is then meaningless). Deferred so that --url or --db other works without that variable.
  std::string url_error;
  Setting<std::string> branch;  // a branch label; empty: the whole repository
  Origin origin;                // the [databases.NAME] line

  // Overrides of the top-level settings for this database; absent when not written.
  std::optional<Setting<std::chrono::milliseconds>> lock_timeout;
  std::optional<Setting<LockMode>> lock_mode;
  std::optional<Setting<TransactionScope>> transaction;
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
  std::vector<std::pair<Setting<std::string>, Setting<std::string>>>
      levels;  // [lint.levels] rule = "error"|"warning"|"off"
  std::optional<Setting<std::string>> pg_version;
  std::optional<Setting<std::string>> sqlite_version;
  std::optional<Setting<std::string>> engine;        // "postgres" or "sqlite"
  std::vector<Setting<std::string>> excluded_paths;  // glob patterns, relative to the project folder
};

struct Settings {
  std::filesystem::path file;  // the strata.toml read; empty when there is none
  std::filesystem::path root;  // its folder (the working directory when there is no file)
  std::string shown_file;      // `file` as messages show it ("strata.toml", "../strata.toml"); empty when none
  // What relative paths on the command line and in $DATABASE_URL start from (set by resolve(); empty: as written).
  std::filesystem::path working_directory;

  // Repository locations, absolute. resolve() leaves it empty when no rule finds one (see docs/configuration.md).
  Setting<std::vector<std::filesystem::path>> repository_paths;
  Setting<bool> skip_unreadable{false, {}};
  std::map<std::string, Setting<std::string>, std::less<>> alembic_names;  // [alembic.names]

  std::vector<DatabaseConfig> databases;  // in file order
  // `default_database`, else the only database; nothing ("none") when there are several and none is chosen, or none.
  Setting<std::optional<std::string>> default_database;
  // $DATABASE_URL (resolve() reads it from the environment passed in): used when no --url or --db is given, before
  // default_database. Not expanded: a `${` in it is part of the value.
  std::optional<Setting<std::string>> database_url;
  VersionStoreConfig version_store;
  LintConfig lint;
  Setting<std::chrono::milliseconds> lock_timeout{std::chrono::seconds(30), {}};
  // --lock-mode for every database (strata.toml sets a lock mode only per database); nothing: each its own.
  std::optional<Setting<LockMode>> lock_mode;
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
Settings parse_config(std::string_view text, const std::filesystem::path& file, std::string_view shown_path,
                      const Environment& environment);

// Reads and parses `file` (absolute, or relative to `working_directory`, which is also what its shown name is
// relative to). Throws ConfigError when it cannot be read.
Settings load_config(const std::filesystem::path& file, const Environment& environment,
                     const std::filesystem::path& working_directory);

// strata.toml in `start` or the nearest parent folder that has one.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// The settings when there is no strata.toml: every value its default, no databases.
Settings default_config(const std::filesystem::path& working_directory);

}  // namespace strata::config
