#include <gtest/gtest.h>

#include "strata/db/statement.hpp"
#include "strata/db/statement_error.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

std::vector<std::string> texts(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  for (const auto& statement : statements) out.push_back(statement.text);
  return out;
}

TEST(SplitPostgres, OffsetsAndLines) {
  const std::string sql = "-- header\nCREATE TABLE a (id int);\n\n  INSERT INTO a VALUES (1);\nSELECT 1";
  const auto statements = split_statements(Engine::postgres, sql);
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_EQ(statements[0].text, "CREATE TABLE a (id int)");
  EXPECT_EQ(statements[0].offset, sql.find("CREATE"));
  EXPECT_EQ(statements[0].line, 2);
  EXPECT_EQ(statements[1].text, "INSERT INTO a VALUES (1)");
  EXPECT_EQ(statements[1].offset, sql.find("INSERT"));
  EXPECT_EQ(statements[1].line, 4);
  EXPECT_EQ(statements[2].text, "SELECT 1");
  EXPECT_EQ(statements[2].line, 5);
}

TEST(SplitPostgres, DollarQuotingKeepsFunctionBodiesWhole) {
  const std::string body =
      "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN PERFORM 1; RETURN 2; END; $body$ LANGUAGE plpgsql";
  const std::string sql = body + ";\nSELECT $$a;b$$";
  EXPECT_EQ(texts(split_statements(Engine::postgres, sql)), (std::vector<std::string>{body, "SELECT $$a;b$$"}));
}

TEST(SplitPostgres, StringsAndEscapeStrings) {
  const std::string sql = "SELECT 'a;b';\nSELECT E'it\\'s; fine';\nSELECT \"odd;name\" FROM t";
  EXPECT_EQ(texts(split_statements(Engine::postgres, sql)),
            (std::vector<std::string>{"SELECT 'a;b'", "SELECT E'it\\'s; fine'", "SELECT \"odd;name\" FROM t"}));
}

TEST(SplitPostgres, CommentsWithSemicolonsAndNestedBlockComments) {
  const std::string sql = "/* one; /* nested; */ still; */ SELECT 1; -- trailing; comment\n-- only a comment;\n";
  const auto statements = split_statements(Engine::postgres, sql);
  ASSERT_EQ(statements.size(), 1U);
  EXPECT_EQ(statements[0].text, "SELECT 1");
  EXPECT_EQ(statements[0].offset, sql.find("SELECT"));
}

TEST(SplitPostgres, EmptyAndCommentOnlyInputGiveNothing) {
  EXPECT_TRUE(split_statements(Engine::postgres, "").empty());
  EXPECT_TRUE(split_statements(Engine::postgres, "  -- nothing\n/* here */ ;;").empty());
}

TEST(SplitPostgres, UnterminatedStringIsAnErrorWithOffset) {
  const std::string sql = "SELECT 1;\nSELECT 'oops";
  {
    const auto error = expect_error<StatementError>(
        [&] { split_statements(Engine::postgres, sql); }, ErrorCode::split_error,
        "cannot split SQL into statements: unterminated quoted string at or near \"'oops\"");
    ASSERT_TRUE(error.error_offset());
    EXPECT_EQ(*error.error_offset(), sql.find('\''));
  }
}

TEST(SplitSqlite, TriggerBodiesStayWhole) {
  const std::string trigger =
      "CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (new.id);\n  UPDATE c SET n = n + "
      "1;\nEND";
  const std::string sql = "CREATE TABLE t (id INTEGER);\n" + trigger + ";\nINSERT INTO t VALUES (1);";
  const auto statements = split_statements(Engine::sqlite, sql);
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_EQ(statements[1].text, trigger);
  EXPECT_EQ(statements[1].line, 2);
  EXPECT_EQ(statements[2].text, "INSERT INTO t VALUES (1)");
  EXPECT_EQ(statements[2].line, 6);
}

TEST(SplitSqlite, StringsCommentsAndStatementsOnUnknownTables) {
  // Later statements use a table that an earlier one creates: splitting must not need the schema.
  const std::string sql =
      "-- a; comment\nCREATE TABLE x (v TEXT); /* b; */ INSERT INTO x VALUES ('a;b'), (\"c;d\");\nSELECT 1";
  EXPECT_EQ(
      texts(split_statements(Engine::sqlite, sql)),
      (std::vector<std::string>{"CREATE TABLE x (v TEXT)", "INSERT INTO x VALUES ('a;b'), (\"c;d\")", "SELECT 1"}));
}

TEST(SplitSqlite, EmptyStatementsAreDropped) {
  EXPECT_TRUE(split_statements(Engine::sqlite, " ;; -- x\n").empty());
  EXPECT_EQ(split_statements(Engine::sqlite, "SELECT 1;;SELECT 2").size(), 2U);
}

