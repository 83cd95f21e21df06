#include "strata/db/version_store_sql.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>

#include "strata/core/error.hpp"

namespace strata::db {

namespace {

constexpr std::size_t k_pg_identifier_limit = 63;
constexpr std::size_t k_alembic_revision_limit = 32;
const std::string k_direction_column = "dirty_direction TEXT CHECK (dirty_direction IN ('up', 'down'))";
// How stores made before dirty_direction existed marked a failed downgrade: a prefix of dirty_error.
constexpr std::string_view k_legacy_down_prefix = "downgrade: ";

void check_name(Engine engine, const std::string& name, std::string_view what) {
  if (name.empty()) throw ConfigError(ErrorCode::config, "version-store " + std::string(what) + " name is empty");
  if (name.find('\0') != std::string::npos)
    throw ConfigError(ErrorCode::config, "version-store " + std::string(what) + " name contains a NUL byte");
  if (engine == Engine::postgres && name.size() > k_pg_identifier_limit)
    throw ConfigError(ErrorCode::config, "version-store " + std::string(what) + " name '" + name +
                                             "' is longer than PostgreSQL's 63-byte identifier limit");
}

}  // namespace

std::string_view to_string(LogAction action) noexcept {
  switch (action) {
    case LogAction::upgrade: return "upgrade";
    case LogAction::downgrade: return "downgrade";
    case LogAction::stamp: return "stamp";
    case LogAction::failure: return "failure";
    case LogAction::resolve: return "resolve";
  }
  return "unknown";
}

std::string_view to_string(DirtyDirection direction) noexcept {
  return direction == DirtyDirection::up ? "up" : "down";
}

std::string default_actor() {
  std::string user;
  std::array<char, 4096> buffer{};
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
    user = found->pw_name;
  if (user.empty()) user = "uid" + std::to_string(geteuid());
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) return user;
  return user + "@" + host.data();
}

VersionStoreSql::VersionStoreSql(Engine engine, VersionStoreOptions options)
    : m_engine(engine), m_options(std::move(options)) {
  check_name(engine, m_options.table, "table");
  check_name(engine, m_options.log_table, "log table");
  if (m_options.table == m_options.log_table)
    throw ConfigError(ErrorCode::config, "version-store table and log table are both named '" + m_options.table +
                                             "'; give them different names");
  if (!m_options.schema.empty()) {
    if (engine == Engine::sqlite)
      throw ConfigError(ErrorCode::config, "version-store schema '" + m_options.schema +
                                               "' is only supported on PostgreSQL (SQLite has no schemas)");
    check_name(engine, m_options.schema, "schema");
  }
  if (m_options.actor.empty()) m_options.actor = default_actor();
  m_table = qualify(m_options.table);
  m_log_table = qualify(m_options.log_table);
  m_alembic_table = qualify("alembic_version");
}

std::string VersionStoreSql::qualify(std::string_view name) const {
  if (m_options.schema.empty()) return quote_identifier(name);
  return quote_identifier(m_options.schema) + "." + quote_identifier(name);
}

std::string VersionStoreSql::table_display() const {
  return m_options.schema.empty() ? m_options.table : m_options.schema + "." + m_options.table;
}

std::string VersionStoreSql::now() const {
  if (m_engine == Engine::sqlite) return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  return "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

std::vector<SqlCommand> VersionStoreSql::create() const {
  std::vector<SqlCommand> commands;
  if (!m_options.schema.empty())
    commands.push_back({"CREATE SCHEMA IF NOT EXISTS " + quote_identifier(m_options.schema), {}});
  commands.push_back({"CREATE TABLE IF NOT EXISTS " + m_table +
                          " (revision TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, "
                          "execution_ms BIGINT NOT NULL DEFAULT 0, applied_by TEXT NOT NULL, "
                          "dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)), "
                          "statements_done INTEGER NOT NULL DEFAULT 0, dirty_statement INTEGER, dirty_error TEXT, " +
                          k_direction_column + ", schema_hash TEXT)",
                      {}});
  const std::string id = m_engine == Engine::sqlite ? "id INTEGER PRIMARY KEY AUTOINCREMENT"
                                                    : "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  commands.push_back({"CREATE TABLE IF NOT EXISTS " + m_log_table + " (" + id +
                          ", logged_at TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('upgrade', "
                          "'downgrade', 'stamp', 'failure', 'resolve')), revision TEXT, detail TEXT, "
                          "performed_by TEXT NOT NULL)",
                      {}});
  if (m_options.alembic_version)
    commands.push_back({"CREATE TABLE IF NOT EXISTS " + m_alembic_table +
                            " (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY "
                            "(version_num))",
                        {}});
  return commands;
}

