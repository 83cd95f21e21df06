// strata's central promise under real use, end to end on both engines: following a hint never moves the
// database; stamp honours a branch binding; a transactional migration cannot end its own transaction; an empty
// down section is not a silent no-op; resume records the fixed file; a NUL byte, a hand-edited version row or a
// table of the wrong shape is a clear error before anything changes.
#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

using nlohmann::json;

const std::string k_auth1 = "a0a000000001";
const std::string k_spec1 = "5e5000000001";
const std::string k_spec2 = "5e5000000002";

class DataSafety : public EngineTest {
protected:
  // The database as messages name it: this test's URL has no password, so it is shown as given.
  std::string shown() const { return db().url(); }
  // What a hint appends to reach this database again.
  std::string url_option() const { return " --url '" + db().url() + "'"; }
  std::string path_of(const Migration& migration) const { return "migrations/" + file_name(migration); }

  void write_named_database(const std::string& extra = "") {
    m_project.temp().write("strata.toml", "[repository]\npath = \"migrations\"\n\n[databases.app]\nurl = \"" +
                                              db().url() + "\"\n" + extra);
  }

  // Everything a "nothing was changed" assertion compares.
  struct Snapshot {
    std::string listing;
    std::vector<std::string> applied;
    std::map<std::pair<std::string, std::string>, int> log;
    bool operator==(const Snapshot&) const = default;
  };
  Snapshot snapshot() const { return {db().schema_listing(), db().applied_revisions(), db().log_counts()}; }
};

TEST_P(DataSafety, TheChecksumHintNamesRehashWhichNeverMovesTheDatabase) {
  m_project.write_all(users_chain());
  strata_ok({"upgrade"});
  auto edited = users_chain()[0];
  edited.up = "-- the users table\n" + edited.up;
  m_project.write(edited);
  const auto before = snapshot();

  const auto refused = strata({"upgrade"});
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_EQ(refused.err, "error: " + shown() +
                             ": an applied migration was changed after being applied; nothing "
                             "was changed\n  " +
                             path_of(edited) + ": revision " + k_rev1 +
                             " (checksum differs)\nhint: "
                             "restore the file; or, if the database already matches the edited file, record its "
                             "checksum with `strata rehash " +
                             k_rev1 + url_option() + "`\n");
  EXPECT_EQ(snapshot(), before);

  const auto rehashed = strata_ok({"rehash", k_rev1});
  EXPECT_EQ(rehashed.out, shown() + ": checksum of " + k_rev1 + " re-recorded from " + path_of(edited) + "\n");
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3})) << "rehash moved it";
  EXPECT_EQ(db().schema_listing(), before.listing);
  EXPECT_EQ(db().log_counts().count({"stamp", k_rev1}), 1u) << "rehash is not in the log";
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 0);
  EXPECT_EQ(strata_ok({"rehash"}).out, shown() + ": every applied revision matches its file; nothing to re-record\n");
  EXPECT_EQ(strata_ok({"upgrade"}).exit_code, 0);
}

TEST_P(DataSafety, HintsNameTheDatabaseTheWayItWasChosen) {
  m_project.write_all(users_chain());
  write_named_database();
  ASSERT_EQ(m_project.run({"upgrade", "--db", "app"}).exit_code, 0);
  auto edited = users_chain()[1];
  edited.up = "ALTER TABLE users ADD COLUMN email varchar(320);\n";
  m_project.write(edited);
  const auto refused = m_project.run({"upgrade", "--db", "app"});
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_NE(refused.err.find("`strata rehash " + k_rev2 + " --db app`"), std::string::npos) << describe(refused);
  const auto json_result = m_project.run({"rehash", "--db", "app", "--json"});
  ASSERT_EQ(json_result.exit_code, 0) << describe(json_result);
  const auto document = json_document(json_result);
  ASSERT_EQ(document["rehashed"].size(), 1u) << document;
  EXPECT_EQ(document["rehashed"][0]["revision"], k_rev2);
  EXPECT_EQ(document["rehashed"][0]["path"], path_of(edited));
  EXPECT_EQ(m_project.run({"status", "--db", "app", "--exit-code"}).exit_code, 0);
}

