// SQLite backups through the online backup API.
#include <chrono>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "strata/db/backup_impl.hpp"
#include "strata/db/sqlite/errors.hpp"
#include "strata/db/sqlite/sqlite_connection.hpp"

namespace strata::db::sqlite {

namespace {

constexpr int k_pages_per_step = 1024;

[[noreturn]] void fail(const Connection& source, const std::string& write_path, const std::string& final_path,
                       const std::string& reason) {
  std::error_code ignored;
  std::filesystem::remove(write_path, ignored);  // no partial backup left behind
  throw DatabaseError(ErrorCode::backup_failed,
                      fmt::format("backup of {} to '{}' failed: {}", source.display_name(), final_path, reason));
}

}  // namespace

BackupResult backup(SqliteConnection& source, const std::string& write_path, const std::string& final_path) {
  sqlite3* raw = nullptr;
  const int open_rc = sqlite3_open_v2(write_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  DatabaseHandle destination(raw);
  if (open_rc != SQLITE_OK)
    fail(source, write_path, final_path, std::string(raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(open_rc)));
  {
    BackupHandle copy(sqlite3_backup_init(destination.get(), "main", source.handle(), "main"));
    if (!copy) fail(source, write_path, final_path, sqlite3_errmsg(destination.get()));
    int rc = SQLITE_OK;
    const auto deadline = std::chrono::steady_clock::now() + source.busy_timeout();
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      rc = sqlite3_backup_step(copy.get(), k_pages_per_step);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && std::chrono::steady_clock::now() > deadline) break;
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (rc != SQLITE_DONE)
      fail(source, write_path, final_path, fmt::format("{} [{}]", sqlite3_errstr(rc), result_code_name(rc)));
  }
  const int finish_rc = sqlite3_errcode(destination.get());
  if (finish_rc != SQLITE_OK) fail(source, write_path, final_path, sqlite3_errmsg(destination.get()));
  const std::string target = source.is_memory() ? std::string("NEW.db") : source.path();
  return BackupResult{final_path, fmt::format("sqlite3 {} {}", shell_quote(target),
                                              shell_quote(fmt::format(".restore '{}'", final_path)))};
}

}  // namespace strata::db::sqlite
