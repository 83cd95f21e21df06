// Failing migrations on both engines: a transactional one leaves the database exactly as before it and names
// file:line and SQLSTATE; a `transaction: none` one leaves the revision dirty at its statement until
// `strata resolve` says what happened.
#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string k_failing = "2f0000000002";
const std::string k_after = "3f0000000003";

Migration failing_migration() {
  return {k_failing,
          "fill_audit",
          {k_rev1},
          "CREATE TABLE audit (id integer PRIMARY KEY);\n"
          "INSERT INTO audit (id) VALUES (1);\n"
          "INSERT INTO missing_table (id) VALUES (1);\n"
          "CREATE TABLE never_created (id integer);\n",
          "DROP TABLE audit;\n",
          {},
          false};
}

Migration after_failing() {
  return {k_after,
          "create_orders",
          {k_failing},
          "CREATE TABLE orders (id integer PRIMARY KEY);\n",
          "DROP TABLE orders;\n",
          {},
          false};
}

class TransactionalFailure : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write(users_chain()[0]);
    m_project.write(failing_migration());
    m_project.write(after_failing());
  }
  std::string failing_position() const {
    const auto text = migration_text(failing_migration());
    return file_name(failing_migration()) + ":" + std::to_string(line_of(text, "INSERT INTO missing_table"));
  }
};

TEST_P(TransactionalFailure, LeavesTheDatabaseExactlyAsBefore) {
  strata_ok({"upgrade", k_rev1});
  db().execute("INSERT INTO users (id, name) VALUES (1, 'ada')");
  const auto listing = db().schema_listing();
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_NE(result.err.find(failing_position()), std::string::npos) << failing_position() << "\n" << describe(result);
  EXPECT_NE(result.err.find(k_failing), std::string::npos) << describe(result);
  if (is_pg()) {
    EXPECT_NE(result.err.find("42P01"), std::string::npos) << describe(result);
    EXPECT_NE(result.err.find("relation \"missing_table\" does not exist"), std::string::npos) << describe(result);
  } else {
    EXPECT_NE(result.err.find("no such table: missing_table"), std::string::npos) << describe(result);
  }
  EXPECT_EQ(db().schema_listing(), listing);
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
  EXPECT_EQ(db().scalar("SELECT count(*) FROM users"), "1");
  EXPECT_GE(db().log_counts().count({"failure", k_failing}), 1u) << "the failure is not in the log";
}

TEST_P(TransactionalFailure, JsonErrorNamesRevisionFileLineAndSqlstate) {
  strata_ok({"upgrade", k_rev1});
  const auto result = strata({"upgrade", "--json"});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  const auto events = json_lines(result);
  ASSERT_FALSE(events.empty()) << describe(result);
  const auto& last = events.back();
  ASSERT_TRUE(last.contains("error")) << last;
  const auto& error = last["error"];
  EXPECT_TRUE(error["code"].is_string()) << error;
  EXPECT_TRUE(error["message"].is_string()) << error;
  EXPECT_EQ(error["revision"], k_failing) << error;
  EXPECT_TRUE(error["path"].is_string() && error["path"].get<std::string>().ends_with(file_name(failing_migration())))
      << error;
  EXPECT_EQ(error["line"], line_of(migration_text(failing_migration()), "INSERT INTO missing_table")) << error;
  if (is_pg()) {
    EXPECT_EQ(error["sqlstate"], "42P01") << error;
  }
}

TEST_P(TransactionalFailure, EarlierMigrationsOfTheRunStayApplied) {
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_EQ(db().tables(), std::vector<std::string>{"users"});
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
}

TEST_P(TransactionalFailure, AllModeKeepsNothing) {
  const auto result = strata({"upgrade", "--transaction", "all"});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_NE(result.err.find(failing_position()), std::string::npos) << describe(result);
  EXPECT_TRUE(db().tables().empty()) << db().schema_listing();
  EXPECT_TRUE(db().applied_revisions().empty());
}

