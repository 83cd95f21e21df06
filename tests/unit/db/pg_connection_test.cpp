#include <fmt/format.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "strata/db/backup.hpp"
#include "strata/db/connection.hpp"
#include "support.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;
using ::strata::testing::with_database;

// The error connecting to `url` raises, which must have `code` and the database's exit code; its message is
// returned for the checks of parts that vary with libpq's version.
std::string connect_error(const std::string& url, ErrorCode code,
                          const std::optional<std::string>& message = std::nullopt) {
  const auto error = expect_error<DatabaseError>([&] { connect(DatabaseUrl::parse(url)); }, code, message);
  EXPECT_EQ(error.exit_code(), ExitCode::database);
  return error.what();
}

TEST(PgConnection, UnreachableServerMessageIsRedactedWithHint) {
  // The password equals part of the socket path, which libpq echoes: it must be scrubbed from its message too.
  const std::string url = "postgresql://app:strata-nosock-xyz@/db?host=/tmp/strata-nosock-xyz";
  const std::string message =
      connect_error(url, ErrorCode::unreachable,
                    "cannot connect to postgresql://app:***@/db?host=/tmp/***: connection to server on socket "
                    "\"/tmp/***/.s.PGSQL.5432\" failed: No such file or directory\n\tIs the server running locally "
                    "and accepting connections on that socket?\nhint: no server answered: check that PostgreSQL is "
                    "running and the host, port or ?host= socket directory");
  EXPECT_EQ(message.find("strata-nosock-xyz"), std::string::npos) << message;
}

TEST(PgConnection, PasswordInParameterNeverShown) {
  const std::string message =
      connect_error("postgresql:///db?host=/tmp/strata-nosock-abc&password=Pa55word!", ErrorCode::unreachable);
  EXPECT_EQ(message.find("Pa55word!"), std::string::npos) << message;
  EXPECT_NE(message.find("password=***"), std::string::npos) << message;
}

TEST(PgConnection, MissingDatabase) {
  STRATA_PG_URL_OR_SKIP(base);
  const std::string message = connect_error(with_database(base, "strata_no_such_db"), ErrorCode::database_missing);
  EXPECT_NE(message.find("database \"strata_no_such_db\" does not exist"), std::string::npos) << message;
  EXPECT_NE(message.find("\nhint: the server is reachable but has no such database: create it (createdb) or fix the "
                         "database name"),
            std::string::npos)
      << message;
}

TEST(PgConnection, UnknownRoleIsAnAuthenticationFailure) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto at = base.find('@');
  ASSERT_NE(at, std::string::npos);
  const std::string url = base.substr(0, base.find("://") + 3) + "strata_no_such_role:topsecret" + base.substr(at);
  const std::string message = connect_error(url, ErrorCode::authentication_failed);
  EXPECT_EQ(message.find("topsecret"), std::string::npos) << message;
  EXPECT_NE(message.find("\nhint: the server has no such user (role): check the user name in the URL"),
            std::string::npos)
      << message;
}

TEST(PgConnection, DisplayNameIsRedactedAndApplicationNameSet) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto at = base.find('@');
  ASSERT_NE(at, std::string::npos);
  // Trust authentication ignores the password, so this connects.
  const std::string url = base.substr(0, at) + ":ignored-secret" + base.substr(at);
  auto connection = connect(DatabaseUrl::parse(url));
  EXPECT_EQ(connection->display_name().find("ignored-secret"), std::string::npos);
  EXPECT_NE(connection->display_name().find(":***@"), std::string::npos);
  EXPECT_EQ(connection->query("SELECT current_setting('application_name')").one_field(), "strata");
}

TEST(PgConnection, CommitAfterAFailedStatementReportsTheRollback) {
  STRATA_PG_URL_OR_SKIP(base);
  auto connection = connect(DatabaseUrl::parse(base));
  auto tx = connection->begin();
  EXPECT_THROW(connection->execute("SELECT * FROM strata_table_that_is_not_there"), StatementError);
  expect_error<DatabaseError>(
      [&] { tx.commit(); }, ErrorCode::commit_failed,
      connection->display_name() + ": COMMIT rolled back: an earlier statement in the transaction failed");
  EXPECT_EQ(connection->query("SELECT 1").one_field(), "1");
}