SqlCommand VersionStoreSql::insert_applied(std::string_view revision, std::string_view checksum,
                                           std::int64_t execution_ms) const {
  return {"INSERT INTO " + m_table + " (revision, checksum, applied_at, execution_ms, applied_by) VALUES ($1, $2, " +
              now() + ", $3, $4)",
          {std::string(revision), std::string(checksum), std::to_string(execution_ms), m_options.actor}};
}

SqlCommand VersionStoreSql::delete_applied(std::string_view revision) const {
  return {"DELETE FROM " + m_table + " WHERE revision = $1", {std::string(revision)}};
}

SqlCommand VersionStoreSql::delete_all_applied() const { return {"DELETE FROM " + m_table, {}}; }

SqlCommand VersionStoreSql::insert_started(std::string_view revision, std::string_view checksum) const {
  return {"INSERT INTO " + m_table +
              " (revision, checksum, applied_at, execution_ms, applied_by, dirty, statements_done, dirty_direction) "
              "VALUES ($1, $2, " +
              now() + ", 0, $3, 1, 0, 'up')",
          {std::string(revision), std::string(checksum), m_options.actor}};
}

SqlCommand VersionStoreSql::update_progress(std::string_view revision, int statements_done) const {
  return {"UPDATE " + m_table + " SET statements_done = $2 WHERE revision = $1",
          {std::string(revision), std::to_string(statements_done)}};
}

SqlCommand VersionStoreSql::update_failed(std::string_view revision, int statement_index, std::string_view error,
                                          DirtyDirection direction) const {
  return {
      "UPDATE " + m_table +
          " SET dirty = 1, dirty_statement = $2, dirty_error = $3, dirty_direction = $4 WHERE revision = $1",
      {std::string(revision), std::to_string(statement_index), std::string(error), std::string(to_string(direction))}};
}

SqlCommand VersionStoreSql::update_completed(std::string_view revision, std::int64_t execution_ms,
                                             const std::optional<std::string>& checksum) const {
  SqlCommand command{"UPDATE " + m_table +
                         " SET dirty = 0, dirty_statement = NULL, dirty_error = NULL, dirty_direction = NULL, "
                         "applied_at = " +
                         now() + ", execution_ms = $2, applied_by = $3",
                     {std::string(revision), std::to_string(execution_ms), m_options.actor}};
  if (checksum) {
    command.sql += ", checksum = $4";
    command.params.emplace_back(*checksum);
  }
  command.sql += " WHERE revision = $1";
  return command;
}

SqlCommand VersionStoreSql::update_checksum(std::string_view revision, std::string_view checksum) const {
  return {"UPDATE " + m_table + " SET checksum = $2 WHERE revision = $1",
          {std::string(revision), std::string(checksum)}};
}

SqlCommand VersionStoreSql::insert_log(LogAction action, std::string_view revision, std::string_view detail) const {
  Cell revision_cell = revision.empty() ? Cell() : Cell(std::string(revision));
  Cell detail_cell = detail.empty() ? Cell() : Cell(std::string(detail));
  return {"INSERT INTO " + m_log_table + " (logged_at, action, revision, detail, performed_by) VALUES (" + now() +
              ", $1, $2, $3, $4)",
          {std::string(to_string(action)), std::move(revision_cell), std::move(detail_cell), m_options.actor}};
}

SqlCommand VersionStoreSql::update_schema_hash(std::string_view revision, std::string_view hash) const {
  return {"UPDATE " + m_table + " SET schema_hash = $2 WHERE revision = $1",
          {std::string(revision), std::string(hash)}};
}

