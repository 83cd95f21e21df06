#include "strata/db/version_store_sql.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>

#include <fmt/format.h>

#include "strata/core/error.hpp"

namespace strata::db {

namespace {

constexpr std::size_t k_pg_identifier_limit = 63;
constexpr std::size_t k_alembic_revision_limit = 32;
const std::string k_direction_column = "dirty_direction TEXT CHECK (dirty_direction IN ('up', 'down'))";
// How stores made before dirty_direction existed marked a failed downgrade: a prefix of dirty_error.
constexpr std::string_view k_legacy_down_prefix = "downgrade: ";

void check_name(Engine engine, const std::string& name, std::string_view what) {
  if (name.empty()) throw ConfigError(ErrorCode::config, fmt::format("version-store {} name is empty", what));
  if (name.find('\0') != std::string::npos)
    throw ConfigError(ErrorCode::config, fmt::format("version-store {} name contains a NUL byte", what));
  if (engine == Engine::postgres && name.size() > k_pg_identifier_limit)
    throw ConfigError(
        ErrorCode::config,
        fmt::format("version-store {} name '{}' is longer than PostgreSQL's 63-byte identifier limit", what, name));
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
  if (user.empty()) user = fmt::format("uid{}", geteuid());
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) return user;
  return fmt::format("{}@{}", user, host.data());
}

VersionStoreSql::VersionStoreSql(Engine engine, VersionStoreOptions options)
    : m_engine(engine), m_options(std::move(options)) {
  check_name(engine, m_options.table, "table");
  check_name(engine, m_options.log_table, "log table");
  if (m_options.table == m_options.log_table)
    throw ConfigError(ErrorCode::config,
                      fmt::format("version-store table and log table are both named '{}'; give them different names",
                                  m_options.table));
  if (!m_options.schema.empty()) {
    if (engine == Engine::sqlite)
      throw ConfigError(ErrorCode::config,
                        fmt::format("version-store schema '{}' is only supported on PostgreSQL (SQLite has no schemas)",
                                    m_options.schema));
    check_name(engine, m_options.schema, "schema");
  }
  if (m_options.actor.empty()) m_options.actor = default_actor();
  m_table = qualify(m_options.table);
  m_log_table = qualify(m_options.log_table);
  m_alembic_table = qualify("alembic_version");
}

std::string VersionStoreSql::qualify(std::string_view name) const {
  if (m_options.schema.empty()) return quote_identifier(name);
  return fmt::format("{}.{}", quote_identifier(m_options.schema), quote_identifier(name));
}

std::string VersionStoreSql::table_display() const {
  return m_options.schema.empty() ? m_options.table : fmt::format("{}.{}", m_options.schema, m_options.table);
}

std::string VersionStoreSql::now() const {
  if (m_engine == Engine::sqlite) return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  return "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

std::vector<SqlCommand> VersionStoreSql::create() const {
  std::vector<SqlCommand> commands;
  if (!m_options.schema.empty())
    commands.push_back({fmt::format("CREATE SCHEMA IF NOT EXISTS {}", quote_identifier(m_options.schema)), {}});
  commands.push_back({fmt::format("CREATE TABLE IF NOT EXISTS {} (revision TEXT PRIMARY KEY, checksum TEXT NOT NULL, "
                                  "applied_at TEXT NOT NULL, execution_ms BIGINT NOT NULL DEFAULT 0, applied_by TEXT "
                                  "NOT NULL, dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)), "
                                  "statements_done INTEGER NOT NULL DEFAULT 0, dirty_statement INTEGER, dirty_error "
                                  "TEXT, {}, schema_hash TEXT)",
                                  m_table, k_direction_column),
                      {}});
  const std::string_view id = m_engine == Engine::sqlite ? "id INTEGER PRIMARY KEY AUTOINCREMENT"
                                                         : "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  commands.push_back({fmt::format("CREATE TABLE IF NOT EXISTS {} ({}, logged_at TEXT NOT NULL, action TEXT NOT NULL "
                                  "CHECK (action IN ('upgrade', 'downgrade', 'stamp', 'failure', 'resolve')), "
                                  "revision TEXT, detail TEXT, performed_by TEXT NOT NULL)",
                                  m_log_table, id),
                      {}});
  if (m_options.alembic_version)
    commands.push_back({fmt::format("CREATE TABLE IF NOT EXISTS {} (version_num VARCHAR(32) NOT NULL, CONSTRAINT "
                                    "alembic_version_pkc PRIMARY KEY (version_num))",
                                    m_alembic_table),
                        {}});
  return commands;
}

SqlCommand VersionStoreSql::insert_applied(std::string_view revision, std::string_view checksum,
                                           std::int64_t execution_ms) const {
  return {fmt::format("INSERT INTO {} (revision, checksum, applied_at, execution_ms, applied_by) VALUES ($1, $2, {}, "
                      "$3, $4)",
                      m_table, now()),
          {std::string(revision), std::string(checksum), std::to_string(execution_ms), m_options.actor}};
}

SqlCommand VersionStoreSql::delete_applied(std::string_view revision) const {
  return {fmt::format("DELETE FROM {} WHERE revision = $1", m_table), {std::string(revision)}};
}

SqlCommand VersionStoreSql::delete_all_applied() const { return {fmt::format("DELETE FROM {}", m_table), {}}; }

SqlCommand VersionStoreSql::insert_started(std::string_view revision, std::string_view checksum) const {
  return {fmt::format("INSERT INTO {} (revision, checksum, applied_at, execution_ms, applied_by, dirty, "
                      "statements_done, dirty_direction) VALUES ($1, $2, {}, 0, $3, 1, 0, 'up')",
                      m_table, now()),
          {std::string(revision), std::string(checksum), m_options.actor}};
}