TEST(LineAt, CountsNewlines) {
  EXPECT_EQ(line_at("a\nb\nc", 0), 1);
  EXPECT_EQ(line_at("a\nb\nc", 2), 2);
  EXPECT_EQ(line_at("a\nb\nc", 4), 3);
  EXPECT_EQ(line_at("a\nb\nc", 99), 3);
}

TEST(SkipSpaceAndComments, StopsAtFirstToken) {
  EXPECT_EQ(skip_space_and_comments("  -- c\n /* d */ x", 0), 16U);
  EXPECT_EQ(skip_space_and_comments("-- only", 0), 7U);
}

}  // namespace
}  // namespace strata::db

namespace strata::db {
namespace {

TEST(SplitSqlite, LeadingEmptyStatementsAndTriggersOnTablesNotYetCreated) {
  // The trigger's table does not exist when splitting: preparing stops early, sqlite3_complete finishes the job.
  const std::string sql =
      ";; SELECT 1;\nCREATE TRIGGER tr AFTER INSERT ON later BEGIN INSERT INTO x VALUES (1); "
      "END;\nSELEC oops; SELECT 2";
  EXPECT_EQ(texts(split_statements(Engine::sqlite, sql)),
            (std::vector<std::string>{"SELECT 1",
                                      "CREATE TRIGGER tr AFTER INSERT ON later BEGIN INSERT INTO x VALUES (1); END",
                                      "SELEC oops", "SELECT 2"}));
}

TEST(SplitSqlite, LongStatementWithManySemicolonsInStrings) {
  std::string insert = "INSERT INTO t VALUES ";
  for (int i = 0; i < 5000; ++i) insert += std::string(i ? "," : "") + "('a;b;c " + std::to_string(i) + "')";
  const auto statements = split_statements(Engine::sqlite, insert + ";\nSELECT 1;");
  ASSERT_EQ(statements.size(), 2U);
  EXPECT_EQ(statements[0].text, insert);
  EXPECT_EQ(statements[1].line, 2);
}

TEST(SplitBothEngines, ANulByteIsAnErrorAtItsOffset) {
  const std::string sql = std::string("CREATE TABLE a (id int);\nSELECT 1") + '\0' + ";\nSELECT 2;";
  for (const auto engine : {Engine::sqlite, Engine::postgres}) {
    {
      const auto error = expect_error<StatementError>([&] { split_statements(engine, sql); }, ErrorCode::split_error);
      EXPECT_EQ(error.error_offset(), sql.find('\0'));
      EXPECT_EQ(error.server_message(), "a NUL byte in the SQL text");
    }
  }
}

TEST(ControlsTransaction, PostgresByItsParseTree) {
  for (const auto* statement : {"BEGIN", "BEGIN ISOLATION LEVEL SERIALIZABLE", "START TRANSACTION", "COMMIT",
                                "COMMIT AND CHAIN", "END", "END WORK", "ROLLBACK", "ABORT", "rollback work",
                                "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'"})
    EXPECT_TRUE(controls_transaction(Engine::postgres, statement)) << statement;
  for (const auto* statement : {"SAVEPOINT s", "RELEASE SAVEPOINT s", "RELEASE s", "ROLLBACK TO SAVEPOINT s",
                                "CREATE TABLE commit_log (id int)", "SELECT 'COMMIT'", "INSERT INTO t VALUES ('END')",
                                "DO $$ BEGIN PERFORM 1; END $$",
                                "CREATE FUNCTION f() RETURNS void AS $$ BEGIN "
                                "COMMIT; END $$ LANGUAGE plpgsql",
                                "not even sql"})
    EXPECT_FALSE(controls_transaction(Engine::postgres, statement)) << statement;
}

TEST(ControlsTransaction, SqliteByItsCompiledProgram) {
  for (const auto* statement :
       {"BEGIN", "BEGIN IMMEDIATE TRANSACTION", "COMMIT", "END", "END TRANSACTION", "ROLLBACK", "rollback transaction"})
    EXPECT_TRUE(controls_transaction(Engine::sqlite, statement)) << statement;
  for (const auto* statement : {"SAVEPOINT s", "RELEASE s", "RELEASE SAVEPOINT s", "ROLLBACK TO s",
                                "CREATE TABLE commit_log (id int)", "SELECT 'COMMIT'", "INSERT INTO t VALUES ('END')",
                                "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END", "not even sql"})
    EXPECT_FALSE(controls_transaction(Engine::sqlite, statement)) << statement;
}

}  // namespace
}  // namespace strata::db