TEST_P(TransactionalFailure, ErrorPositionInsideAMultiLineStatement) {
  auto migration = failing_migration();
  migration.up =
      "CREATE TABLE audit (id integer PRIMARY KEY);\n"
      "INSERT INTO audit (id)\n"
      "SELECT id\n"
      "  FROM missing_table\n"
      " WHERE id > 0;\n";
  m_project.write(migration);
  strata_ok({"upgrade", k_rev1});
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  const auto text = migration_text(migration);
  const auto exact = file_name(migration) + ":" + std::to_string(line_of(text, "  FROM missing_table"));
  if (is_pg()) {
    // PostgreSQL reports where in the statement the error is: the line of `missing_table`.
    EXPECT_NE(result.err.find(exact), std::string::npos) << exact << "\n" << describe(result);
  } else {
    // SQLite may only know the statement: its first line, or the exact one.
    const auto start = file_name(migration) + ":" + std::to_string(line_of(text, "INSERT INTO audit"));
    EXPECT_TRUE(result.err.find(exact) != std::string::npos || result.err.find(start) != std::string::npos)
        << exact << " or " << start << "\n"
        << describe(result);
  }
  EXPECT_FALSE(db().has_table("audit"));
}

INSTANTIATE_TEST_SUITE_P(BothEngines, TransactionalFailure, k_both_engines, backend_param_name);

// --- transaction: none -------------------------------------------------------------------------------------

const std::string k_loose = "2e0000000002";

Migration loose_migration() {
  Migration migration{k_loose,
                      "loose_tables",
                      {k_rev1},
                      "CREATE TABLE n1 (id integer);\n"
                      "CREATE TABLE n2 (id integer);\n"
                      "INSERT INTO prerequisite (id) VALUES (1);\n"
                      "CREATE TABLE n3 (id integer);\n",
                      "DROP TABLE n3;\nDROP TABLE n2;\nDROP TABLE n1;\n",
                      {},
                      true};
  return migration;
}

class NonTransactional : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write(users_chain()[0]);
    m_project.write(loose_migration());
    m_project.write({k_after,
                     "create_orders",
                     {k_loose},
                     "CREATE TABLE orders (id integer PRIMARY KEY);\n",
                     "DROP TABLE orders;\n",
                     {},
                     false});
  }
  int failing_line() const { return line_of(migration_text(loose_migration()), "INSERT INTO prerequisite"); }

  // The first upgrade: stops at statement 3 of k_loose, with statements 1 and 2 done.
  void fail_once() {
    const auto result = strata({"upgrade"});
    ASSERT_EQ(result.exit_code, 4) << describe(result);
    EXPECT_NE(result.err.find(file_name(loose_migration()) + ":" + std::to_string(failing_line())), std::string::npos)
        << describe(result);
    EXPECT_EQ(db().tables(), (std::vector<std::string>{"n1", "n2", "users"}));
  }
  json status_of_database() {
    const auto result = strata({"status", "--json"});
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    return json_document(result)["databases"][0];
  }
};

TEST_P(NonTransactional, FailureIsDirtyAtTheStatement) {
  fail_once();
  const auto database = status_of_database();
  ASSERT_TRUE(database["dirty"].is_object()) << database;
  EXPECT_EQ(database["dirty"]["revision"], k_loose);
  EXPECT_EQ(database["dirty"]["statement"], 3);
  EXPECT_TRUE(database["dirty"]["path"].get<std::string>().ends_with(file_name(loose_migration())))
      << database["dirty"];
  EXPECT_EQ(database["dirty"]["line"], failing_line());
  EXPECT_NE(database["dirty"]["error"].get<std::string>().find("prerequisite"), std::string::npos) << database;
  EXPECT_EQ(database["up_to_date"], false);

  const auto text = strata({"status"});
  EXPECT_EQ(text.exit_code, 0) << describe(text);
  EXPECT_NE(text.out.find("dirty"), std::string::npos) << describe(text);
  EXPECT_NE(text.out.find(k_loose), std::string::npos) << describe(text);
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 4);
}

