// strata drift on both engines: hand-made drift of each kind is found and named; no drift is exit 0; scratch
// databases are gone afterwards.
#include "schema_ops/schema_ops_test.hpp"

namespace strata::testing {
namespace {

using nlohmann::json;

class Drift : public ScratchTest {
protected:
  void set_up() override {
    ScratchTest::set_up();
    m_project.write_all(users_chain());
    strata_ok({"upgrade"});
  }
  // The differences drift reports, as "change kind object" lines.
  std::vector<std::string> drift_lines() {
    const auto result = run({"drift", "--json"});
    EXPECT_EQ(result.exit_code, 1) << describe(result);
    const auto document = json_document(result);
    std::vector<std::string> lines;
    const auto& database = document["databases"][0];
    EXPECT_EQ(database["drifted"], true) << result.out;
    EXPECT_EQ(database["heads"], json{k_rev3}) << result.out;
    for (const auto& difference : database["differences"])
      lines.push_back(difference["change"].get<std::string>() + " " + difference["kind"].get<std::string>() + " " +
                      difference["object"].get<std::string>());
    return lines;
  }
  std::string qualified(const std::string& name) const { return is_pg() ? "public." + name : name; }
  bool contains(const std::vector<std::string>& lines, const std::string& line) const {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  }
};

TEST_P(Drift, NoDriftIsExitZero) {
  const auto result = run({"drift"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.out.find("no drift"), std::string::npos) << describe(result);
  const auto document = json_document(run({"drift", "--json"}));
  EXPECT_EQ(document["databases"][0]["drifted"], false) << document;
  EXPECT_EQ(document["databases"][0]["differences"], json::array()) << document;
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Drift, ExtraTable) {
  db().execute("CREATE TABLE audit (id integer PRIMARY KEY)");
  EXPECT_TRUE(contains(drift_lines(), "extra table " + qualified("audit")));
}

TEST_P(Drift, MissingIndex) {
  db().execute("DROP INDEX orders_user_id");
  EXPECT_TRUE(contains(drift_lines(), "missing index " + qualified("orders_user_id")));
}

TEST_P(Drift, ExtraColumn) {
  db().execute("ALTER TABLE users ADD COLUMN nickname text");
  EXPECT_TRUE(contains(drift_lines(), "extra column " + qualified("users.nickname")));
}

TEST_P(Drift, ChangedColumnType) {
  if (!is_pg()) GTEST_SKIP() << "SQLite cannot change a column's type in place; see ExtraColumn";
  db().execute("ALTER TABLE users ALTER COLUMN name TYPE varchar(40)");
  const auto document = json_document(run({"drift", "--json"}));
  const auto& differences = document["databases"][0]["differences"];
  ASSERT_EQ(differences.size(), 1u) << document;
  EXPECT_EQ(differences[0]["kind"], "column");
  EXPECT_EQ(differences[0]["object"], "public.users.name");
  EXPECT_EQ(differences[0]["change"], "changed");
  EXPECT_EQ(differences[0]["attribute"], "type");
  EXPECT_EQ(differences[0]["expected"], "text");
  EXPECT_EQ(differences[0]["actual"], "character varying(40)");
}

TEST_P(Drift, ChangedDefaultAndNullability) {
  if (!is_pg()) GTEST_SKIP() << "SQLite cannot alter a column's default in place";
  db().execute("ALTER TABLE users ALTER COLUMN email SET DEFAULT 'none'");
  db().execute("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
  const auto lines = drift_lines();
  EXPECT_EQ(lines,
            (std::vector<std::string>{"changed column public.users.email", "changed column public.users.email"}));
}

TEST_P(Drift, ExtraViewAndTrigger) {
  db().execute("CREATE VIEW user_names AS SELECT name FROM users");
  const auto lines = drift_lines();
  EXPECT_TRUE(contains(lines, "extra view " + qualified("user_names")));
}

TEST_P(Drift, TextListsEachDifference) {
  db().execute("CREATE TABLE audit (id integer PRIMARY KEY)");
  const auto result = run({"drift"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_NE(result.out.find("drifted, 1 difference (expected: what its migrations produce; actual: the database)"),
            std::string::npos)
      << describe(result);
  EXPECT_NE(result.out.find("  extra table " + qualified("audit")), std::string::npos) << describe(result);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Drift, PartlyMigratedDatabaseIsComparedWithItsOwnRevisions) {
  strata_ok({"downgrade", k_rev1});
  const auto result = run({"drift", "--json"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(json_document(result)["databases"][0]["heads"], json{k_rev1});
}

TEST_P(Drift, SinceUpgradeComparesWithTheRecordedHash) {
  const auto unchanged = run({"drift", "--since-upgrade"});
  EXPECT_EQ(unchanged.exit_code, 0) << describe(unchanged);
  EXPECT_NE(unchanged.out.find(": unchanged since the last upgrade\n"), std::string::npos) << describe(unchanged);
  EXPECT_EQ(json_document(run({"drift", "--json"}))["databases"][0]["unchanged_since_upgrade"], true);
  db().execute("CREATE TABLE audit (id integer PRIMARY KEY)");
  const auto changed = run({"drift", "--since-upgrade"});
  EXPECT_EQ(changed.exit_code, 1) << describe(changed);
  EXPECT_NE(changed.out.find(": changed since the last upgrade; for the differences, run: strata drift\n"),
            std::string::npos)
      << describe(changed);
  EXPECT_EQ(leftovers(), std::vector<std::string>{}) << "--since-upgrade builds nothing";
}

TEST_P(Drift, AnOldVersionStoreGetsTheHashColumnAtTheNextUpgrade) {
  db().execute("ALTER TABLE strata_migrations DROP COLUMN schema_hash");
  const auto before = run({"drift", "--since-upgrade"});
  EXPECT_EQ(before.exit_code, 3) << describe(before);
  EXPECT_NE(before.out.find("no schema hash recorded"), std::string::npos) << describe(before);
  m_project.write({"4d5e6f708104",
                   "create_audit",
                   {k_rev3},
                   "CREATE TABLE audit (id integer PRIMARY KEY);\n",
                   "DROP TABLE audit;\n",
                   {},
                   false});
  strata_ok({"upgrade"});
  EXPECT_EQ(run({"drift", "--since-upgrade"}).exit_code, 0);
  EXPECT_EQ(db().scalar("SELECT count(*) FROM strata_migrations WHERE schema_hash IS NOT NULL"), "1");
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Drift, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
