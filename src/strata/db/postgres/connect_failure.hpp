#pragma once
// Tells the kinds of connection failure apart from libpq's message (libpq gives no SQLSTATE before a session
// exists), so the error can carry a stable code and a hint that says what to check.
#include <string>
#include <string_view>

#include "strata/error.hpp"

namespace strata::db::postgres {

struct ConnectFailure {
  ErrorCode code;    // authentication_failed, database_missing, unreachable or connect_failed
  std::string hint;  // empty for connect_failed
};

ConnectFailure classify_connect_failure(std::string_view libpq_message);

}  // namespace strata::db::postgres
