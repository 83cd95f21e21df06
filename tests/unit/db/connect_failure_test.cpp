// libpq's own message texts (PostgreSQL 15) for the failures a trust-authenticated test server cannot produce.
#include "strata/db/postgres/connect_failure.hpp"

#include <gtest/gtest.h>

namespace strata::db::postgres {
namespace {

TEST(ClassifyConnectFailure, WrongPassword) {
  const auto failure = classify_connect_failure(
      "connection to server at \"db.internal\" (10.0.0.5), port 5432 failed: FATAL:  password authentication failed "
      "for user \"app\"");
  EXPECT_EQ(std::string(to_string(failure.code)), "authentication_failed");
  EXPECT_EQ(failure.hint,
            "the server refused the credentials: check the user name and password (the password is not shown)");
}

TEST(ClassifyConnectFailure, MissingPassword) {
  EXPECT_EQ(classify_connect_failure("connection to server on socket \"/run/pg/.s.PGSQL.5432\" failed: "
                                     "fe_sendauth: no password supplied")
                .code,
            ErrorCode::authentication_failed);
}

TEST(ClassifyConnectFailure, UnknownRole) {
  const auto failure = classify_connect_failure(
      "connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  role \"nobody\" does not exist");
  EXPECT_EQ(std::string(to_string(failure.code)), "authentication_failed");
  EXPECT_EQ(failure.hint, "the server has no such user (role): check the user name in the URL");
}

TEST(ClassifyConnectFailure, MissingDatabase) {
  EXPECT_EQ(classify_connect_failure("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  "
                                     "database \"orders\" does not exist")
                .code,
            ErrorCode::database_missing);
}

TEST(ClassifyConnectFailure, UnreachableServers) {
  for (const char* message :
       {"connection to server at \"127.0.0.1\", port 5999 failed: Connection refused\n\tIs the server running on that "
        "host and accepting TCP/IP connections?",
        "could not translate host name \"db.nowhere\" to address: Name or service not known",
        "connection to server at \"10.1.2.3\", port 5432 failed: timeout expired",
        "connection to server on socket \"/nope/.s.PGSQL.5432\" failed: No such file or directory"}) {
    EXPECT_EQ(classify_connect_failure(message).code, ErrorCode::unreachable) << message;
  }
}

TEST(ClassifyConnectFailure, AnythingElseHasNoHint) {
  const auto failure = classify_connect_failure("invalid sslmode value: \"sometimes\"");
  EXPECT_EQ(std::string(to_string(failure.code)), "connect_failed");
  EXPECT_EQ(failure.hint, "");
}

}  // namespace
}  // namespace strata::db::postgres
