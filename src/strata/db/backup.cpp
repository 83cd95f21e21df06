#include "strata/db/backup.hpp"

#include <filesystem>


namespace strata::db {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

BackupResult backup(Connection& connection, const std::string& path, const BackupOptions& options) {
  std::error_code error;
  if (!options.overwrite && std::filesystem::exists(path, error))
    throw DatabaseError("backup file '" + path + "' already exists; choose another path or remove it first", {},
                        "backup_exists");
  const std::string partial = path + ".partial";
  std::filesystem::remove(partial, error);
  BackupResult result = connection.write_backup(partial, path, options);
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::filesystem::remove(partial, error);
    throw DatabaseError("backup of " + connection.display_name() + " failed: cannot move '" + partial + "' to '" +
                            path + "': " + error.message(),
                        {}, "backup_failed");
  }
  return result;
}

}  // namespace strata::db
