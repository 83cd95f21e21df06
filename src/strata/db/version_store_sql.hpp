#pragma once
// The SQL of the version store, as SqlCommands, without a connection: VersionStore executes them, and
// `upgrade --sql` renders them (render() in sql_text.hpp) into a script that touches nothing.
//
// Tables (names configurable; PostgreSQL schema optional, created if missing):
//
//   strata_migrations          one row per applied (or dirty) revision
//     revision TEXT PRIMARY KEY, checksum TEXT NOT NULL,
//     applied_at TEXT NOT NULL            UTC ISO-8601 with milliseconds, "2026-01-12T16:30:00.123Z"
//     execution_ms BIGINT NOT NULL, applied_by TEXT NOT NULL        "user@host"
//     dirty INTEGER NOT NULL DEFAULT 0    1 while a `transaction: none` migration is incomplete or failed
//     statements_done INTEGER NOT NULL DEFAULT 0   statements of a `transaction: none` migration that completed
//     dirty_statement INTEGER             0-based index of the statement that failed, NULL if none failed
//     dirty_error TEXT                    its error message
//     dirty_direction TEXT                'up' or 'down' while dirty: which section was running; NULL otherwise
//                                         (stores made before this column had it as a "downgrade: " prefix of
//                                         dirty_error; ensure() adds the column and moves the prefix into it)
//     schema_hash TEXT                    snapshot_hash of the schema right after the run that applied it (set
//                                         on the heads of each upgrade; NULL before; added to older stores)
//
//   strata_migrations_log      append-only history
//     id (identity / AUTOINCREMENT) PRIMARY KEY, logged_at TEXT NOT NULL,
//     action TEXT NOT NULL CHECK (action IN ('upgrade','downgrade','stamp','failure','resolve')),
//     revision TEXT, detail TEXT, performed_by TEXT NOT NULL
//     (logged_at/performed_by rather than at/by: BY is a reserved word in SQL)
//
//   alembic_version            only with alembic_version = true: Alembic's own table, version_num VARCHAR(32)
//                              PRIMARY KEY, holding exactly the database's heads
//
// Timestamps are taken by the database at execution time, so a rendered script records when it ran.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/db/sql_text.hpp"
#include "strata/db/url.hpp"

namespace strata::db {

struct VersionStoreOptions {
  std::string table = "strata_migrations";
  std::string log_table = "strata_migrations_log";
  std::string schema;            // PostgreSQL only; empty: the connection's search_path (usually public)
  bool alembic_version = false;  // also maintain Alembic's alembic_version table
  std::string actor;             // applied_by / performed_by; empty: default_actor()
  // False: the store keeps nothing, creates no table and reads as empty. A scratch database's store is such (the
  // replay keeps the applied set in memory and nobody reads the scratch store): on a replay of many revisions its
  // rows would cost two round trips per migration.
  bool records = true;
};

enum class LogAction { upgrade, downgrade, stamp, failure, resolve };
// Which section of a dirty `transaction: none` migration was running.
enum class DirtyDirection { up, down };
std::string_view to_string(DirtyDirection direction) noexcept;
std::string_view to_string(LogAction action) noexcept;

// "user@host" of this process, from the effective user id and gethostname().
std::string default_actor();

class VersionStoreSql {
public:
  // Throws ConfigError for unusable names (empty, the same for both tables, too long for PostgreSQL, a schema on
  // SQLite).
  VersionStoreSql(Engine engine, VersionStoreOptions options);

  Engine engine() const noexcept { return m_engine; }
  const VersionStoreOptions& options() const noexcept { return m_options; }
  // Quoted and schema-qualified, ready to splice into SQL.
  const std::string& table() const noexcept { return m_table; }
  const std::string& log_table() const noexcept { return m_log_table; }
  const std::string& alembic_table() const noexcept { return m_alembic_table; }
  // For messages: the table name as configured, schema-qualified when a schema is set.
  std::string table_display() const;

  // CREATE SCHEMA / TABLE IF NOT EXISTS for every table in use.
  std::vector<SqlCommand> create() const;

  SqlCommand insert_applied(std::string_view revision, std::string_view checksum, std::int64_t execution_ms) const;
  SqlCommand delete_applied(std::string_view revision) const;
  SqlCommand delete_all_applied() const;
  // `transaction: none` lifecycle: a dirty row first, progress after each statement, failure details, then done.
  SqlCommand insert_started(std::string_view revision, std::string_view checksum) const;
  SqlCommand update_progress(std::string_view revision, int statements_done) const;
  SqlCommand update_failed(std::string_view revision, int statement_index, std::string_view error,
                           DirtyDirection direction) const;
  // `checksum` set: the row records it too (`resolve --resume` ran the file as it is now).
  SqlCommand update_completed(std::string_view revision, std::int64_t execution_ms,
                              const std::optional<std::string>& checksum = std::nullopt) const;
  // `rehash`: the stored checksum only.
  SqlCommand update_checksum(std::string_view revision, std::string_view checksum) const;
  SqlCommand insert_log(LogAction action, std::string_view revision, std::string_view detail) const;
  SqlCommand update_schema_hash(std::string_view revision, std::string_view hash) const;
  // For stores created before schema_hash existed: one row, one column, "1" when the column is there.
  SqlCommand schema_hash_column_exists() const;
  SqlCommand add_schema_hash_column() const;
  SqlCommand select_schema_hashes() const;
  // DELETE everything, then one INSERT per head. Throws UsageError for a head longer than 32 characters.
  std::vector<SqlCommand> set_alembic_heads(const std::vector<std::string>& heads) const;

  // Columns: revision, checksum, applied_at, execution_ms, applied_by, dirty, statements_done, dirty_statement,
  // dirty_error, dirty_direction. `has_direction_column` false: a store made before dirty_direction existed,
  // read as ensure() would convert it.
  SqlCommand select_applied(bool has_direction_column = true) const;
  // The columns every version table needs (dirty_direction aside, which ensure() adds), and the log table's.
  static const std::vector<std::string>& applied_columns();
  static const std::vector<std::string>& log_columns();
  // One column: the names of `bare_name`'s columns.
  SqlCommand select_columns(std::string_view bare_name) const;
  // Adds dirty_direction to a store that lacks it and moves the old "downgrade: " prefix of dirty_error into it.
  std::vector<SqlCommand> add_direction_column() const;
  SqlCommand select_log() const;
  SqlCommand select_alembic() const;
  // One row, one column: "1" when `table` (quoted, qualified) exists, "0" otherwise.
  SqlCommand table_exists(std::string_view bare_name) const;

private:
  std::string qualify(std::string_view name) const;
  std::string now() const;

  Engine m_engine;
  VersionStoreOptions m_options;
  std::string m_table;
  std::string m_log_table;
  std::string m_alembic_table;
};

}  // namespace strata::db
