#pragma once
// A backup before migrating (`upgrade --backup PATH`). The engine must refuse to migrate when this throws.
//
// SQLite: the online backup API (sqlite3_backup_*) copies the database page by page into PATH — a consistent
//   snapshot even while other connections use it.
// PostgreSQL: runs the real `pg_dump -Fc -f PATH` (custom format, for pg_restore). Connection parameters go on
//   its command line as a conninfo string WITHOUT the password; the password goes in its environment
//   (PGPASSWORD), so it never shows in `ps`. pg_dump's stderr is part of the error, scrubbed of the password.
#include <string>

#include "strata/db/connection.hpp"

namespace strata::db {

struct BackupOptions {
  std::string pg_dump = "pg_dump";  // program name (looked up on PATH) or path
  bool overwrite = false;           // replace an existing file at the path
};

struct BackupResult {
  std::string path;
  // What to print so an operator can restore, e.g.
  //   sqlite3 'app.db' ".restore 'backup.db'"
  //   pg_restore --clean --if-exists --dbname 'postgresql://app@db/orders' 'backup.dump'
  // (the URL without its password: the operator supplies it, e.g. through PGPASSWORD).
  std::string restore_command;
};

// Throws DatabaseError (exit 4): code "backup_exists" when the file exists and !overwrite, "backup_failed" when
// the copy or pg_dump fails (naming the database, redacted, and the reason), "pg_dump_missing" when the program
// cannot be run. A failed backup leaves no partial file behind.
BackupResult backup(Connection& connection, const std::string& path, const BackupOptions& options = {});

// Single-quotes `text` for a POSIX shell.
std::string shell_quote(const std::string& text);
// `text` as it is when a POSIX shell would read it back unchanged (letters, digits, `_@%+=:,./-`), else quoted.
std::string shell_quote_if_needed(const std::string& text);

}  // namespace strata::db
