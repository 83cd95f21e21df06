// Behaviour both drivers share, run against a real SQLite file and the real PostgreSQL.
#include <gtest/gtest.h>

#include "strata/db/connection.hpp"
#include "strata/db/statement_error.hpp"
#include "support.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

using testing::EngineTest;

TEST_P(EngineTest, QueryWithParametersReturnsTextCells) {
  auto connection = db().open();
  connection->execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
  const Result inserted = connection->query("INSERT INTO items (id, name) VALUES ($1, $2)", {"1", "one"});
  EXPECT_EQ(inserted.affected_rows(), 1U);
  connection->query("INSERT INTO items (id, name) VALUES ($1, $2)", {"2", std::nullopt});
  // $2 before $1: parameters bind by number on SQLite too.
  const Result rows =
      connection->query("SELECT id, name FROM items WHERE id >= $2 AND id <= $1 ORDER BY id", {"9", "1"});
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows.columns(), (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(rows[0], (Row{"1", "one"}));
  EXPECT_EQ(rows[1], (Row{"2", std::nullopt}));
  EXPECT_EQ(connection->query("UPDATE items SET name = $1", {"x"}).affected_rows(), 2U);
  EXPECT_EQ(connection->query("SELECT count(*) FROM items").one_field(), "2");
}

TEST_P(EngineTest, QueryBatchReturnsAResultPerStatementAndStopsAtTheFirstFailure) {
  auto connection = db().open();
  connection->execute("CREATE TABLE b (v INTEGER)");
  {
    auto transaction = connection->begin();
    const auto results =
        connection->query_batch({"INSERT INTO b VALUES (1)", "SELECT v FROM b", "SELECT count(*) AS n FROM b"});
    ASSERT_EQ(results.size(), 3U);
    EXPECT_EQ(results[0].affected_rows(), 1U);
    EXPECT_EQ(results[1].one_field(), "1");
    EXPECT_EQ(results[2].columns(), std::vector<std::string>{"n"});
    transaction.commit();
  }
  // The failing statement throws as query() would; the one after it never runs; the connection stays usable.
  EXPECT_THROW(
      connection->query_batch({"INSERT INTO b VALUES (2)", "SELECT * FROM missing_table", "INSERT INTO b VALUES (3)"}),
      StatementError);
  EXPECT_EQ(connection->query("SELECT count(*) FROM b WHERE v = 3").one_field(), "0");
  EXPECT_EQ(connection->query_batch({}).size(), 0U);
}

TEST_P(EngineTest, ExpectationsThrowQuotingTheStatement) {
  auto connection = db().open();
  connection->execute("CREATE TABLE e (v INTEGER)");
  connection->execute("INSERT INTO e VALUES (1); INSERT INTO e VALUES (2)");
  const Result two = connection->query("SELECT v FROM e ORDER BY v");
  expect_error<DatabaseError>([&] { two.one_row(); }, ErrorCode::unexpected_rows,
                              "expected exactly one row, got 2 from: SELECT v FROM e ORDER BY v");
  EXPECT_THROW(two.no_rows(), DatabaseError);
  EXPECT_THROW(two.opt_row(), DatabaseError);
  const Result none = connection->query("SELECT v FROM e WHERE v > 5");
  none.no_rows();
  EXPECT_FALSE(none.opt_row().has_value());
  expect_error<DatabaseError>([&] { none.one_field(); }, ErrorCode::unexpected_rows,
                              "expected exactly one row, got 0 from: SELECT v FROM e WHERE v > 5");
}

TEST_P(EngineTest, TransactionRollsBackWhenDestroyedWithoutCommit) {
  auto connection = db().open();
  connection->execute("CREATE TABLE r (v INTEGER)");
  {
    auto tx = connection->begin();
    EXPECT_TRUE(connection->in_transaction());
    connection->execute("INSERT INTO r VALUES (1)");
  }
  EXPECT_FALSE(connection->in_transaction());
  EXPECT_EQ(connection->query("SELECT count(*) FROM r").one_field(), "0");
  {
    auto tx = connection->begin();
    connection->execute("INSERT INTO r VALUES (2)");
    tx.commit();
    EXPECT_FALSE(tx.active());
  }
  EXPECT_EQ(connection->query("SELECT count(*) FROM r").one_field(), "1");
}

TEST_P(EngineTest, ExceptionInsideTransactionUndoesDdlAndData) {
  auto connection = db().open();
  expect_error<StatementError>(
      [&] {
        auto tx = connection->begin();
        connection->execute("CREATE TABLE ddl_undone (v INTEGER)");
        connection->execute("INSERT INTO ddl_undone VALUES (1)");
        connection->execute("INSERT INTO missing_table VALUES (1)");
        tx.commit();
      },
      ErrorCode::sql_error);
  EXPECT_THROW(connection->query("SELECT * FROM ddl_undone"), StatementError);
}

TEST_P(EngineTest, ExplicitRollbackAndEndedTransactionErrors) {
  auto connection = db().open();
  auto tx = connection->begin(TransactionMode::read);
  tx.rollback();
  expect_error<DatabaseError>([&] { tx.commit(); }, ErrorCode::transaction_ended,
                              "commit() on a transaction that has already ended");
}

TEST_P(EngineTest, NestedTransactionIsRefused) {
  auto connection = db().open();
  auto tx = connection->begin();
  expect_error<DatabaseError>([&] { connection->begin(); }, ErrorCode::nested_transaction,
                              connection->display_name() + ": a transaction is already open on this connection");
}

TEST_P(EngineTest, ErrorCarriesStatementAndBytePosition) {
  auto connection = db().open();
  const std::string sql = "SELECT 'é', no_such_column FROM (SELECT 1 AS x) AS s";
  const bool postgres = GetParam() == Engine::postgres;
  const auto error = expect_error<StatementError>(
      [&] { connection->execute(sql); }, ErrorCode::sql_error,
      connection->display_name() + (postgres ? ": column \"no_such_column\" does not exist [42703]"
                                             : ": no such column: no_such_column [SQLITE_ERROR]"));
  EXPECT_EQ(error.exit_code(), ExitCode::database);
  EXPECT_EQ(error.fields().statement, sql);
  ASSERT_TRUE(error.error_offset().has_value());
  EXPECT_EQ(*error.error_offset(), sql.find("no_such_column"));
  EXPECT_EQ(error.fields().sqlstate, postgres ? "42703" : "SQLITE_ERROR");
  if (postgres) {
    EXPECT_EQ(error.server_message(), "column \"no_such_column\" does not exist");
  }
}

TEST_P(EngineTest, ConstraintViolationHasSpecificCode) {
  auto connection = db().open();
  connection->execute("CREATE TABLE u (v INTEGER UNIQUE)");
  connection->execute("INSERT INTO u VALUES (1)");
  const auto error = expect_error<StatementError>([&] { connection->query("INSERT INTO u VALUES ($1)", {"1"}); },
                                                  ErrorCode::sql_error);
  EXPECT_EQ(error.fields().sqlstate, GetParam() == Engine::postgres ? "23505" : "SQLITE_CONSTRAINT_UNIQUE");
}

TEST_P(EngineTest, StatementsSplitThenExecutedMapErrorsToLines) {
  auto connection = db().open();
  const std::string file = "CREATE TABLE s1 (v INTEGER);\n\nINSERT INTO s1\n  VALUES (1, nope_col);\n";
  const auto statements = connection->split_statements(file);
  const auto error = expect_error<StatementError>(
      [&] {
        for (const Statement& statement : statements) connection->execute(statement.text);
      },
      ErrorCode::sql_error);
  ASSERT_TRUE(error.error_offset().has_value());
  const int line = error_line(statements[1], error);
  EXPECT_EQ(line, 4);
  const StatementError located = error.with_location("migrations/0002_x.sql", line);
  EXPECT_EQ(std::string(located.what()).rfind("migrations/0002_x.sql:" + std::to_string(line) + ": ", 0), 0U);
  EXPECT_EQ(located.fields().path, "migrations/0002_x.sql");
}

TEST_P(EngineTest, ExecuteInTransactionCommitsEveryStatementOrNone) {
  auto connection = db().open();
  const auto done = connection->split_statements(
      "CREATE TABLE w (v INTEGER NOT NULL);\nINSERT INTO w VALUES (1);\nINSERT INTO w VALUES (2)");
  EXPECT_FALSE(connection->execute_in_transaction(done).has_value());
  EXPECT_FALSE(connection->in_transaction());
  EXPECT_FALSE(connection->session_in_transaction());
  EXPECT_EQ(connection->query("SELECT count(*) FROM w").one_field(), "2");

  // The second statement fails: the first is rolled back, the third never runs, and the failure says which one,
  // with the error execute() would have thrown (its offset within that statement).
  const auto failing = connection->split_statements(
      "INSERT INTO w VALUES (3);\nINSERT INTO w VALUES (nope_col);\nCREATE TABLE w_after (v INTEGER)");
  const auto failure = connection->execute_in_transaction(failing);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->index, 1U);
  EXPECT_EQ(failure->error.fields().statement, failing[1].text);
  ASSERT_TRUE(failure->error.error_offset().has_value());
  EXPECT_EQ(*failure->error.error_offset(), failing[1].text.find("nope_col"));
  EXPECT_FALSE(connection->session_in_transaction());
  EXPECT_EQ(connection->query("SELECT count(*) FROM w").one_field(), "2");
  EXPECT_THROW(connection->query("SELECT count(*) FROM w_after"), StatementError);

  // No statements: an empty transaction. Inside an open transaction: refused like begin().
  EXPECT_FALSE(connection->execute_in_transaction({}).has_value());
  auto open = connection->begin();
  expect_error<DatabaseError>([&] { connection->execute_in_transaction(done); }, ErrorCode::nested_transaction,
                              connection->display_name() + ": a transaction is already open on this connection");
}

INSTANTIATE_TEST_SUITE_P(Engines, EngineTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         testing::engine_param_name);

}  // namespace
}  // namespace strata::db