TEST_P(DataSafety, RehashOfARevisionThatIsNotAppliedChangesNothing) {
  m_project.write_all(users_chain());
  strata_ok({"upgrade", k_rev1});
  const auto before = snapshot();
  const auto result = strata({"rehash", k_rev2});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: " + shown() + ": revision " + k_rev2 + " (" + path_of(users_chain()[1]) +
                            ") is not applied, and rehash only re-records the checksum of applied revisions; "
                            "nothing was changed\nhint: `strata status" +
                            url_option() + "` lists what is applied\n");
  EXPECT_EQ(snapshot(), before);
}

TEST_P(DataSafety, TheAheadOfTheCodeHintKeepsWhatTheRepositoryHas) {
  m_project.write_all(users_chain());
  strata_ok({"upgrade"});
  std::filesystem::remove(m_project.migrations() / file_name(users_chain()[2]));
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err, "error: " + shown() + ": the database is ahead of the code: applied revision " + k_rev3 +
                            " is not in the repository; nothing was changed\nhint: run this with the code that has "
                            "that migration; if it was undone by hand, forget its row with `strata stamp --purge " +
                            k_rev2 + url_option() + "`\n");
  strata_ok({"stamp", "--purge", k_rev2});
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2}));
}

class BranchBinding : public DataSafety {
protected:
  void set_up() override {
    DataSafety::set_up();
    m_project.write({k_auth1,
                     "auth_users",
                     {},
                     "CREATE TABLE auth_users (id integer);\n",
                     "DROP TABLE auth_users;\n",
                     {"auth"},
                     false});
    m_project.write(
        {k_spec1, "specs", {}, "CREATE TABLE specs (id integer);\n", "DROP TABLE specs;\n", {"specs"}, false});
    m_project.write({k_spec2,
                     "spec_items",
                     {k_spec1},
                     "CREATE TABLE spec_items (id integer);\n",
                     "DROP TABLE spec_items;\n",
                     {},
                     false});
    write_named_database("branch = \"auth\"\n");
  }
};

TEST_P(BranchBinding, StampRefusesRevisionsOutsideTheBranch) {
  const auto before = snapshot();
  const auto result = m_project.run({"stamp", "--db", "app", k_spec2});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: `strata stamp " + k_spec2 + "` would record " + k_spec1 + " (migrations/" + k_spec1 +
                            "_specs.sql), which is not in the lineage of branch 'auth' that database 'app' is bound "
                            "to; nothing was changed\n");
  EXPECT_EQ(snapshot(), before);

  ASSERT_EQ(m_project.run({"stamp", "--db", "app", "heads"}).exit_code, 0);
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_auth1}) << "heads means auth@heads here";
}

TEST_P(BranchBinding, StatusReportsAppliedRevisionsOutsideTheBranch) {
  ASSERT_EQ(m_project.run({"upgrade", "--db", "app"}).exit_code, 0);
  EXPECT_EQ(m_project.run({"status", "--db", "app", "--exit-code"}).exit_code, 0);
  strata_ok({"stamp", k_spec1});  // --url: no binding, as a mistaken run without --db would do
  const auto result = m_project.run({"status", "--db", "app", "--exit-code", "--json"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  const auto database = json_document(result)["databases"][0];
  EXPECT_EQ(database["outside_branch"], json{k_spec1}) << database;
  EXPECT_EQ(database["up_to_date"], false);
  const auto text = m_project.run({"status", "--db", "app"});
  EXPECT_NE(text.out.find("  outside branch: " + k_spec1 + " (applied, but not in the lineage of branch auth)\n"),
            std::string::npos)
      << describe(text);
}

Migration with_up(std::string id, std::string up, bool non_transactional = false) {
  return {std::move(id), "control", {k_rev1}, std::move(up), "DROP TABLE audit;\n", {}, non_transactional};
}

TEST_P(DataSafety, StatementsThatEndTheTransactionAreRefusedBeforeAnythingRuns) {
  std::vector<std::string> statements{"COMMIT", "END", "ROLLBACK", "BEGIN", "BEGIN TRANSACTION"};
  if (is_pg()) statements.insert(statements.end(), {"START TRANSACTION", "ABORT", "COMMIT AND CHAIN"});
  m_project.write(users_chain()[0]);
  for (const auto& statement : statements) {
    const auto migration = with_up("2c0000000002", "CREATE TABLE audit (id integer);\n" + statement +
                                                       ";\nINSERT INTO missing_table VALUES (1);\n");
    m_project.write(migration);
    const auto before = snapshot();
    const auto result = strata({"upgrade"});
    EXPECT_EQ(result.exit_code, 3) << statement << "\n" << describe(result);
    const int line = line_of(migration_text(migration), statement + ";");
    EXPECT_EQ(result.err, "error: " + path_of(migration) + ":" + std::to_string(line) + ": revision 2c0000000002 " +
                              "runs `" + statement + "`, which begins or ends a transaction, inside the transaction " +
                              "strata runs each migration in (with its version row, so that it is applied and " +
                              "recorded, or neither); nothing was changed\nhint: remove the statement, or add " +
                              "`-- transaction: none` to the header to run the file statement by statement without " +
                              "strata's transaction\n")
        << statement;
    EXPECT_EQ(snapshot(), before) << statement << ": something ran";
    EXPECT_TRUE(db().tables().empty()) << statement << ": the revision before it ran";
  }
}

TEST_P(DataSafety, SavepointsAndTransactionNoneFilesMayControlTransactions) {
  m_project.write(users_chain()[0]);
  m_project.write(with_up("2c0000000002", "SAVEPOINT s;\nCREATE TABLE audit (id integer);\nRELEASE SAVEPOINT s;\n"));
  m_project.write({"3c0000000003",
                   "own_transaction",
                   {"2c0000000002"},
                   "BEGIN;\nCREATE TABLE own (id integer);\nCOMMIT;\n",
                   "DROP TABLE own;\n",
                   {},
                   true});
  strata_ok({"upgrade"});
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"audit", "own", "users"}));
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, "2c0000000002", "3c0000000003"}));
}

