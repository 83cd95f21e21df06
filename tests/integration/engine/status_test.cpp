// strata status (text, --json, --exit-code), stamp and adopt-alembic end to end on both engines.
#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Status : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write_all(users_chain());
  }
  json status_json() {
    const auto result = strata({"status", "--json"});
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    const auto document = json_document(result);
    EXPECT_EQ(document["databases"].size(), 1u) << result.out;
    return document["databases"][0];
  }
  int exit_code_of_status() { return strata({"status", "--exit-code"}).exit_code; }
};

TEST_P(Status, JsonOfAPartlyMigratedDatabase) {
  strata_ok({"upgrade", k_rev1});
  const auto database = status_json();
  EXPECT_TRUE(database["name"].is_string()) << database;
  EXPECT_TRUE(database["url"].is_string()) << database;
  EXPECT_EQ(database["current_heads"], json{k_rev1});
  EXPECT_EQ(database["expected_heads"], json{k_rev3});
  EXPECT_EQ(database["pending"], (json{k_rev2, k_rev3}));
  EXPECT_EQ(database["unknown_applied"], json::array());
  EXPECT_EQ(database["checksum_mismatches"], json::array());
  EXPECT_TRUE(database["dirty"].is_null()) << database;
  EXPECT_TRUE(database["lock_holder"].is_null()) << database;
  EXPECT_EQ(database["up_to_date"], false);
  EXPECT_TRUE(database["error"].is_null()) << database;
}

TEST_P(Status, JsonOfAnUpToDateDatabase) {
  strata_ok({"upgrade"});
  const auto database = status_json();
  EXPECT_EQ(database["current_heads"], json{k_rev3});
  EXPECT_EQ(database["pending"], json::array());
  EXPECT_EQ(database["up_to_date"], true);
}

TEST_P(Status, TextNamesHeadsAndPendingRevisions) {
  strata_ok({"upgrade", k_rev1});
  const auto result = strata_ok({"status"});
  for (const auto& id : {k_rev1, k_rev2, k_rev3})
    EXPECT_NE(result.out.find(id), std::string::npos) << id << "\n" << describe(result);
  EXPECT_NE(result.out.find("pending"), std::string::npos) << describe(result);
}

TEST_P(Status, DoesNotCreateTheVersionStore) {
  const auto listing = db().schema_listing();
  const auto database = status_json();
  EXPECT_EQ(database["pending"], (json{k_rev1, k_rev2, k_rev3}));
  EXPECT_EQ(database["current_heads"], json::array());
  EXPECT_EQ(db().schema_listing(), listing);
}

TEST_P(Status, ExitCodes) {
  EXPECT_EQ(strata({"status"}).exit_code, 0) << "without --exit-code, pending is not a failure";
  EXPECT_EQ(exit_code_of_status(), 1) << "pending";
  strata_ok({"upgrade"});
  EXPECT_EQ(exit_code_of_status(), 0) << "up to date";
  // An applied revision whose file changed: 3.
  const auto users = users_chain();
  auto edited = users[0];
  edited.up = "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, extra integer);\n";
  m_project.write(edited);
  EXPECT_EQ(exit_code_of_status(), 3) << "checksum mismatch";
  m_project.write(users[0]);
  EXPECT_EQ(exit_code_of_status(), 0);
  // An applied revision the repository lacks: 3.
  fs::remove(m_project.migrations() / file_name(users[2]));
  EXPECT_EQ(exit_code_of_status(), 3) << "unknown applied revision";
  EXPECT_EQ(strata({"status"}).exit_code, 0) << "without --exit-code status reports and exits 0";
}

TEST_P(Status, ExitCodeIsJsonToo) {
  const auto result = strata({"status", "--exit-code", "--json"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_EQ(json_document(result)["databases"][0]["up_to_date"], false);
}

TEST_P(Status, StampRecordsWithoutRunning) {
  const auto result = strata_ok({"stamp", k_rev2});
  EXPECT_TRUE(db().tables().empty()) << "stamp ran SQL: " << db().schema_listing();
  const auto database = status_json();
  EXPECT_EQ(database["current_heads"], json{k_rev2});
  EXPECT_EQ(database["pending"], json{k_rev3});
  EXPECT_GE(db().log_counts().count({"stamp", k_rev2}), 1u);
  // The next upgrade runs only what was not stamped: orders needs users, so create it by hand first, as a team
  // adopting strata on an existing database would have it.
  db().execute("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text)");
  strata_ok({"upgrade"});
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"orders", "users"}));
  EXPECT_EQ(status_json()["up_to_date"], true);
}

TEST_P(Status, StampPurgeReplacesTheAppliedSet) {
  strata_ok({"upgrade"});
  strata_ok({"stamp", k_rev1, "--purge"});
  const auto database = status_json();
  EXPECT_EQ(database["current_heads"], json{k_rev1});
  EXPECT_EQ(database["pending"], (json{k_rev2, k_rev3}));
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"orders", "users"})) << "stamp must not run downgrades";
}

TEST_P(Status, StampOfAnUnknownRevisionChangesNothing) {
  const auto listing = db().schema_listing();
  const auto result = strata({"stamp", "feedfacecafe"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_NE(result.err.find("feedfacecafe"), std::string::npos) << describe(result);
  EXPECT_EQ(db().schema_listing(), listing);
}

TEST_P(Status, AdoptAlembicTakesHeadsAndAncestors) {
  // An Alembic-managed database at revision 2: its tables exist and alembic_version names the head.
  db().execute("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text)");
  db().execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)");
  db().execute("INSERT INTO alembic_version (version_num) VALUES ('" + k_rev2 + "')");
  strata_ok({"adopt-alembic"});
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2}));
  EXPECT_EQ(status_json()["pending"], json{k_rev3});
  strata_ok({"upgrade"});
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"orders", "users"}));
}

TEST_P(Status, AdoptAlembicWithoutAlembicVersionTableIsAnError) {
  const auto listing = db().schema_listing();
  const auto result = strata({"adopt-alembic"});
  EXPECT_NE(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.err.find("alembic_version"), std::string::npos) << describe(result);
  EXPECT_EQ(db().schema_listing(), listing);
}

TEST_P(Status, AlembicVersionIsMaintainedWhenAsked) {
  strata_ok({"upgrade", k_rev2, "--alembic-version"});
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{k_rev2});
  strata_ok({"upgrade", "--alembic-version"});
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{k_rev3});
  strata_ok({"downgrade", k_rev1, "--alembic-version"});
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{k_rev1});
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Status, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
