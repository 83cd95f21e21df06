#pragma once
// The one place libpq failures become strata errors.
#include <libpq-fe.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "strata/db/statement_error.hpp"

namespace strata::db::postgres {

// The StatementError of a failed result: SQLSTATE, primary message, detail and hint lines, and the error position
// converted from PostgreSQL's 1-based character position to a 0-based byte offset in `statement`. A lost
// connection (no SQLSTATE, connection bad) is code "connection_lost". `password` is scrubbed from every text taken
// from the server or libpq.
StatementError result_error(PGconn* connection, const PGresult* result, std::string_view display,
                            std::string_view statement, std::string_view password);
// Throws result_error(...).
[[noreturn]] void throw_result_error(PGconn* connection, const PGresult* result, std::string_view display,
                                     std::string_view statement, std::string_view password);

// The DatabaseError for a failed PQconnectdbParams, with a hint chosen by what libpq reported.
[[noreturn]] void throw_connect_error(PGconn* connection, std::string_view display, std::string_view password);

// 0-based byte offset of the `characters`-th character (0-based) of UTF-8 `text`.
std::size_t utf8_byte_offset(std::string_view text, std::size_t characters) noexcept;

}  // namespace strata::db::postgres
