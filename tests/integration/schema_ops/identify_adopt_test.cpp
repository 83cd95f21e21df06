// strata identify and adopt on both engines: a database whose version table was dropped is identified (the second
// run from the cache, replaying nothing), adopted when its schema matches, refused when it does not.
#include "schema_ops/schema_ops_test.hpp"

namespace strata::testing {
namespace {

using nlohmann::json;

class IdentifyAdopt : public ScratchTest {
protected:
  void set_up() override {
    ScratchTest::set_up();
    m_project.write_all(users_chain());
  }
  // A database at `revision` whose version store is gone.
  void lose_version_table(const std::string& revision) {
    strata_ok({"upgrade", revision});
    db().execute("DROP TABLE strata_migrations");
    db().execute("DROP TABLE strata_migrations_log");
  }
};

TEST_P(IdentifyAdopt, IdentifiesADatabaseWithoutVersionTable) {
  lose_version_table(k_rev2);
  const auto first = run({"identify", "--json"});
  EXPECT_EQ(first.exit_code, 0) << describe(first);
  const auto document = json_document(first);
  EXPECT_EQ(document["matched"], true) << document;
  ASSERT_EQ(document["matches"].size(), 1u) << document;
  EXPECT_EQ(document["matches"][0]["heads"], json{k_rev2});
  EXPECT_EQ(document["replayed"], true);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});

  const auto second = run({"identify", "--json"});
  EXPECT_EQ(second.exit_code, 0) << describe(second);
  EXPECT_EQ(json_document(second)["replayed"], false) << "a warm cache replays nothing\n" << second.out;
  EXPECT_EQ(json_document(second)["matches"], document["matches"]);

  const auto text = run({"identify"});
  EXPECT_EQ(text.exit_code, 0) << describe(text);
  EXPECT_EQ(text.out,
            db().url().substr(0, 0) + json_document(second)["url"].get<std::string>() + " matches " + k_rev2 + "\n");
}

TEST_P(IdentifyAdopt, AnEditedMigrationInvalidatesTheCache) {
  lose_version_table(k_rev2);
  strata_ok({"identify"});
  auto edited = users_chain()[2];
  edited.up = "CREATE TABLE orders (id integer PRIMARY KEY);\n";
  m_project.write(edited);
  const auto result = run({"identify", "--json"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(json_document(result)["replayed"], true) << result.out;
}

TEST_P(IdentifyAdopt, NoMatchNamesTheClosestRevision) {
  lose_version_table(k_rev3);
  db().execute("CREATE TABLE audit (id integer PRIMARY KEY)");
  const auto result = run({"identify"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_NE(result.out.find("matches no revision"), std::string::npos) << describe(result);
  EXPECT_NE(result.out.find("closest: " + k_rev3 + ", with 1 difference"), std::string::npos) << describe(result);
  EXPECT_NE(result.out.find("extra table"), std::string::npos) << describe(result);
}

TEST_P(IdentifyAdopt, AdoptRecordsTheIdentifiedRevision) {
  lose_version_table(k_rev2);
  const auto result = run({"adopt"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.out.find("adopted at " + k_rev2 + " (2 revisions recorded, the schema matches)"), std::string::npos)
      << describe(result);
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2}));
  strata_ok({"upgrade"});
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
}

TEST_P(IdentifyAdopt, AdoptRefusesAMismatch) {
  lose_version_table(k_rev2);
  const auto listing = db().schema_listing();
  const auto result = run({"adopt", k_rev3});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_NE(result.err.find("error: refusing to adopt " + k_rev3 + ": the schema of "), std::string::npos)
      << describe(result);
  EXPECT_NE(
      result.err.find("nothing was recorded:\n  missing table " + std::string(is_pg() ? "public." : "") + "orders"),
      std::string::npos)
      << describe(result);
  EXPECT_NE(result.err.find("hint: find the revision it does match with: strata identify --url '"), std::string::npos)
      << describe(result);
  EXPECT_EQ(db().schema_listing(), listing) << "a refused adopt records nothing";
}

TEST_P(IdentifyAdopt, AdoptForceRecordsAndTheLogSaysSo) {
  lose_version_table(k_rev2);
  const auto result = run({"adopt", k_rev3, "--force"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.err.find("warning: recording " + k_rev3 + " although the schema differs"), std::string::npos)
      << describe(result);
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
  EXPECT_EQ(db().scalar("SELECT detail FROM strata_migrations_log WHERE action = 'stamp'"),
            "adopt " + k_rev3 + " --force: recorded although the schema differs (1 difference)");
}

TEST_P(IdentifyAdopt, AlreadyExistsFailureHintsAtIdentifyAndAdopt) {
  lose_version_table(k_rev1);
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_NE(result.err.find("\nhint: the database already has objects this migration creates; `strata identify` "
                            "tells which revision its schema matches, and `strata adopt` records that revision "
                            "when it matches exactly"),
            std::string::npos)
      << describe(result);
}

INSTANTIATE_TEST_SUITE_P(BothEngines, IdentifyAdopt, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