TEST_P(DataSafety, ADownSectionWithoutAStatementIsRefusedUnlessMarkedNoOp) {
  Migration migration{k_rev1,
                      "create_users",
                      {},
                      "CREATE TABLE users (id integer);\n",
                      "-- Write the SQL that undoes the up section here.\n",
                      {},
                      false};
  m_project.write(migration);
  strata_ok({"upgrade"});
  const auto before = snapshot();
  const auto result = strata({"downgrade", "base"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  const int marker = line_of(migration_text(migration), "-- +down");
  EXPECT_EQ(result.err, "error: " + path_of(migration) + ":" + std::to_string(marker) + ": the down section of " +
                            "revision " + k_rev1 + " has no statement (only comments or blank lines), so " +
                            "downgrading it would undo nothing; nothing was changed\nhint: write the SQL that undoes " +
                            "the up section, or, if there is nothing to undo, make `-- strata: no-op` the first line " +
                            "after `-- +down`\n");
  EXPECT_EQ(snapshot(), before);
  EXPECT_TRUE(db().has_table("users"));

  migration.down = "-- strata: no-op\n-- the table stays: it holds data we keep\n";
  m_project.write(migration);
  strata_ok({"downgrade", "base"});
  EXPECT_TRUE(db().applied_revisions().empty());
  EXPECT_TRUE(db().has_table("users"));
}

TEST_P(DataSafety, ANoOpMarkerOverStatementsIsRefused) {
  Migration migration{
      k_rev1, "create_users", {}, "CREATE TABLE users (id integer);\n", "-- strata: no-op\nDROP TABLE users;\n",
      {},     false};
  m_project.write(migration);
  strata_ok({"upgrade"});
  const auto before = snapshot();
  const auto result = strata({"downgrade", "base"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err, "error: " + path_of(migration) + ":" +
                            std::to_string(line_of(migration_text(migration), "-- +down")) + ": the down section of " +
                            "revision " + k_rev1 + " says `-- strata: no-op` but holds 1 statement; nothing was " +
                            "changed\nhint: remove the marker line or the statements\n");
  EXPECT_EQ(snapshot(), before);
}

class Resume : public DataSafety {
protected:
  const std::string k_id = "2d0000000002";
  Migration failing() const {
    return {k_id,
            "backfill",
            {k_rev1},
            "CREATE TABLE a (id integer);\nINSERT INTO missing_table VALUES (1);\nCREATE TABLE b (id integer);\n",
            "DROP TABLE b;\nDROP TABLE a;\n",
            {},
            true};
  }
  void set_up() override {
    DataSafety::set_up();
    m_project.write(users_chain()[0]);
    m_project.write(failing());
    const auto result = strata({"upgrade"});
    ASSERT_EQ(result.exit_code, 4) << describe(result);
  }
};

TEST_P(Resume, RecordsTheChecksumOfTheFixedFile) {
  auto fixed = failing();
  fixed.up = "CREATE TABLE a (id integer);\nCREATE TABLE missing_table (id integer);\nCREATE TABLE b (id integer);\n";
  m_project.write(fixed);
  const auto resumed = strata_ok({"resolve", k_id, "--resume"});
  EXPECT_EQ(resumed.out, shown() + ": " + k_id + " resumed from statement 2 of 3 and is now applied; run `strata " +
                             "upgrade" + url_option() + "` to continue\n");
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 0) << "the fixed file's checksum was not recorded";
  EXPECT_EQ(strata({"upgrade"}).exit_code, 0);
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"a", "b", "missing_table", "users"}));
}