TEST(PgConnection, DetailAndHintLinesAreIncluded) {
  STRATA_PG_URL_OR_SKIP(base);
  auto connection = connect(DatabaseUrl::parse(base));
  const auto syntax =
      expect_error<StatementError>([&] { connection->execute("SELECT 1 +"); }, ErrorCode::sql_error,
                                   connection->display_name() + ": syntax error at end of input [42601]");
  EXPECT_EQ(syntax.fields().sqlstate, "42601");
  EXPECT_EQ(syntax.error_offset(), 10U);
  expect_error<StatementError>(
      [&] { connection->execute("SELECT nosuchfunction_xyz(1)"); }, ErrorCode::sql_error,
      connection->display_name() +
          ": function nosuchfunction_xyz(integer) does not exist [42883]\nhint: No function matches the given name "
          "and argument types. You might need to add explicit type casts.");
}

TEST(PgConnection, CopyFromStdinIsRefusedAndTheConnectionStaysUsable) {
  STRATA_PG_URL_OR_SKIP(base);
  testing::TestDatabase db(Engine::postgres, base);
  auto connection = db.open();
  connection->execute("CREATE TABLE c (v int)");
  expect_error<StatementError>([&] { connection->execute("COPY c FROM STDIN"); }, ErrorCode::copy_unsupported);
  EXPECT_EQ(connection->query("SELECT count(*) FROM c").one_field(), "0");
}

}  // namespace
}  // namespace strata::db

namespace strata::db {
namespace {

TEST(PgConnection, NonTransactionalStatementsRunInAutocommitOnly) {
  STRATA_PG_URL_OR_SKIP(base);
  testing::TestDatabase db(Engine::postgres, base);
  auto connection = db.open();
  connection->execute("CREATE TABLE big (v int)");
  {
    auto tx = connection->begin();
    const auto error = expect_error<StatementError>(
        [&] { connection->execute("CREATE INDEX CONCURRENTLY big_v_inside ON big (v)"); }, ErrorCode::sql_error);
    EXPECT_EQ(error.fields().sqlstate, "25001");
  }
  connection->execute("CREATE INDEX CONCURRENTLY big_v ON big (v)");
  EXPECT_EQ(connection->query("SELECT count(*) FROM pg_indexes WHERE indexname = 'big_v'").one_field(), "1");
}

TEST(PgConnection, MultiStatementTextIsOneImplicitTransactionWithPositionsInTheWholeText) {
  STRATA_PG_URL_OR_SKIP(base);
  testing::TestDatabase db(Engine::postgres, base);
  auto connection = db.open();
  const std::string sql = "CREATE TABLE m1 (v int);\nINSERT INTO m1 VALUES (1);\nSELECT nope FROM m1;";
  const auto error = expect_error<StatementError>([&] { connection->execute(sql); }, ErrorCode::sql_error);
  ASSERT_TRUE(error.error_offset().has_value());
  EXPECT_EQ(*error.error_offset(), sql.find("nope"));
  EXPECT_THROW(connection->query("SELECT * FROM m1"), StatementError);  // all of it rolled back
}

// Ends `victim`'s session from another connection, waiting until its server process is gone.
void terminate(Connection& victim, const DatabaseUrl& url) {
  const auto pid = victim.query("SELECT pg_backend_pid()").one_field();
  connect(url)->query("SELECT pg_terminate_backend($1::int, 5000)", {pid}).one_field();
}

TEST(PgConnection, TerminatedSessionIsReportedThenConnectionLost) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto url = DatabaseUrl::parse(base);
  auto victim = connect(url);
  terminate(*victim, url);
  std::string code;
  std::string text;
  for (int attempt = 0; attempt < 2 && code != "connection_lost"; ++attempt) {
    try {
      victim->execute("SELECT 1");
    } catch (const DatabaseError& error) {
      code = std::string(error.code_name());
      text = error.what();
      EXPECT_EQ(error.exit_code(), ExitCode::database);
    }
  }
  EXPECT_EQ(code, "connection_lost");
  // libpq's own words vary by version; the frame and the hint are ours.
  const std::string head = victim->display_name() + ": connection lost: ";
  EXPECT_EQ(text.substr(0, head.size()), head);
  EXPECT_EQ(
      text.substr(text.rfind("\nhint: ")),
      "\nhint: check that the server accepts connections again: pg_isready -d " + shell_quote(victim->display_name()));
}

}  // namespace
}  // namespace strata::db

