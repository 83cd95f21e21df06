// Living next to Alembic, end to end on both engines: status, current and upgrade on a database Alembic manages and
// strata does not yet; alembic_version disagreeing with strata's store (adopt-alembic --sync, only forward);
// stamp --alembic-version over a row the repository lacks; texts when the database is ahead of the code.
#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

using nlohmann::json;

class Alembic : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write_all(users_chain());
  }
  // What Alembic leaves: its table holding `revision`.
  void set_alembic_version(const std::string& revision) {
    db().execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)");
    db().execute("DELETE FROM alembic_version");
    db().execute("INSERT INTO alembic_version (version_num) VALUES ('" + revision + "')");
  }
  // A database Alembic brought to revision 2.
  void alembic_at_rev2() {
    db().execute("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text)");
    set_alembic_version(k_rev2);
  }
  std::string url_flag() const { return " --url '" + db().url() + "'"; }
  json status_of(const RunResult& result) {
    const auto document = json_document(result);
    return document["databases"][0];
  }
};

TEST_P(Alembic, StatusOfADatabaseAlembicManagesNamesAdoptAlembic) {
  alembic_at_rev2();
  const auto result = strata({"status"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "url (" + db().url() +
                            ")\n"
                            "  current heads:  (none recorded by strata; alembic_version: " +
                            k_rev2 +
                            ") (0 applied)\n"
                            "  expected heads: " +
                            k_rev3 +
                            "\n"
                            "  pending:        1: " +
                            k_rev3 +
                            " (after adopt-alembic)\n"
                            "  alembic:        Alembic manages this database (alembic_version: " +
                            k_rev2 +
                            ") and strata does not yet: strata's version store is empty\n"
                            "    hint: record " +
                            k_rev2 +
                            " and its ancestors as applied, running nothing: strata "
                            "adopt-alembic" +
                            url_flag() +
                            "\n"
                            "  not up to date\n");
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 1);
  const auto database = status_of(strata_ok({"status", "--json"}));
  EXPECT_EQ(database["alembic"]["state"], "not_adopted") << database;
  EXPECT_EQ(database["alembic"]["heads"], json{k_rev2});
  EXPECT_EQ(database["pending"], json{k_rev3});
  EXPECT_EQ(database["up_to_date"], false);

  const auto current = strata_ok({"current"});
  EXPECT_EQ(current.out, "base (nothing recorded by strata; alembic_version: " + k_rev2 + ") (0 applied)\n");
  EXPECT_EQ(current.err, "warning: Alembic manages this database (alembic_version: " + k_rev2 +
                             ") and strata does not yet: strata's version store is empty\nhint: record " + k_rev2 +
                             " and its ancestors as applied, running nothing: strata adopt-alembic" + url_flag() +
                             "\n");
  EXPECT_EQ(json_document(strata_ok({"current", "--json"}))["databases"][0]["alembic"]["state"], "not_adopted");
}

TEST_P(Alembic, UpgradeOfADatabaseAlembicManagesIsRefused) {
  alembic_at_rev2();
  const auto listing = db().schema_listing();
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err, "error: " + db().url() + ": Alembic manages this database (alembic_version: " + k_rev2 +
                            ") and strata does not yet: strata's version store is empty; nothing was changed\nhint: "
                            "record " +
                            k_rev2 +
                            " and its ancestors as applied, running nothing: strata "
                            "adopt-alembic" +
                            url_flag() + "\n");
  EXPECT_EQ(db().schema_listing(), listing);
  strata_ok({"adopt-alembic"});
  strata_ok({"upgrade"});
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
}