TEST_P(Resume, RefusesAStatementNumberOutOfRange) {
  db().execute("UPDATE strata_migrations SET dirty_statement = 98 WHERE revision = '" + k_id + "'");
  const auto before = snapshot();
  const auto result = strata({"resolve", k_id, "--resume"});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_EQ(result.err, "error: " + shown() + ": cannot resume " + k_id + ": the version table says it failed at " +
                            "statement 99, but its up section (" + path_of(failing()) + ") has 3 statements; " +
                            "nothing was changed\nhint: if the file was edited since, restore it; otherwise check " +
                            "what ran, then `strata resolve " + k_id + " --applied" + url_option() + "` or `strata " +
                            "resolve " + k_id + " --rolled-back" + url_option() + "`\n");
  EXPECT_EQ(snapshot(), before);
}

TEST_P(Resume, RefusesANegativeStatementNumber) {
  db().execute("UPDATE strata_migrations SET dirty_statement = -5 WHERE revision = '" + k_id + "'");
  const auto before = snapshot();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"resolve", k_id, "--resume"}, std::vector<std::string>{"upgrade"}}) {
    const auto result = strata(args);
    EXPECT_EQ(result.exit_code, 4) << describe(result);
    EXPECT_EQ(result.err, "error: " + shown() + ": strata's version table strata_migrations holds a value strata " +
                              "never writes: dirty_statement is '-5' in the row of revision '" + k_id + "' (expected " +
                              "a whole number of 0 or more); nothing was changed\nhint: the table is written only by " +
                              "strata: correct or delete that row with the database's own client, or restore the " +
                              "table from a backup\n");
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_P(DataSafety, ANulByteIsAFileErrorAndTheLockIsReleased) {
  m_project.write(users_chain()[0]);
  auto migration = with_up("2e0000000002", std::string("CREATE TABLE audit (id integer);\nSELECT 1") + '\0' +
                                               ";\nCREATE TABLE later (id integer);\n");
  m_project.write(migration);
  const auto before = snapshot();
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err, "error: " + path_of(migration) + ":" +
                            std::to_string(line_of(migration_text(migration), "SELECT 1")) + ": the up section of " +
                            "revision 2e0000000002 holds a NUL byte, which SQL text cannot contain; nothing was " +
                            "changed\nhint: remove it (a file saved as UTF-16, or pasted binary data, puts NUL " +
                            "bytes in)\n");
  EXPECT_EQ(snapshot(), before);
  migration.up = "CREATE TABLE audit (id integer);\n";
  m_project.write(migration);
  strata_ok({"upgrade", "--lock-timeout", "0"});
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, "2e0000000002"}));
}

TEST_P(DataSafety, AHandEditedVersionRowIsAClearError) {
  m_project.write_all(users_chain());
  strata_ok({"upgrade", k_rev1});
  if (is_pg())
    db().execute(
        "ALTER TABLE strata_migrations DROP CONSTRAINT strata_migrations_dirty_check; ALTER TABLE "
        "strata_migrations ALTER COLUMN dirty DROP DEFAULT, ALTER COLUMN dirty TYPE text");
  db().execute(std::string(is_pg() ? "" : "PRAGMA ignore_check_constraints = ON; ") +
               "UPDATE strata_migrations SET dirty = 'yes'");
  const auto before = snapshot();
  const std::string message = shown() + ": strata's version table strata_migrations holds a value strata never " +
                              "writes: dirty is 'yes' in the row of revision '" + k_rev1 + "' (expected 0 or 1); " +
                              "nothing was changed\nhint: the table is written only by strata: correct or delete " +
                              "that row with the database's own client, or restore the table from a backup";
  const auto upgrade = strata({"upgrade"});
  EXPECT_EQ(upgrade.exit_code, 4) << describe(upgrade);
  EXPECT_EQ(upgrade.err, "error: " + message + "\n");
  const auto status = strata({"status", "--json", "--exit-code"});
  EXPECT_EQ(status.exit_code, 4) << describe(status);
  EXPECT_EQ(json_document(status)["databases"][0]["error"],
            (json{{"code", "version_store_invalid"}, {"message", message}}));
  EXPECT_EQ(snapshot(), before);
}

