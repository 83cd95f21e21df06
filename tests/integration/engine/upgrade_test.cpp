// strata upgrade / downgrade / current end to end on both engines: what lands in the database, the text and
// JSON Lines output, --sql (touches nothing), --dry-run (changes nothing), --backup (restorable).
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Upgrade : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write_all(users_chain());
  }
};

TEST_P(Upgrade, AppliesEveryRevisionAndRecordsIt) {
  strata_ok({"upgrade"});
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"orders", "users"}));
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
  const auto log = db().log_counts();
  for (const auto& revision : {k_rev1, k_rev2, k_rev3})
    EXPECT_EQ(log.count({"upgrade", revision}) ? log.at({"upgrade", revision}) : 0, 1) << revision;
  // The columns of the second revision and the index of the third are there.
  db().execute("INSERT INTO users (id, name, email) VALUES (1, 'ada', 'ada@example.org')");
  db().execute("INSERT INTO orders (id, user_id) VALUES (1, 1)");
  EXPECT_NE(db().schema_listing().find("orders_user_id"), std::string::npos) << db().schema_listing();
}

TEST_P(Upgrade, SecondRunHasNothingToDo) {
  strata_ok({"upgrade"});
  const auto listing = db().schema_listing();
  const auto again = strata_ok({"upgrade", "--json"});
  const auto events = json_lines(again);
  ASSERT_EQ(events.size(), 1u) << again.out;
  EXPECT_EQ(events[0]["event"], "done");
  EXPECT_EQ(events[0]["applied"], 0);
  EXPECT_EQ(events[0]["heads_before"], json{k_rev3});
  EXPECT_EQ(events[0]["heads_after"], json{k_rev3});
  EXPECT_EQ(db().schema_listing(), listing);
}

TEST_P(Upgrade, JsonLinesOneEventPerStepThenDone) {
  const auto result = strata_ok({"upgrade", "--json"});
  const auto events = json_lines(result);
  ASSERT_EQ(events.size(), 4u) << result.out;
  const std::vector<std::string> files{"1a2b3c4d5e01_create_users.sql", "2b3c4d5e6f02_add_email.sql",
                                       "3c4d5e6f7003_create_orders.sql"};
  const std::vector<std::string> ids{k_rev1, k_rev2, k_rev3};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(events[i]["event"], "step") << events[i];
    EXPECT_EQ(events[i]["revision"], ids[i]) << events[i];
    EXPECT_EQ(events[i]["direction"], "up") << events[i];
    EXPECT_TRUE(events[i]["path"].is_string() && events[i]["path"].get<std::string>().ends_with(files[i])) << events[i];
    EXPECT_TRUE(events[i]["ms"].is_number()) << events[i];
  }
  const auto& done = events[3];
  EXPECT_EQ(done["event"], "done");
  EXPECT_TRUE(done["database"].is_string()) << done;
  EXPECT_EQ(done["applied"], 3);
  EXPECT_EQ(done["heads_before"], json::array());
  EXPECT_EQ(done["heads_after"], json{k_rev3});
  EXPECT_TRUE(done["ms"].is_number()) << done;
}

TEST_P(Upgrade, ToATargetThenTheRest) {
  strata_ok({"upgrade", k_rev1});
  EXPECT_EQ(db().tables(), std::vector<std::string>{"users"});
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
  const auto current = strata_ok({"current", "--json"});
  const auto document = json_document(current);
  ASSERT_EQ(document["databases"].size(), 1u) << current.out;
  EXPECT_EQ(document["databases"][0]["heads"], json{k_rev1});
  EXPECT_EQ(document["databases"][0]["applied"], 1);
  EXPECT_TRUE(document["databases"][0]["url"].is_string());
  EXPECT_TRUE(document["databases"][0]["name"].is_string());
  strata_ok({"upgrade", "heads"});
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
}

TEST_P(Upgrade, CurrentTextNamesTheHead) {
  strata_ok({"upgrade", k_rev2});
  const auto current = strata_ok({"current"});
  EXPECT_NE(current.out.find(k_rev2), std::string::npos) << describe(current);
  EXPECT_EQ(current.out.find(k_rev3), std::string::npos) << describe(current);
}