namespace strata::db {
namespace {

TEST(PgConnection, ConnectionLostDuringCommitIsInDoubt) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto url = DatabaseUrl::parse(base);
  auto victim = connect(url);
  auto tx = victim->begin();
  terminate(*victim, url);
  expect_error<DatabaseError>(
      [&] { tx.commit(); }, ErrorCode::in_doubt,
      victim->display_name() +
          ": the connection was lost during COMMIT; the transaction may or may not have been committed — "
          "check the version table before retrying");
  EXPECT_FALSE(victim->in_transaction());
}

TEST(PgConnection, ExecuteInTransactionReportsAFailedCommitAsRolledBack) {
  STRATA_PG_URL_OR_SKIP(base);
  auto connection = connect(DatabaseUrl::parse(base));
  const std::string table = ::strata::testing::unique_name("deferred");
  connection->execute(
      fmt::format("CREATE TABLE {0} (v integer, CONSTRAINT {0}_v UNIQUE (v) DEFERRABLE INITIALLY "
                  "DEFERRED)",
                  table));
  // Each statement succeeds; the deferred check fails at COMMIT, which rolls everything back.
  const auto statements =
      connection->split_statements(fmt::format("INSERT INTO {0} VALUES (1);\nINSERT INTO {0} VALUES (1)", table));
  const auto error =
      expect_error<StatementError>([&] { connection->execute_in_transaction(statements); }, ErrorCode::sql_error);
  EXPECT_EQ(error.fields().sqlstate, "23505");
  EXPECT_EQ(error.fields().statement, "COMMIT");
  EXPECT_FALSE(connection->session_in_transaction());
  EXPECT_EQ(connection->query(fmt::format("SELECT count(*) FROM {}", table)).one_field(), "0");
  connection->execute(fmt::format("DROP TABLE {}", table));
}

TEST(PgConnection, ExecuteInTransactionRefusesCopyAsExecuteDoes) {
  STRATA_PG_URL_OR_SKIP(base);
  auto connection = connect(DatabaseUrl::parse(base));
  const std::string table = ::strata::testing::unique_name("copy_batch");
  connection->execute(fmt::format("CREATE TABLE {} (v integer)", table));
  const auto statements =
      connection->split_statements(fmt::format("INSERT INTO {0} VALUES (1);\ncopy {0} FROM STDIN", table));
  const auto failure = connection->execute_in_transaction(statements);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->index, 1U);
  EXPECT_EQ(failure->error.code(), ErrorCode::copy_unsupported);
  EXPECT_EQ(connection->query(fmt::format("SELECT count(*) FROM {}", table)).one_field(), "0");
  connection->execute(fmt::format("DROP TABLE {}", table));
}

TEST(PgConnection, ExecuteInTransactionOfATerminatedSessionReportsItThenConnectionLost) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto url = DatabaseUrl::parse(base);
  auto victim = connect(url);
  terminate(*victim, url);
  // The server said where it stopped (before BEGIN): nothing ran, so this is no COMMIT in doubt.
  const auto statements = victim->split_statements("SELECT 1");
  const auto error =
      expect_error<StatementError>([&] { victim->execute_in_transaction(statements); }, ErrorCode::sql_error);
  EXPECT_EQ(error.fields().sqlstate, "57P01");
  EXPECT_EQ(error.fields().statement, "BEGIN");
  expect_error<StatementError>([&] { victim->execute_in_transaction(statements); }, ErrorCode::connection_lost);
}

}  // namespace
}  // namespace strata::db
