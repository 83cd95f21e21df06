#include "engine/support/test_database.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace strata::testing {

namespace fs = std::filesystem;

namespace {

struct SqliteCloser {
  void operator()(sqlite3* handle) const noexcept { sqlite3_close_v2(handle); }
};
struct PgCloser {
  void operator()(PGconn* handle) const noexcept { PQfinish(handle); }
};
struct PgResultCloser {
  void operator()(PGresult* handle) const noexcept { PQclear(handle); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;
using PgHandle = std::unique_ptr<PGconn, PgCloser>;
using PgResult = std::unique_ptr<PGresult, PgResultCloser>;

SqliteHandle open_sqlite(const std::string& file) {
  sqlite3* raw = nullptr;
  // Never SQLITE_OPEN_CREATE: looking must not create a database file that a test expects to be absent.
  const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  SqliteHandle handle(raw);
  if (rc != SQLITE_OK)
    throw std::runtime_error("test probe: cannot open " + file + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
  sqlite3_busy_timeout(raw, 30000);
  return handle;
}

Rows sqlite_rows(const std::string& file, const std::string& sql) {
  const auto db = open_sqlite(file);
  Rows rows;
  const char* tail = sql.c_str();
  while (*tail != '\0') {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db.get(), tail, -1, &raw, &tail) != SQLITE_OK)
      throw std::runtime_error("test probe: " + std::string(sqlite3_errmsg(db.get())) + " in: " + sql);
    if (raw == nullptr) continue;  // whitespace or a comment
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      Row row;
      for (int i = 0; i < sqlite3_column_count(raw); ++i) {
        const auto* text = sqlite3_column_text(raw, i);
        if (text == nullptr) row.emplace_back(std::nullopt);
        else row.emplace_back(reinterpret_cast<const char*>(text));
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE)
      throw std::runtime_error("test probe: " + std::string(sqlite3_errmsg(db.get())) + " in: " + sql);
  }
  return rows;
}

PgHandle connect_pg(const std::string& url) {
  PgHandle connection(PQconnectdb(url.c_str()));
  if (PQstatus(connection.get()) != CONNECTION_OK)
    throw std::runtime_error("test probe: cannot connect to PostgreSQL: " +
                             std::string(PQerrorMessage(connection.get())));
  return connection;
}

Rows pg_rows(const std::string& url, const std::string& sql) {
  const auto connection = connect_pg(url);
  const PgResult quiet(PQexec(connection.get(), "SET client_min_messages = warning"));
  PgResult result(PQexec(connection.get(), sql.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error("test probe: " + std::string(PQerrorMessage(connection.get())) + " in: " + sql);
  Rows rows;
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    Row row;
    for (int c = 0; c < PQnfields(result.get()); ++c) {
      if (PQgetisnull(result.get(), r, c)) row.emplace_back(std::nullopt);
      else row.emplace_back(PQgetvalue(result.get(), r, c));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> first_column(const Rows& rows) {
  std::vector<std::string> values;
  for (const auto& row : rows) values.push_back(row.at(0).value_or("NULL"));
  return values;
}

const char* k_pg_schema_listing = R"(
SELECT 'schema ' || nspname FROM pg_namespace
 WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp%'
UNION ALL
SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind=' || c.relkind::text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
   AND n.nspname NOT LIKE 'pg\_temp%'
UNION ALL
SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' null=' ||
       is_nullable || ' default=' || coalesce(column_default, '')
  FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'index ' || schemaname || '.' || indexname || ' ' || indexdef FROM pg_indexes
 WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'constraint ' || n.nspname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid)
  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1)";

bool is_bookkeeping(const std::string& table) {
  return table.starts_with("strata_migrations") || table == "alembic_version" || table.starts_with("sqlite_");
}

}  // namespace

std::string backend_name(Backend backend) { return backend == Backend::sqlite ? "sqlite" : "postgres"; }

Rows query_database(Backend backend, const std::string& target, const std::string& sql) {
  return backend == Backend::sqlite ? sqlite_rows(target, sql) : pg_rows(target, sql);
}

void execute_database(Backend backend, const std::string& target, const std::string& sql) {
  query_database(backend, target, sql);
}

TestDatabase::TestDatabase(Backend backend, const fs::path& dir, const std::string& raw_name) : m_backend(backend) {
  // Test names hold '/' (parametrized tests); PostgreSQL truncates names at 63 bytes, so keep the unique suffix.
  std::string name = raw_name.substr(0, 30);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_'; });
  if (backend == Backend::sqlite) {
    m_file = dir / (name + ".db");
    m_file_string = m_file.string();
    std::ofstream(m_file, std::ios::binary);  // an empty file is an empty SQLite database
    m_url = "sqlite://" + m_file_string;      // sqlite:///abs/path.db
    return;
  }
  m_pg.emplace("e2e_" + name);
  m_url = m_pg->url();
}

TestDatabase::~TestDatabase() = default;

Rows TestDatabase::query(const std::string& sql) const { return query_database(m_backend, target(), sql); }

void TestDatabase::execute(const std::string& sql) const { query(sql); }

std::string TestDatabase::scalar(const std::string& sql) const {
  const auto rows = query(sql);
  if (rows.empty() || rows[0].empty() || !rows[0][0]) throw std::runtime_error("test probe: no value from: " + sql);
  return *rows[0][0];
}

std::vector<std::string> TestDatabase::tables() const {
  const auto all = first_column(
      query(m_backend == Backend::sqlite
                ? "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
                : "SELECT tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
                  "ORDER BY tablename"));
  std::vector<std::string> user;
  std::copy_if(all.begin(), all.end(), std::back_inserter(user), [](const auto& t) { return !is_bookkeeping(t); });
  return user;
}

bool TestDatabase::has_table(const std::string& name) const {
  const auto sql = m_backend == Backend::sqlite
                       ? "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + name + "'"
                       : "SELECT count(*) FROM pg_tables WHERE tablename = '" + name + "'";
  return scalar(sql) != "0";
}

std::string TestDatabase::schema_listing() const {
  const auto rows = query(m_backend == Backend::sqlite
                              ? "SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || coalesce(sql, '') "
                                "FROM sqlite_schema ORDER BY 1"
                              : k_pg_schema_listing);
  std::string listing;
  for (const auto& line : first_column(rows)) listing += line + "\n";
  return listing;
}

std::vector<std::string> TestDatabase::applied_revisions() const {
  if (!has_table("strata_migrations")) return {};
  return first_column(query("SELECT revision FROM strata_migrations ORDER BY revision"));
}

std::map<std::pair<std::string, std::string>, int> TestDatabase::log_counts() const {
  std::map<std::pair<std::string, std::string>, int> counts;
  if (!has_table("strata_migrations_log")) return counts;
  for (const auto& row : query("SELECT action, coalesce(revision, ''), count(*) FROM strata_migrations_log "
                               "GROUP BY action, coalesce(revision, '')"))
    counts[{*row.at(0), *row.at(1)}] = std::stoi(*row.at(2));
  return counts;
}

std::vector<std::string> TestDatabase::alembic_versions() const {
  if (!has_table("alembic_version")) return {};
  return first_column(query("SELECT version_num FROM alembic_version ORDER BY version_num"));
}

}  // namespace strata::testing
