// SQLite scratch databases (see scratch.hpp): a temporary file, or the user's explicit one.
#include <filesystem>

#include <fmt/format.h>

#include "strata/db/scratch.hpp"
#include "strata/db/scratch_impl.hpp"
#include "strata/db/sql_text.hpp"
#include "strata/db/sqlite/sqlite_scratch.hpp"

namespace strata::db::sqlite {

namespace {

// The files SQLite and strata's lock keep beside a database.
void remove_database_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm", ".strata-lock"})
    std::filesystem::remove(path + suffix, ignored);
}

class SqliteScratch final : public ScratchDatabase {
public:
  // `remove_file`: strata created the file, so dropping removes it; otherwise dropping empties it.
  SqliteScratch(const DatabaseUrl& url, const ScratchOptions& options, bool remove_file)
      : m_path(url.sqlite_path()), m_display(url.redacted()), m_remove_file(remove_file) {
    ConnectOptions connect = options.connect;
    connect.create_if_missing = true;
    try {
      m_connection = db::connect(url, connect);
    } catch (...) {
      if (m_remove_file) remove_database_files(m_path);
      throw;
    }
  }
  ~SqliteScratch() override {
    try {
      drop();
    } catch (...) {  // best effort on the way out; drop() reports when called directly
    }
  }

  Connection& connection() override { return *m_connection; }
  const std::string& display_name() const noexcept override { return m_display; }

  // Closes the connection and leaves the database as it is: for a database that turned out not to be ours.
  void abandon() noexcept { m_connection.reset(); }

  void drop() override {
    if (!m_connection) return;
    if (m_remove_file) {
      m_connection.reset();
      remove_database_files(m_path);
      return;
    }
    auto connection = std::move(m_connection);
    empty_database(*connection);
  }

private:
  std::string m_path;
  std::string m_display;
  bool m_remove_file;
  std::unique_ptr<Connection> m_connection;
};

}  // namespace

std::unique_ptr<ScratchDatabase> create_temporary_scratch(const ScratchOptions& options) {
  const std::filesystem::path path = options.directory / (scratch_name() + ".db");
  auto scratch = std::make_unique<SqliteScratch>(DatabaseUrl::parse("sqlite:" + path.string()), options, true);
  // Nothing on a scratch file needs to survive a crash; skipping the syncs makes replays several times faster.
  scratch->connection().execute("PRAGMA synchronous = OFF");
  return scratch;
}

std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url, const ScratchOptions& options) {
  std::error_code error;
  const bool existed = url.is_memory() || std::filesystem::exists(url.sqlite_path(), error);
  auto scratch = std::make_unique<SqliteScratch>(url, options, !existed);
  const auto objects =
      scratch->connection().query("SELECT count(*) FROM sqlite_schema WHERE name NOT GLOB 'sqlite_*'").one_field();
  if (objects.value_or("0") != "0") {
    // Not ours to empty: forget the connection without touching the file.
    scratch->abandon();
    throw DatabaseError(ErrorCode::scratch_not_empty,
                        fmt::format("the scratch database {} is not empty ({} {}); strata drops everything it "
                                    "creates there, so it must start empty\nhint: name an empty or new file as the "
                                    "scratch database, e.g. --scratch-url sqlite:scratch.db",
                                    url.redacted(), *objects, *objects == "1" ? "object" : "objects"));
  }
  return scratch;
}

void empty_database(Connection& connection) {
  // Views and triggers first (they name tables), then tables; foreign keys off so the order of tables is free.
  connection.execute("PRAGMA foreign_keys = OFF");
  const auto objects = connection.query(
      "SELECT type, name FROM sqlite_schema WHERE name NOT GLOB 'sqlite_*' AND type IN ('view', 'trigger', 'table') "
      "ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 ELSE 2 END, name");
  for (const Row& row : objects.rows()) {
    const std::string_view kind = *row[0] == "table" ? "TABLE" : *row[0] == "view" ? "VIEW" : "TRIGGER";
    connection.execute(fmt::format("DROP {} IF EXISTS {}", kind, quote_identifier(*row[1])));
  }
  connection.execute("VACUUM");
}

}  // namespace strata::db::sqlite
