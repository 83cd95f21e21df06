#pragma once
#include <string_view>
#include <vector>

#include "strata/db/statement.hpp"

namespace strata::db::sqlite {

// Statement boundaries by sqlite3_complete(): a ';' ends a statement only where SQLite's own tokenizer says the
// text so far is complete (so ';' in strings, comments and CREATE TRIGGER bodies does not split).
std::vector<Statement> split(std::string_view sql);

}  // namespace strata::db::sqlite
