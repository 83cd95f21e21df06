#include "strata/db/postgres/connect_failure.hpp"

namespace strata::db::postgres {

namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

ConnectFailure classify_connect_failure(std::string_view reason) {
  if (contains(reason, "password authentication failed") || contains(reason, "no password supplied") ||
      contains(reason, "authentication failed") || contains(reason, "fe_sendauth"))
    return {ErrorCode::authentication_failed,
            "the server refused the credentials: check the user name and password (the password is not shown)"};
  if (contains(reason, "role \"") && contains(reason, "does not exist"))
    return {ErrorCode::authentication_failed, "the server has no such user (role): check the user name in the URL"};
  if (contains(reason, "does not exist") && contains(reason, "database"))
    return {ErrorCode::database_missing,
            "the server is reachable but has no such database: create it (createdb) or fix the database name"};
  if (contains(reason, "Connection refused") || contains(reason, "No such file or directory") ||
      contains(reason, "could not translate host name") || contains(reason, "timeout expired") ||
      contains(reason, "No route to host") || contains(reason, "Network is unreachable"))
    return {ErrorCode::unreachable,
            "no server answered: check that PostgreSQL is running and the host, port or ?host= socket directory"};
  return {ErrorCode::connect_failed, ""};
}

}  // namespace strata::db::postgres