TEST_P(Upgrade, CurrentOfAnEmptyDatabase) {
  const auto current = strata_ok({"current", "--json"});
  const auto document = json_document(current);
  EXPECT_EQ(document["databases"][0]["heads"], json::array()) << current.out;
  EXPECT_EQ(document["databases"][0]["applied"], 0);
  EXPECT_TRUE(db().tables().empty());
  EXPECT_TRUE(db().applied_revisions().empty()) << "current created the version store";
}

TEST_P(Upgrade, DowngradeToARevisionAndToBase) {
  strata_ok({"upgrade"});
  const auto down = strata_ok({"downgrade", k_rev1, "--json"});
  const auto events = json_lines(down);
  ASSERT_EQ(events.size(), 3u) << down.out;
  EXPECT_EQ(events[0]["revision"], k_rev3);
  EXPECT_EQ(events[0]["direction"], "down");
  EXPECT_EQ(events[1]["revision"], k_rev2);
  EXPECT_EQ(events[1]["direction"], "down");
  EXPECT_EQ(events[2]["event"], "done");
  EXPECT_EQ(events[2]["heads_before"], json{k_rev3});
  EXPECT_EQ(events[2]["heads_after"], json{k_rev1});
  EXPECT_EQ(db().tables(), std::vector<std::string>{"users"});
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
  // The email column is gone again: inserting it fails, inserting without it works.
  EXPECT_THROW(db().execute("INSERT INTO users (id, name, email) VALUES (1, 'ada', 'x')"), std::runtime_error);
  db().execute("INSERT INTO users (id, name) VALUES (1, 'ada')");

  strata_ok({"downgrade", "base"});
  EXPECT_TRUE(db().tables().empty()) << db().schema_listing();
  EXPECT_TRUE(db().applied_revisions().empty());
  const auto log = db().log_counts();
  EXPECT_EQ(log.at({"downgrade", k_rev1}), 1);
  EXPECT_EQ(log.at({"downgrade", k_rev3}), 1);
}

// --url comes first in the selection order: the databases of strata.toml are not used, so a variable that only
// one of them needs does not have to be set.
TEST_P(Upgrade, UrlIgnoresTheConfiguredDatabases) {
  m_project.temp().write("strata.toml",
                         "[repository]\npath = \"migrations\"\n\n[databases.app]\n"
                         "url = \"${STRATA_E2E_UNSET_VARIABLE}\"\n");
  const auto result = m_project.run({"upgrade", "--url", db().url()}, {});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
}

TEST_P(Upgrade, SqlPrintsTheWholeScriptAndTouchesNothing) {
  const auto bytes_before = is_pg() ? "" : file_bytes(db().file());
  const auto listing_before = db().schema_listing();
  const auto result = strata_ok({"upgrade", "--sql"});
  for (const auto* expected : {"CREATE TABLE users", "ALTER TABLE users ADD COLUMN email", "CREATE TABLE orders",
                               "CREATE INDEX orders_user_id", "strata_migrations"})
    EXPECT_NE(result.out.find(expected), std::string::npos) << expected << "\n" << describe(result);
  for (const auto& id : {k_rev1, k_rev2, k_rev3})
    EXPECT_NE(result.out.find(id), std::string::npos) << id << " is not recorded by the script";
  EXPECT_EQ(db().schema_listing(), listing_before);
  if (!is_pg()) {
    EXPECT_EQ(file_bytes(db().file()), bytes_before);
  }
}

TEST_P(Upgrade, SqlWithoutADatabaseStartsFromEmptyAndCreatesNothing) {
  const auto url = is_pg() ? with_database(db().url(), db().pg_name() + "_absent")
                           : "sqlite://" + (m_project.dir() / "absent.db").string();
  const auto result = m_project.run({"upgrade", "--sql", "--url", url});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.out.find("CREATE TABLE users"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("CREATE TABLE orders"), std::string::npos) << result.out;
  if (!is_pg()) {
    EXPECT_FALSE(fs::exists(m_project.dir() / "absent.db")) << "--sql created the database file";
  }
}