TEST_P(NonTransactional, EveryRunRefusesUntilResolved) {
  fail_once();
  db().execute("CREATE TABLE prerequisite (id integer)");  // the operator fixes the cause...
  const auto listing = db().schema_listing();
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"upgrade"}, {"upgrade", k_after}, {"downgrade", "base"}}) {
    const auto result = strata(command);
    EXPECT_EQ(result.exit_code, 4) << describe(result);
    EXPECT_NE(result.err.find(k_loose), std::string::npos) << describe(result);
    EXPECT_NE(result.err.find("strata resolve"), std::string::npos) << "does not say what to do\n" << describe(result);
  }
  EXPECT_EQ(db().schema_listing(), listing);  // ...but nothing runs until they say so
}

TEST_P(NonTransactional, ResumeContinuesFromTheFailedStatement) {
  fail_once();
  db().execute("CREATE TABLE prerequisite (id integer)");
  strata_ok({"resolve", k_loose, "--resume"});
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"n1", "n2", "n3", "prerequisite", "users"}));
  EXPECT_EQ(db().scalar("SELECT count(*) FROM prerequisite"), "1") << "statement 3 ran more or less than once";
  const auto database = status_of_database();
  EXPECT_TRUE(database["dirty"].is_null()) << database;
  EXPECT_EQ(database["pending"], json{k_after});
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 1);
  strata_ok({"upgrade"});
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 0);
  EXPECT_TRUE(db().has_table("orders"));
  const auto log = db().log_counts();
  EXPECT_GE(log.count({"failure", k_loose}), 1u);
  EXPECT_GE(log.count({"resolve", k_loose}), 1u);
}

TEST_P(NonTransactional, ResolveAppliedAfterFinishingByHand) {
  fail_once();
  db().execute("CREATE TABLE prerequisite (id integer)");
  db().execute("INSERT INTO prerequisite (id) VALUES (1)");
  db().execute("CREATE TABLE n3 (id integer)");
  strata_ok({"resolve", k_loose, "--applied"});
  const auto database = status_of_database();
  EXPECT_TRUE(database["dirty"].is_null()) << database;
  EXPECT_EQ(database["current_heads"], json{k_loose});
  strata_ok({"upgrade"});
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 0);
}

TEST_P(NonTransactional, ResolveRolledBackForgetsTheRevision) {
  fail_once();
  db().execute("DROP TABLE n2");
  db().execute("DROP TABLE n1");
  strata_ok({"resolve", k_loose, "--rolled-back"});
  auto database = status_of_database();
  EXPECT_TRUE(database["dirty"].is_null()) << database;
  EXPECT_EQ(database["current_heads"], json{k_rev1});
  EXPECT_EQ(database["pending"], (json{k_loose, k_after}));
  db().execute("CREATE TABLE prerequisite (id integer)");
  strata_ok({"upgrade"});
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"n1", "n2", "n3", "orders", "prerequisite", "users"}));
}

TEST_P(NonTransactional, ResolveOfACleanRevisionIsRefused) {
  strata_ok({"upgrade", k_rev1});
  const auto result = strata({"resolve", k_rev1, "--applied"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: " + db().url() + " has no dirty revision: nothing to resolve\n") << describe(result);
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
}

TEST_P(NonTransactional, AllModeIsRefusedWithTheReason) {
  const auto listing = db().schema_listing();
  const auto result = strata({"upgrade", "--transaction", "all"});
  EXPECT_NE(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.err.find(k_loose), std::string::npos) << describe(result);
  EXPECT_NE(result.err.find("transaction: none"), std::string::npos) << describe(result);
  EXPECT_EQ(db().schema_listing(), listing);
}

INSTANTIATE_TEST_SUITE_P(BothEngines, NonTransactional, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
