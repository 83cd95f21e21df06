#pragma once
// Database URLs: which engine, and where. Parsing is pure (no file system, no network); `${VAR}` expansion
// happens earlier, in config.
//
//   sqlite:relative/path.db      a file, relative to the folder the URL came with (relative_to()): strata.toml's
//                                folder for its [databases.NAME] urls, the working directory for --url
//   sqlite:///abs/path.db        an absolute file path
//   sqlite::memory:              a private in-memory database
//   postgres://user:pa%40ss@host:5432/db?sslmode=require&connect_timeout=5
//   postgresql://user@/db?host=/var/run/postgresql      (unix-socket directory)
//
// PostgreSQL URLs are decomposed into libpq keyword/value pairs (percent-decoded) that the driver passes to
// PQconnectdbParams; every query parameter must be a libpq connection keyword. The password is kept only for the
// connection itself: `redacted()` is the form for every message, log and display.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::db {

enum class Engine { sqlite, postgres };

// "sqlite" or "postgresql", for messages and --json output.
std::string_view engine_name(Engine engine) noexcept;

class DatabaseUrl {
public:
  // Throws UsageError (code "bad_url") naming the exact problem; the message shows the URL redacted.
  static DatabaseUrl parse(std::string_view text);

  Engine engine() const noexcept { return m_engine; }

  // SQLite: the file path (as written, or made absolute by relative_to()), or ":memory:".
  const std::string& sqlite_path() const noexcept { return m_path; }
  // This URL with a relative SQLite file path made absolute against `folder` (the URL's text, as shown, stays as
  // written). PostgreSQL URLs, `:memory:`, absolute paths and an empty `folder` leave it unchanged.
  DatabaseUrl relative_to(const std::filesystem::path& folder) const;
  bool is_memory() const noexcept { return m_engine == Engine::sqlite && m_path == ":memory:"; }

  // PostgreSQL: libpq keyword/value pairs in URL order (user, password, host, port, dbname, then the query
  // parameters). A keyword given twice keeps its last value, as libpq does.
  const std::vector<std::pair<std::string, std::string>>& keywords() const noexcept { return m_keywords; }
  std::optional<std::string> keyword(std::string_view name) const;
  // The password, or empty. Only the driver and pg_dump's environment use it.
  std::string password() const;

  // The URL with any password replaced by "***": the only form that may be printed.
  const std::string& redacted() const noexcept { return m_redacted; }
  // The URL with the password left out entirely (for commands an operator runs with PGPASSWORD set).
  std::string without_password() const;
  // PostgreSQL: the same server and credentials, another database (scratch databases live beside the real one).
  DatabaseUrl with_database(std::string_view dbname) const;

private:
  Engine m_engine = Engine::sqlite;
  std::string m_scheme;  // as written: "sqlite", "postgres" or "postgresql"
  std::string m_path;
  std::string m_redacted;
  std::vector<std::pair<std::string, std::string>> m_keywords;
};

// Masks the password of anything that looks like a URL (`scheme://user:secret@...`, `password=secret`) in free
// text, for echoing input that failed to parse. Best effort; prefer DatabaseUrl::redacted().
std::string redact_url_text(std::string_view text);

// Replaces every occurrence of `secret` (and its percent-encoded form) in `text` with "***": applied to libpq's
// and pg_dump's messages before they are shown, in case they echo a connection parameter.
std::string scrub_secret(std::string text, std::string_view secret);

}  // namespace strata::db
