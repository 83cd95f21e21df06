#pragma once
// A database of its own for one end-to-end test, on either engine, and a way to look inside it that does not go
// through strata (so the tests check what strata did with an independent reader):
//   SQLite      a file in the test's temporary folder
//   PostgreSQL  a fresh database created on the server of $STRATA_TEST_PG_URL (from template0, so tests running
//               in parallel never collide) and dropped, with any leftover sessions, when the object goes away
//               (support/postgres.hpp's ScratchPgDatabase).
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/postgres.hpp"

namespace strata::testing {

enum class Backend { sqlite, postgres };

// "sqlite" / "postgres": the suffix of parametrized test names.
std::string backend_name(Backend backend);

using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;

// Direct access to a database through libsqlite3 / libpq, one connection per call (so a test never holds a lock or
// a stale handle to a file it replaced). Throws std::runtime_error with the driver's message on failure.
Rows query_database(Backend backend, const std::string& target, const std::string& sql);
void execute_database(Backend backend, const std::string& target, const std::string& sql);

class TestDatabase {
public:
  // SQLite: `dir/<name>.db`, created empty (a zero-byte file is a valid empty database).
  // PostgreSQL: a new database named after `name` plus a unique suffix; requires pg_admin_url().
  TestDatabase(Backend backend, const std::filesystem::path& dir, const std::string& name);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Backend backend() const noexcept { return m_backend; }
  // What `--url` takes: sqlite:///abs/path.db or the PostgreSQL URL of the new database.
  const std::string& url() const noexcept { return m_url; }
  // SQLite only: the file.
  const std::filesystem::path& file() const noexcept { return m_file; }
  // PostgreSQL only: the database's name.
  const std::string& pg_name() const noexcept { return m_pg->name(); }

  Rows query(const std::string& sql) const;
  void execute(const std::string& sql) const;
  // A single value (first row, first column); throws when there is no row or it is NULL.
  std::string scalar(const std::string& sql) const;

  // User tables (excluding the engines' own catalogs), sorted.
  std::vector<std::string> tables() const;
  bool has_table(const std::string& name) const;
  // Every table, column (with type, nullability, default), index and constraint, one per line, sorted: two
  // listings are equal when the schemas are.
  std::string schema_listing() const;

  // strata_migrations.revision, sorted; empty when the table does not exist.
  std::vector<std::string> applied_revisions() const;
  // Rows of strata_migrations_log per (action, revision) ; empty when the table does not exist.
  std::map<std::pair<std::string, std::string>, int> log_counts() const;
  // alembic_version.version_num, sorted; empty when the table does not exist.
  std::vector<std::string> alembic_versions() const;

private:
  const std::string& target() const noexcept { return m_backend == Backend::sqlite ? m_file_string : m_url; }

  Backend m_backend;
  std::filesystem::path m_file;
  std::string m_file_string;
  std::string m_url;
  std::optional<ScratchPgDatabase> m_pg;
};

}  // namespace strata::testing
