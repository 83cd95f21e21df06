#include "strata/db/postgres/errors.hpp"

#include <fmt/format.h>

#include <optional>

#include "strata/db/backup.hpp"
#include "strata/db/postgres/connect_failure.hpp"
#include "strata/db/statement_error.hpp"
#include "strata/db/url.hpp"
#include "strata/util/strings.hpp"

namespace strata::db::postgres {

namespace {

std::string field(const PGresult* result, int code) {
  const char* value = result != nullptr ? PQresultErrorField(result, code) : nullptr;
  return value != nullptr ? value : "";
}

}  // namespace

std::size_t utf8_byte_offset(std::string_view text, std::size_t characters) noexcept {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < text.size() && seen < characters; ++seen) {
    ++i;  // skip the lead byte, then its continuation bytes (10xxxxxx)
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

StatementError result_error(PGconn* connection, const PGresult* result, std::string_view display,
                            std::string_view statement, std::string_view password) {
  const std::string sqlstate = field(result, PG_DIAG_SQLSTATE);
  std::string primary = scrub_secret(field(result, PG_DIAG_MESSAGE_PRIMARY), password);
  if (primary.empty()) {
    primary = scrub_secret(std::string(util::trim(PQerrorMessage(connection))), password);
    if (primary.empty()) primary = "unknown error";
  }
  if (sqlstate.empty() && PQstatus(connection) == CONNECTION_BAD)
    // Whatever was running is rolled back by the server with the session; the caller says what that means for
    // its own work. What to do first is the same everywhere: find out whether the server is back.
    return StatementError(ErrorCode::connection_lost,
                          fmt::format("{}: connection lost: {}\nhint: check that the server accepts connections again: "
                                      "pg_isready -d {}",
                                      display, primary, shell_quote(std::string(display))),
                          statement_fields(sqlstate, std::string(statement), primary), std::nullopt);
  std::optional<std::size_t> offset;
  const std::string position = field(result, PG_DIAG_STATEMENT_POSITION);
  if (!position.empty()) {
    const long characters = std::stol(position);
    if (characters > 0) offset = utf8_byte_offset(statement, static_cast<std::size_t>(characters - 1));
  }
  std::string message = sqlstate.empty() ? fmt::format("{}: {}", display, primary)
                                         : fmt::format("{}: {} [{}]", display, primary, sqlstate);
  if (const std::string detail = scrub_secret(field(result, PG_DIAG_MESSAGE_DETAIL), password); !detail.empty())
    message += fmt::format("\ndetail: {}", detail);
  if (const std::string hint = scrub_secret(field(result, PG_DIAG_MESSAGE_HINT), password); !hint.empty())
    message += fmt::format("\nhint: {}", hint);
  return StatementError(ErrorCode::sql_error, message, statement_fields(sqlstate, std::string(statement), primary),
                        offset);
}

void throw_result_error(PGconn* connection, const PGresult* result, std::string_view display,
                        std::string_view statement, std::string_view password) {
  throw result_error(connection, result, display, statement, password);
}

void throw_connect_error(PGconn* connection, std::string_view display, std::string_view password) {
  const std::string reason = scrub_secret(
      std::string(util::trim(connection != nullptr ? PQerrorMessage(connection) : "out of memory")), password);
  const ConnectFailure failure = classify_connect_failure(reason);
  std::string message = fmt::format("cannot connect to {}: {}", display, reason);
  if (!failure.hint.empty()) message += fmt::format("\nhint: {}", failure.hint);
  // Scrub the whole text: even a host name that happens to equal the password is not shown.
  throw DatabaseError(failure.code, scrub_secret(std::move(message), password));
}

}  // namespace strata::db::postgres
