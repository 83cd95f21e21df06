#include "strata/db/backup.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

namespace strata::db {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

std::string shell_quote_if_needed(const std::string& text) {
  const auto plain = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
  };
  if (!text.empty() && std::all_of(text.begin(), text.end(), plain)) return text;
  return shell_quote(text);
}

BackupResult backup(Connection& connection, const std::string& path, const BackupOptions& options) {
  std::error_code error;
  if (!options.overwrite && std::filesystem::exists(path, error))
    throw DatabaseError(ErrorCode::backup_exists,
                        fmt::format("backup file '{}' already exists; choose another path or remove it first", path));
  const std::string partial = path + ".partial";
  std::filesystem::remove(partial, error);
  BackupResult result = connection.write_backup(partial, path, options);
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::filesystem::remove(partial, error);
    throw DatabaseError(ErrorCode::backup_failed,
                        fmt::format("backup of {} failed: cannot move '{}' to '{}': {}", connection.display_name(),
                                    partial, path, error.message()));
  }
  return result;
}

}  // namespace strata::db
