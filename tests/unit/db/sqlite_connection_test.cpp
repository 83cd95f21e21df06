#include <gtest/gtest.h>

#include <filesystem>

#include "strata/db/connection.hpp"
#include "support.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

using testing::TempDir;

TEST(SqliteConnection, MissingFileIsAnErrorWithHint) {
  const TempDir dir;
  const std::string path = dir.file("absent.db");
  {
    const auto error = expect_error<DatabaseError>(
        [&] { connect(DatabaseUrl::parse("sqlite:" + path)); }, ErrorCode::database_missing,
        "database file '" + path + "' does not exist (sqlite:" + path +
            ")\nhint: check the path (a relative path in strata.toml starts from its folder, one in --url or "
            "$DATABASE_URL from the working directory); `strata upgrade` creates it");
    EXPECT_EQ(error.exit_code(), ExitCode::database);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteConnection, CreateIfMissingCreatesTheFile) {
  const TempDir dir;
  const std::string path = dir.file("new.db");
  ConnectOptions options;
  options.create_if_missing = true;
  auto connection = connect(DatabaseUrl::parse("sqlite:" + path), options);
  connection->execute("CREATE TABLE t (v INTEGER)");
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(connection->engine(), Engine::sqlite);
  EXPECT_EQ(connection->display_name(), "sqlite:" + path);
}

TEST(SqliteConnection, CreateInMissingDirectoryIsAnError) {
  const TempDir dir;
  const std::string path = dir.file("no/such/dir/new.db");
  ConnectOptions options;
  options.create_if_missing = true;
  expect_error<DatabaseError>([&] { connect(DatabaseUrl::parse("sqlite:" + path), options); },
                              ErrorCode::database_missing,
                              "cannot create database file '" + path + "': directory '" + dir.file("no/such/dir") +
                                  "' does not exist (sqlite:" + path + ")");
}

TEST(SqliteConnection, FileThatIsNotADatabase) {
  const TempDir dir;
  const std::string path = dir.file("text.db");
  ::strata::testing::write_file(path,
                                "this is not an SQLite database, just some text long enough to have a header......");
  const auto error =
      expect_error<StatementError>([&] { connect(DatabaseUrl::parse("sqlite:" + path)); }, ErrorCode::sql_error,
                                   "sqlite:" + path + ": file is not a database [SQLITE_NOTADB]");
  EXPECT_EQ(error.fields().sqlstate, "SQLITE_NOTADB");
}

TEST(SqliteConnection, MemoryDatabase) {
  auto connection = connect("sqlite::memory:");
  connection->execute("CREATE TABLE m (v INTEGER); INSERT INTO m VALUES (7)");
  EXPECT_EQ(connection->query("SELECT v FROM m").one_field(), "7");
}

TEST(SqliteConnection, ExecuteRunsEveryStatementAndReportsTheFailingOnesOffset) {
  auto connection = connect(DatabaseUrl::parse("sqlite::memory:"));
  const std::string sql = "CREATE TABLE a (v INTEGER UNIQUE);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);";
  const auto error = expect_error<StatementError>([&] { connection->execute(sql); }, ErrorCode::sql_error);
  EXPECT_EQ(error.fields().sqlstate, "SQLITE_CONSTRAINT_UNIQUE");
  ASSERT_TRUE(error.error_offset().has_value());
  EXPECT_EQ(*error.error_offset(), sql.rfind("INSERT"));
  EXPECT_EQ(error.server_message(), "UNIQUE constraint failed: a.v");
  EXPECT_EQ(connection->query("SELECT count(*) FROM a").one_field(), "1");
}

TEST(SqliteConnection, QueryTakesOneStatementAndMatchingParameters) {
  auto connection = connect(DatabaseUrl::parse("sqlite::memory:"));
  expect_error<DatabaseError>([&] { connection->query("SELECT 1; SELECT 2"); }, ErrorCode::not_one_statement,
                              "sqlite::memory:: query() takes exactly one statement: SELECT 1; SELECT 2");
  expect_error<DatabaseError>(
      [&] {
        connection->query("SELECT $1", {"a", "b"});
      },
      ErrorCode::bad_parameters, "sqlite::memory:: statement takes 1 parameters, 2 given: SELECT $1");
  expect_error<DatabaseError>([&] { connection->query("SELECT ?5", {"a"}); }, ErrorCode::bad_parameters,
                              "sqlite::memory:: statement takes 5 parameters, 1 given: SELECT ?5");
  EXPECT_EQ(connection->query("SELECT 1 -- trailing comment\n").one_field(), "1");
}

TEST(SqliteConnection, WriteTransactionTimesOutAgainstAnotherWriter) {
  const TempDir dir;
  const auto url = DatabaseUrl::parse("sqlite:" + dir.file("busy.db"));
  ConnectOptions options;
  options.create_if_missing = true;
  options.busy_timeout = std::chrono::milliseconds(100);
  auto first = connect(url, options);
  auto second = connect(url, options);
  auto holding = first->begin(TransactionMode::write);
  const auto error = expect_error<LockTimeoutError>(
      [&] { second->begin(TransactionMode::write); }, ErrorCode::lock_timeout,
      "sqlite:" + dir.file("busy.db") +
          ": the database is locked by another connection (database is locked, SQLITE_BUSY); another strata or "
          "application is writing — retry, or raise the busy timeout");
  EXPECT_EQ(error.exit_code(), ExitCode::lock_timeout);
  EXPECT_FALSE(second->in_transaction());
  holding.commit();
  auto now_free = second->begin(TransactionMode::write);
  now_free.commit();
}

}  // namespace
}  // namespace strata::db

namespace strata::db {
namespace {

TEST(ErrorLine, WithoutAnOffsetIsTheStatementsFirstLine) {
  const Statement statement{"SELECT 1,\n  2,\n  oops", 10, 7};
  const StatementError at_oops(ErrorCode::sql_error, "x", statement_fields({}, {}, "x"), statement.text.find("oops"));
  EXPECT_EQ(error_line(statement, at_oops), 9);
  const StatementError nowhere(ErrorCode::sql_error, "x", statement_fields({}, {}, "x"), std::nullopt);
  EXPECT_EQ(error_line(statement, nowhere), 7);
}

TEST(Connect, MalformedUrlTextIsAUsageError) { EXPECT_THROW(connect("nope"), UsageError); }

}  // namespace
}  // namespace strata::db
