#pragma once
// Internal to db/: the per-engine halves of backup().
#include "strata/db/backup.hpp"

namespace strata::db {

// Each writes to `write_path` (a temporary name beside the target, which the caller renames to `final_path` on
// success, so an existing backup is never half-overwritten) and names `final_path` in the restore command.
namespace sqlite {
class SqliteConnection;
BackupResult backup(SqliteConnection& source, const std::string& write_path, const std::string& final_path);
}  // namespace sqlite

namespace postgres {
class PgConnection;
BackupResult backup(PgConnection& connection, const std::string& write_path, const std::string& final_path,
                    const BackupOptions& options);
}  // namespace postgres

}  // namespace strata::db
