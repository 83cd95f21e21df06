#include "strata/db/sqlite/errors.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "strata/db/statement_error.hpp"

namespace strata::db::sqlite {

namespace {

#define STRATA_CODE(name) \
  std::pair<int, const char*> { name, #name }
constexpr std::array k_codes{
    STRATA_CODE(SQLITE_ERROR),
    STRATA_CODE(SQLITE_INTERNAL),
    STRATA_CODE(SQLITE_PERM),
    STRATA_CODE(SQLITE_ABORT),
    STRATA_CODE(SQLITE_BUSY),
    STRATA_CODE(SQLITE_LOCKED),
    STRATA_CODE(SQLITE_NOMEM),
    STRATA_CODE(SQLITE_READONLY),
    STRATA_CODE(SQLITE_INTERRUPT),
    STRATA_CODE(SQLITE_IOERR),
    STRATA_CODE(SQLITE_CORRUPT),
    STRATA_CODE(SQLITE_NOTFOUND),
    STRATA_CODE(SQLITE_FULL),
    STRATA_CODE(SQLITE_CANTOPEN),
    STRATA_CODE(SQLITE_PROTOCOL),
    STRATA_CODE(SQLITE_EMPTY),
    STRATA_CODE(SQLITE_SCHEMA),
    STRATA_CODE(SQLITE_TOOBIG),
    STRATA_CODE(SQLITE_CONSTRAINT),
    STRATA_CODE(SQLITE_MISMATCH),
    STRATA_CODE(SQLITE_MISUSE),
    STRATA_CODE(SQLITE_NOLFS),
    STRATA_CODE(SQLITE_AUTH),
    STRATA_CODE(SQLITE_FORMAT),
    STRATA_CODE(SQLITE_RANGE),
    STRATA_CODE(SQLITE_NOTADB),
    STRATA_CODE(SQLITE_NOTICE),
    STRATA_CODE(SQLITE_WARNING),
    STRATA_CODE(SQLITE_ERROR_MISSING_COLLSEQ),
    STRATA_CODE(SQLITE_ERROR_RETRY),
    STRATA_CODE(SQLITE_ERROR_SNAPSHOT),
    STRATA_CODE(SQLITE_IOERR_READ),
    STRATA_CODE(SQLITE_IOERR_SHORT_READ),
    STRATA_CODE(SQLITE_IOERR_WRITE),
    STRATA_CODE(SQLITE_IOERR_FSYNC),
    STRATA_CODE(SQLITE_IOERR_DIR_FSYNC),
    STRATA_CODE(SQLITE_IOERR_TRUNCATE),
    STRATA_CODE(SQLITE_IOERR_FSTAT),
    STRATA_CODE(SQLITE_IOERR_UNLOCK),
    STRATA_CODE(SQLITE_IOERR_RDLOCK),
    STRATA_CODE(SQLITE_IOERR_DELETE),
    STRATA_CODE(SQLITE_IOERR_NOMEM),
    STRATA_CODE(SQLITE_IOERR_ACCESS),
    STRATA_CODE(SQLITE_IOERR_CHECKRESERVEDLOCK),
    STRATA_CODE(SQLITE_IOERR_LOCK),
    STRATA_CODE(SQLITE_IOERR_CLOSE),
    STRATA_CODE(SQLITE_IOERR_SHMOPEN),
    STRATA_CODE(SQLITE_IOERR_SHMSIZE),
    STRATA_CODE(SQLITE_IOERR_SHMMAP),
    STRATA_CODE(SQLITE_IOERR_SEEK),
    STRATA_CODE(SQLITE_IOERR_DELETE_NOENT),
    STRATA_CODE(SQLITE_IOERR_MMAP),
    STRATA_CODE(SQLITE_IOERR_GETTEMPPATH),
    STRATA_CODE(SQLITE_IOERR_CONVPATH),
    STRATA_CODE(SQLITE_IOERR_DATA),
    STRATA_CODE(SQLITE_IOERR_CORRUPTFS),
    STRATA_CODE(SQLITE_LOCKED_SHAREDCACHE),
    STRATA_CODE(SQLITE_LOCKED_VTAB),
    STRATA_CODE(SQLITE_BUSY_RECOVERY),
    STRATA_CODE(SQLITE_BUSY_SNAPSHOT),
    STRATA_CODE(SQLITE_BUSY_TIMEOUT),
    STRATA_CODE(SQLITE_CANTOPEN_NOTEMPDIR),
    STRATA_CODE(SQLITE_CANTOPEN_ISDIR),
    STRATA_CODE(SQLITE_CANTOPEN_FULLPATH),
    STRATA_CODE(SQLITE_CANTOPEN_CONVPATH),
    STRATA_CODE(SQLITE_CANTOPEN_SYMLINK),
    STRATA_CODE(SQLITE_CORRUPT_VTAB),
    STRATA_CODE(SQLITE_CORRUPT_SEQUENCE),
    STRATA_CODE(SQLITE_CORRUPT_INDEX),
    STRATA_CODE(SQLITE_READONLY_RECOVERY),
    STRATA_CODE(SQLITE_READONLY_CANTLOCK),
    STRATA_CODE(SQLITE_READONLY_ROLLBACK),
    STRATA_CODE(SQLITE_READONLY_DBMOVED),
    STRATA_CODE(SQLITE_READONLY_CANTINIT),
    STRATA_CODE(SQLITE_READONLY_DIRECTORY),
    STRATA_CODE(SQLITE_ABORT_ROLLBACK),
    STRATA_CODE(SQLITE_CONSTRAINT_CHECK),
    STRATA_CODE(SQLITE_CONSTRAINT_COMMITHOOK),
    STRATA_CODE(SQLITE_CONSTRAINT_FOREIGNKEY),
    STRATA_CODE(SQLITE_CONSTRAINT_FUNCTION),
    STRATA_CODE(SQLITE_CONSTRAINT_NOTNULL),
    STRATA_CODE(SQLITE_CONSTRAINT_PRIMARYKEY),
    STRATA_CODE(SQLITE_CONSTRAINT_TRIGGER),
    STRATA_CODE(SQLITE_CONSTRAINT_UNIQUE),
    STRATA_CODE(SQLITE_CONSTRAINT_VTAB),
    STRATA_CODE(SQLITE_CONSTRAINT_ROWID),
    STRATA_CODE(SQLITE_CONSTRAINT_PINNED),
    STRATA_CODE(SQLITE_CONSTRAINT_DATATYPE),
    STRATA_CODE(SQLITE_NOTICE_RECOVER_WAL),
    STRATA_CODE(SQLITE_NOTICE_RECOVER_ROLLBACK),
    STRATA_CODE(SQLITE_WARNING_AUTOINDEX),
    STRATA_CODE(SQLITE_AUTH_USER),
    STRATA_CODE(SQLITE_OK_LOAD_PERMANENTLY),
};
#undef STRATA_CODE

}  // namespace

std::string result_code_name(int code) {
  for (const auto& [value, name] : k_codes)
    if (value == code) return name;
  const int primary = code & 0xff;
  for (const auto& [value, name] : k_codes)
    if (value == primary) return fmt::format("{}_{}", name, code >> 8);
  return fmt::format("SQLITE_{}", code);
}

void throw_error(sqlite3* db, int code, std::string_view display, std::string_view statement, std::size_t base_offset,
                 std::optional<std::size_t> fallback_offset) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
  const std::string name = result_code_name(extended);
  const std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if ((code & 0xff) == SQLITE_BUSY)
    throw LockTimeoutError(
        fmt::format("{}: the database is locked by another connection ({}, {}); another strata or "
                    "application is writing — retry, or raise the busy timeout",
                    display, message, name));
  std::optional<std::size_t> offset = fallback_offset;
  if (db != nullptr) {
    const int at = sqlite3_error_offset(db);
    if (at >= 0) offset = base_offset + static_cast<std::size_t>(at);
  }
  throw StatementError(ErrorCode::sql_error, fmt::format("{}: {} [{}]", display, message, name),
                       statement_fields(name, std::string(statement), message), offset);
}

}  // namespace strata::db::sqlite
