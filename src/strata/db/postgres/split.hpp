#pragma once
#include <string_view>
#include <vector>

#include "strata/db/statement.hpp"

namespace strata::db::postgres {

// Statement boundaries by libpg_query's scanner-based splitter (pg_query_split_with_scanner): PostgreSQL's own
// lexer, so dollar quoting, E'' strings and nested comments are handled, and statements with syntax errors still
// split (the server reports those errors, with positions, when they run).
std::vector<Statement> split(std::string_view sql);

// Whether libpg_query parses the statement as a TransactionStmt that begins or ends a transaction (not a
// savepoint).
bool controls_transaction(std::string_view statement);

}  // namespace strata::db::postgres