SqlCommand VersionStoreSql::schema_hash_column_exists() const {
  if (m_engine == Engine::sqlite)
    return {"SELECT count(*) FROM pragma_table_info($1) WHERE name = 'schema_hash'", {m_options.table}};
  return {
      "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'schema_hash' "
      "AND NOT attisdropped",
      {qualify(m_options.table)}};
}

SqlCommand VersionStoreSql::add_schema_hash_column() const {
  return {"ALTER TABLE " + m_table + " ADD COLUMN schema_hash TEXT", {}};
}

SqlCommand VersionStoreSql::select_schema_hashes() const {
  return {
      "SELECT revision, schema_hash FROM " + m_table + " WHERE schema_hash IS NOT NULL ORDER BY applied_at, revision",
      {}};
}

std::vector<SqlCommand> VersionStoreSql::set_alembic_heads(const std::vector<std::string>& heads) const {
  std::vector<SqlCommand> commands{{"DELETE FROM " + m_alembic_table, {}}};
  for (const std::string& head : heads) {
    if (head.size() > k_alembic_revision_limit)
      throw UsageError(ErrorCode::alembic_revision_too_long,
                       "revision '" + head +
                           "' is longer than the 32 characters alembic_version.version_num holds; "
                           "run without alembic_version");
    commands.push_back({"INSERT INTO " + m_alembic_table + " (version_num) VALUES ($1)", {head}});
  }
  return commands;
}

SqlCommand VersionStoreSql::select_applied(bool has_direction_column) const {
  const std::string prefix(k_legacy_down_prefix);
  const std::string legacy_match = "dirty_error LIKE '" + prefix + "%'";
  const std::string error_and_direction =
      has_direction_column
          ? std::string("dirty_error, dirty_direction")
          : "CASE WHEN " + legacy_match + " THEN substr(dirty_error, " + std::to_string(prefix.size() + 1) +
                ") ELSE dirty_error END, CASE WHEN " + legacy_match + " THEN 'down' END";
  return {
      "SELECT revision, checksum, applied_at, execution_ms, applied_by, dirty, statements_done, "
      "dirty_statement, " +
          error_and_direction + " FROM " + m_table + " ORDER BY applied_at, revision",
      {}};
}

const std::vector<std::string>& VersionStoreSql::applied_columns() {
  static const std::vector<std::string> columns{"revision",        "checksum",        "applied_at",
                                                "execution_ms",    "applied_by",      "dirty",
                                                "statements_done", "dirty_statement", "dirty_error"};
  return columns;
}

const std::vector<std::string>& VersionStoreSql::log_columns() {
  static const std::vector<std::string> columns{"id", "logged_at", "action", "revision", "detail", "performed_by"};
  return columns;
}

SqlCommand VersionStoreSql::select_columns(std::string_view bare_name) const {
  if (m_engine == Engine::sqlite) return {"SELECT name FROM pragma_table_info($1)", {std::string(bare_name)}};
  return {
      "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT "
      "attisdropped",
      {qualify(bare_name)}};
}

std::vector<SqlCommand> VersionStoreSql::add_direction_column() const {
  const std::string prefix(k_legacy_down_prefix);
  return {{"ALTER TABLE " + m_table + " ADD COLUMN " + k_direction_column, {}},
          {"UPDATE " + m_table + " SET dirty_direction = 'down', dirty_error = substr(dirty_error, " +
               std::to_string(prefix.size() + 1) + ") WHERE dirty = 1 AND dirty_error LIKE '" + prefix + "%'",
           {}},
          {"UPDATE " + m_table + " SET dirty_direction = 'up' WHERE dirty = 1 AND dirty_direction IS NULL", {}}};
}

SqlCommand VersionStoreSql::select_log() const {
  return {"SELECT id, logged_at, action, revision, detail, performed_by FROM " + m_log_table + " ORDER BY id", {}};
}

SqlCommand VersionStoreSql::select_alembic() const {
  return {"SELECT version_num FROM " + m_alembic_table + " ORDER BY version_num", {}};
}

SqlCommand VersionStoreSql::table_exists(std::string_view bare_name) const {
  if (m_engine == Engine::sqlite)
    return {"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $1", {std::string(bare_name)}};
  return {"SELECT CASE WHEN to_regclass($1) IS NULL THEN '0' ELSE '1' END", {qualify(bare_name)}};
}

}  // namespace strata::db
