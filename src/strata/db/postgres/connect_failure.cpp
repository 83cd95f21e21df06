#include "strata/db/postgres/connect_failure.hpp"

namespace strata::db::postgres {

namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

ConnectFailure classify_connect_failure(std::string_view libpq_message) {
  if (contains(libpq_message, "password authentication failed") || contains(libpq_message, "no password supplied") ||
      contains(libpq_message, "authentication failed") || contains(libpq_message, "fe_sendauth"))
    return {ErrorCode::authentication_failed,
            "the server refused the credentials: check the user name and password (the password is not shown)"};
  if (contains(libpq_message, "role \"") && contains(libpq_message, "does not exist"))
    return {ErrorCode::authentication_failed, "the server has no such user (role): check the user name in the URL"};
  if (contains(libpq_message, "does not exist") && contains(libpq_message, "database"))
    return {ErrorCode::database_missing,
            "the server is reachable but has no such database: create it (createdb) or fix the database name"};
  if (contains(libpq_message, "Connection refused") || contains(libpq_message, "No such file or directory") ||
      contains(libpq_message, "could not translate host name") || contains(libpq_message, "timeout expired") ||
      contains(libpq_message, "No route to host") || contains(libpq_message, "Network is unreachable"))
    return {ErrorCode::unreachable,
            "no server answered: check that PostgreSQL is running and the host, port or ?host= socket directory"};
  return {ErrorCode::connect_failed, ""};
}

}  // namespace strata::db::postgres