TEST_P(DataSafety, AUsersOwnTableWithTheStoresNameIsNamedAndLeftAlone) {
  m_project.write_all(users_chain());
  db().execute("CREATE TABLE strata_migrations (id integer PRIMARY KEY, name text)");
  db().execute("INSERT INTO strata_migrations VALUES (1, 'mine')");
  const auto before = db().schema_listing();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"upgrade"}, std::vector<std::string>{"stamp", k_rev1}}) {
    const auto result = strata(args);
    EXPECT_EQ(result.exit_code, 4) << describe(result);
    EXPECT_EQ(result.err, "error: " + shown() + ": table strata_migrations has the name of strata's version table " +
                              "but not its shape: it lacks the columns revision, checksum, applied_at, " +
                              "execution_ms, applied_by, dirty, statements_done, dirty_statement, dirty_error; " +
                              "nothing was changed\nhint: if it is a table of your own, name strata's version table " +
                              "differently in strata.toml ([version_store] table = \"...\"); if it is strata's, " +
                              "restore it from a backup\n");
  }
  EXPECT_EQ(db().schema_listing(), before);
  EXPECT_EQ(db().scalar("SELECT name FROM strata_migrations"), "mine");
}

// A store written by an earlier strata marked a failed downgrade as a "downgrade: " prefix of its error text; it is
// read as a direction, converted by the next command that writes, and resolved as a downgrade.
TEST_P(DataSafety, AnOldStoresFailedDowngradeIsReadAsOne) {
  m_project.write_all(users_chain());
  db().execute(
      "CREATE TABLE strata_migrations (revision TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT "
      "NOT NULL, execution_ms BIGINT NOT NULL DEFAULT 0, applied_by TEXT NOT NULL, dirty INTEGER NOT NULL "
      "DEFAULT 0 CHECK (dirty IN (0, 1)), statements_done INTEGER NOT NULL DEFAULT 0, dirty_statement "
      "INTEGER, dirty_error TEXT)");
  db().execute("INSERT INTO strata_migrations VALUES ('" + k_rev1 +
               "', 'x', 't', 0, 'me', 1, 0, 0, "
               "'downgrade: boom')");
  const auto status = strata({"status", "--json"});
  const auto dirty = json_document(status)["databases"][0]["dirty"];
  EXPECT_EQ(dirty["direction"], "down") << dirty;
  EXPECT_EQ(dirty["error"], "boom") << dirty;
  const auto resume = strata({"resolve", k_rev1, "--resume"});
  EXPECT_EQ(resume.exit_code, 2) << describe(resume);
  EXPECT_EQ(resume.err, "error: cannot resume " + k_rev1 +
                            ": it failed while being downgraded; nothing was "
                            "changed\nhint: finish the downgrade by hand, then `strata resolve " +
                            k_rev1 + " --rolled-back" + url_option() + "`; or undo what it did, then `strata resolve " +
                            k_rev1 + " --applied" + url_option() + "`\n");
  strata_ok({"resolve", k_rev1, "--rolled-back"});
  EXPECT_TRUE(db().applied_revisions().empty());
  EXPECT_EQ(db().scalar("SELECT count(dirty_direction) FROM strata_migrations"), "0") << "the column was not added";
}

INSTANTIATE_TEST_SUITE_P(BothEngines, DataSafety, k_both_engines, backend_param_name);
INSTANTIATE_TEST_SUITE_P(BothEngines, BranchBinding, k_both_engines, backend_param_name);
INSTANTIATE_TEST_SUITE_P(BothEngines, Resume, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