TEST_P(Alembic, AlembicRanAfterTheAdoptionAndSyncMovesForward) {
  db().execute("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)");
  set_alembic_version(k_rev1);
  strata_ok({"adopt-alembic"});
  // Alembic runs revision 2 afterwards.
  db().execute("ALTER TABLE users ADD COLUMN email text");
  set_alembic_version(k_rev2);

  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 3);
  const auto database = status_of(strata_ok({"status", "--json"}));
  EXPECT_EQ(database["alembic"]["state"], "ahead") << database;
  EXPECT_EQ(database["alembic"]["missing"], json{k_rev2});
  EXPECT_EQ(database["alembic"]["message"],
            "alembic_version (" + k_rev2 + ") is ahead of strata's version store, which lacks " + k_rev2 +
                ": Alembic ran after the adoption\nhint: record them in strata's store, running nothing: strata "
                "adopt-alembic --sync" +
                url_flag());
  const auto listing = db().schema_listing();
  const auto upgrade = strata({"upgrade"});
  EXPECT_EQ(upgrade.exit_code, 3) << describe(upgrade);
  EXPECT_EQ(db().schema_listing(), listing) << "upgrade re-ran what Alembic applied";

  const auto plain = strata({"adopt-alembic"});
  EXPECT_EQ(plain.exit_code, 2) << describe(plain);
  EXPECT_EQ(plain.err, "error: " + db().url() +
                           ": strata's version store strata_migrations already has 1 row; "
                           "adopt-alembic only initialises an empty store\nhint: to record what Alembic applied since, "
                           "running nothing: strata adopt-alembic --sync" +
                           url_flag() + "\n");

  const auto sync = strata_ok({"adopt-alembic", "--sync"});
  EXPECT_EQ(sync.out, db().url() + ": synced with alembic_version (" + k_rev2 + "): 1 revision recorded as applied (" +
                          k_rev2 + ")\n");
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2}));
  const auto log = db().log_counts();
  EXPECT_EQ(log.count({"stamp", k_rev2}), 1u);
  EXPECT_EQ(log.at({"stamp", k_rev2}), 1);
  EXPECT_EQ(strata_ok({"adopt-alembic", "--sync"}).out,
            db().url() + ": strata's version store already has everything alembic_version (" + k_rev2 +
                ") stands for; nothing to do\n");
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 1) << "revision 3 is pending, nothing else";
  strata_ok({"upgrade"});
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 0)
      << "alembic_version left behind (strata does not keep it) is not a disagreement";
}

TEST_P(Alembic, SyncNeverMovesStrataBackward) {
  m_project.temp().write("strata.toml", "[version_store]\nalembic_version = true\n");
  strata_ok({"upgrade"});
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{k_rev3});
  // Alembic downgrades to revision 1 behind strata's back.
  set_alembic_version(k_rev1);
  const auto status = strata({"status", "--exit-code", "--json"});
  EXPECT_EQ(status.exit_code, 3) << describe(status);
  EXPECT_EQ(status_of(status)["alembic"]["state"], "behind");

  const auto result = strata({"adopt-alembic", "--sync"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err, "error: " + db().url() +
                            ": adopt-alembic --sync only moves strata's version store forward, "
                            "and matching alembic_version would remove " +
                            k_rev2 + ", " + k_rev3 + "; nothing was changed\nalembic_version (" + k_rev1 + ") lacks " +
                            k_rev2 + ", " + k_rev3 +
                            ", which strata's version store records as applied: Alembic downgraded after strata last "
                            "ran\nhint: strata does not move its store backward on its own; if the schema was rolled "
                            "back, record that, running nothing: strata stamp --purge " +
                            k_rev1 + url_flag() + "\n");
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{k_rev1});
}

TEST_P(Alembic, StampNeverOverwritesAnUnknownAlembicRowSilently) {
  set_alembic_version("feedfacecafe");
  const auto result = strata({"stamp", k_rev1, "--alembic-version"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err, "error: " + db().url() +
                            ": alembic_version holds feedfacecafe, which the repository lacks; "
                            "replacing it would lose what Alembic recorded there; nothing was changed\nhint: run this "
                            "with the code that has that revision, or replace the row anyway: strata stamp " +
                            k_rev1 + " --alembic-version --overwrite-alembic-version" + url_flag() + "\n");
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{"feedfacecafe"});
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{});
  strata_ok({"stamp", k_rev1, "--alembic-version", "--overwrite-alembic-version"});
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{k_rev1});
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{k_rev1});
}

TEST_P(Alembic, TextsWhenTheDatabaseIsAheadOfTheCode) {
  strata_ok({"upgrade"});
  std::filesystem::remove(m_project.migrations() / file_name(users_chain()[2]));
  const auto upgrade = strata({"upgrade"});
  EXPECT_EQ(upgrade.exit_code, 3) << describe(upgrade);
  EXPECT_EQ(upgrade.err, "error: " + db().url() + ": the database is ahead of the code: applied revision " + k_rev3 +
                             " is not in the repository; nothing was changed\nhint: run this with the code that has "
                             "that migration; if it was undone by hand, forget its row with `strata stamp --purge " +
                             k_rev2 + url_flag() + "`\n");
  const auto status = strata_ok({"status"});
  EXPECT_NE(status.out.find("  current heads:  " + k_rev2 + " + " + k_rev3 + " (not in the repository) (3 applied)\n"),
            std::string::npos)
      << describe(status);
  EXPECT_EQ(strata_ok({"current"}).out, k_rev2 + " + " + k_rev3 + " (not in the repository) (3 applied)\n");
  const auto stamp = strata_ok({"stamp", "--purge", k_rev2});
  EXPECT_EQ(stamp.out, db().url() + ": stamped " + k_rev2 + " (was " + k_rev2 + " + " + k_rev3 +
                           " (not in the repository)): 0 recorded, 1 removed\n");
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Alembic, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
