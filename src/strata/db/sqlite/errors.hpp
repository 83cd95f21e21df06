#pragma once
// The one place SQLite result codes become strata errors.
#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

namespace strata::db::sqlite {

// "SQLITE_CONSTRAINT_UNIQUE" for an extended result code; "SQLITE_<primary>_<n>" for one this table lacks.
std::string result_code_name(int code);

// Throws for a failed call on `db` (whose error state holds the details). SQLITE_BUSY (another connection holds
// the lock past the busy timeout) becomes LockTimeoutError; everything else StatementError with the code name as
// SQLSTATE and the byte offset of the error in `statement` (sqlite3_error_offset + `base_offset`, the position of
// the prepared text within `statement`; or `fallback_offset` when SQLite gives none).
[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view display, std::string_view statement,
                              std::size_t base_offset = 0, std::optional<std::size_t> fallback_offset = {});

}  // namespace strata::db::sqlite