TEST_P(Upgrade, SqlStartsFromTheAppliedSet) {
  strata_ok({"upgrade", k_rev1});
  const auto bytes_before = is_pg() ? "" : file_bytes(db().file());
  const auto listing_before = db().schema_listing();
  const auto result = strata_ok({"upgrade", "--sql"});
  EXPECT_EQ(result.out.find("CREATE TABLE users"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("ALTER TABLE users ADD COLUMN email"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("CREATE TABLE orders"), std::string::npos) << result.out;
  EXPECT_EQ(db().schema_listing(), listing_before);
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
  if (!is_pg()) {
    EXPECT_EQ(file_bytes(db().file()), bytes_before);
  }
}

TEST_P(Upgrade, DowngradeSqlTouchesNothing) {
  strata_ok({"upgrade"});
  const auto listing_before = db().schema_listing();
  const auto result = strata_ok({"downgrade", "base", "--sql"});
  EXPECT_NE(result.out.find("DROP TABLE orders"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("DROP TABLE users"), std::string::npos) << result.out;
  EXPECT_LT(result.out.find("DROP TABLE orders"), result.out.find("DROP TABLE users")) << result.out;
  EXPECT_EQ(db().schema_listing(), listing_before);
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
}

TEST_P(Upgrade, DryRunPrintsThePlanAndChangesNothing) {
  strata_ok({"upgrade", k_rev1});
  const auto listing_before = db().schema_listing();
  const auto result = strata_ok({"upgrade", "--dry-run"});
  EXPECT_NE(result.out.find(k_rev2), std::string::npos) << describe(result);
  EXPECT_NE(result.out.find(k_rev3), std::string::npos) << describe(result);
  EXPECT_EQ(result.out.find("CREATE TABLE"), std::string::npos) << "a plan, not a script:\n" << result.out;
  EXPECT_EQ(db().schema_listing(), listing_before);
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
  EXPECT_FALSE(db().log_counts().count({"upgrade", k_rev2}));
}

// Restores `backup` into `target` the way the user is told to, then checks it holds exactly the state at backup time.
class Backup : public Upgrade {
protected:
  void restore_and_check(const fs::path& backup, const std::string& output) {
    ASSERT_TRUE(fs::exists(backup)) << output;
    EXPECT_NE(output.find(backup.string()), std::string::npos) << "the backup path is not printed:\n" << output;
    std::string lowered = output;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_NE(lowered.find("restore"), std::string::npos) << "no restore instructions:\n" << output;
    std::unique_ptr<TestDatabase> restored = another_database("restored");
    if (is_pg()) {
      EXPECT_NE(output.find("pg_restore"), std::string::npos) << output;
      const auto command = "pg_restore --no-owner -d '" + restored->url() + "' '" + backup.string() + "'";
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
    } else {
      fs::copy_file(backup, restored->file(), fs::copy_options::overwrite_existing);
    }
    EXPECT_EQ(restored->tables(), std::vector<std::string>{"users"});
    EXPECT_EQ(restored->applied_revisions(), std::vector<std::string>{k_rev1});
    EXPECT_EQ(restored->scalar("SELECT name FROM users WHERE id = 7"), "grace");
    const auto current = m_project.run({"current", "--json", "--url", restored->url()});
    ASSERT_EQ(current.exit_code, 0) << describe(current);
    EXPECT_EQ(json_document(current)["databases"][0]["heads"], json{k_rev1});
  }
};

TEST_P(Backup, IsTakenBeforeMigratingAndRestores) {
  strata_ok({"upgrade", k_rev1});
  db().execute("INSERT INTO users (id, name) VALUES (7, 'grace')");
  const auto backup = m_project.dir() / (is_pg() ? "before.dump" : "before.db");
  const auto result = strata_ok({"upgrade", "--backup", backup.string()});
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
  restore_and_check(backup, all_output(result));
}

TEST_P(Backup, FailingBackupRefusesToMigrate) {
  strata_ok({"upgrade", k_rev1});
  const auto listing_before = db().schema_listing();
  const auto backup = m_project.dir() / "no-such-folder" / "deeper" / "backup.db";
  const auto result = strata({"upgrade", "--backup", backup.string()});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_NE(result.err.find(backup.string()), std::string::npos) << describe(result);
  EXPECT_EQ(db().schema_listing(), listing_before);
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Upgrade, k_both_engines, backend_param_name);
INSTANTIATE_TEST_SUITE_P(BothEngines, Backup, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