SqlCommand VersionStoreSql::update_progress(std::string_view revision, int statements_done) const {
  return {fmt::format("UPDATE {} SET statements_done = $2 WHERE revision = $1", m_table),
          {std::string(revision), std::to_string(statements_done)}};
}

SqlCommand VersionStoreSql::update_failed(std::string_view revision, int statement_index, std::string_view error,
                                          DirtyDirection direction) const {
  return {
      fmt::format("UPDATE {} SET dirty = 1, dirty_statement = $2, dirty_error = $3, dirty_direction = $4 WHERE "
                  "revision = $1",
                  m_table),
      {std::string(revision), std::to_string(statement_index), std::string(error), std::string(to_string(direction))}};
}

SqlCommand VersionStoreSql::update_completed(std::string_view revision, std::int64_t execution_ms,
                                             const std::optional<std::string>& checksum) const {
  SqlCommand command{fmt::format("UPDATE {} SET dirty = 0, dirty_statement = NULL, dirty_error = NULL, "
                                 "dirty_direction = NULL, applied_at = {}, execution_ms = $2, applied_by = $3",
                                 m_table, now()),
                     {std::string(revision), std::to_string(execution_ms), m_options.actor}};
  if (checksum) {
    command.sql += ", checksum = $4";
    command.params.emplace_back(*checksum);
  }
  command.sql += " WHERE revision = $1";
  return command;
}

SqlCommand VersionStoreSql::update_checksum(std::string_view revision, std::string_view checksum) const {
  return {fmt::format("UPDATE {} SET checksum = $2 WHERE revision = $1", m_table),
          {std::string(revision), std::string(checksum)}};
}

SqlCommand VersionStoreSql::insert_log(LogAction action, std::string_view revision, std::string_view detail) const {
  Cell revision_cell = revision.empty() ? Cell() : Cell(std::string(revision));
  Cell detail_cell = detail.empty() ? Cell() : Cell(std::string(detail));
  return {fmt::format("INSERT INTO {} (logged_at, action, revision, detail, performed_by) VALUES ({}, $1, $2, $3, $4)",
                      m_log_table, now()),
          {std::string(to_string(action)), std::move(revision_cell), std::move(detail_cell), m_options.actor}};
}

SqlCommand VersionStoreSql::update_schema_hash(std::string_view revision, std::string_view hash) const {
  return {fmt::format("UPDATE {} SET schema_hash = $2 WHERE revision = $1", m_table),
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
  return {fmt::format("ALTER TABLE {} ADD COLUMN schema_hash TEXT", m_table), {}};
}

SqlCommand VersionStoreSql::select_schema_hashes() const {
  return {
      fmt::format("SELECT revision, schema_hash FROM {} WHERE schema_hash IS NOT NULL ORDER BY applied_at, revision",
                  m_table),
      {}};
}

std::vector<SqlCommand> VersionStoreSql::set_alembic_heads(const std::vector<std::string>& heads) const {
  std::vector<SqlCommand> commands{{fmt::format("DELETE FROM {}", m_alembic_table), {}}};
  for (const std::string& head : heads) {
    if (head.size() > k_alembic_revision_limit)
      throw UsageError(ErrorCode::alembic_revision_too_long,
                       fmt::format("revision '{}' is longer than the 32 characters alembic_version.version_num "
                                   "holds; run without alembic_version",
                                   head));
    commands.push_back({fmt::format("INSERT INTO {} (version_num) VALUES ($1)", m_alembic_table), {head}});
  }
  return commands;
}

SqlCommand VersionStoreSql::select_applied(bool has_direction_column) const {
  const std::string error_and_direction =
      has_direction_column
          ? std::string("dirty_error, dirty_direction")
          : fmt::format(
                "CASE WHEN dirty_error LIKE '{0}%' THEN substr(dirty_error, {1}) ELSE dirty_error END, "
                "CASE WHEN dirty_error LIKE '{0}%' THEN 'down' END",
                k_legacy_down_prefix, k_legacy_down_prefix.size() + 1);
  return {fmt::format("SELECT revision, checksum, applied_at, execution_ms, applied_by, dirty, statements_done, "
                      "dirty_statement, {} FROM {} ORDER BY applied_at, revision",
                      error_and_direction, m_table),
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
  return {
      {fmt::format("ALTER TABLE {} ADD COLUMN {}", m_table, k_direction_column), {}},
      {fmt::format("UPDATE {} SET dirty_direction = 'down', dirty_error = substr(dirty_error, {}) WHERE dirty = 1 "
                   "AND dirty_error LIKE '{}%'",
                   m_table, k_legacy_down_prefix.size() + 1, k_legacy_down_prefix),
       {}},
      {fmt::format("UPDATE {} SET dirty_direction = 'up' WHERE dirty = 1 AND dirty_direction IS NULL", m_table), {}}};
}

SqlCommand VersionStoreSql::select_log() const {
  return {fmt::format("SELECT id, logged_at, action, revision, detail, performed_by FROM {} ORDER BY id", m_log_table),
          {}};
}

SqlCommand VersionStoreSql::select_alembic() const {
  return {fmt::format("SELECT version_num FROM {} ORDER BY version_num", m_alembic_table), {}};
}

SqlCommand VersionStoreSql::table_exists(std::string_view bare_name) const {
  if (m_engine == Engine::sqlite)
    return {"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $1", {std::string(bare_name)}};
  return {"SELECT CASE WHEN to_regclass($1) IS NULL THEN '0' ELSE '1' END", {qualify(bare_name)}};
}

}  // namespace strata::db
