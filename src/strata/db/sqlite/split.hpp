#pragma once
#include <string_view>
#include <vector>

#include "strata/db/statement.hpp"

namespace strata::db::sqlite {

// Statement boundaries by SQLite itself: sqlite3_prepare_v2 tail-walking on a private in-memory connection,
// checked by sqlite3_complete(), which alone decides where preparing cannot (a statement that does not compile
// against an empty schema may stop the parser early). ';' in strings, comments and CREATE TRIGGER bodies does
// not split.
std::vector<Statement> split(std::string_view sql);

// Whether the statement compiles to OP_AutoCommit (BEGIN, COMMIT, END, ROLLBACK): EXPLAIN on a private in-memory
// connection, which compiles the statement without running it.
bool controls_transaction(std::string_view statement);

}  // namespace strata::db::sqlite
