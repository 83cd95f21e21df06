// strata diff on both engines: database URL, revision:TARGET and .sql sides; exit 0 equal, 1 different; scratch
// cleanup; a role without CREATEDB gets an error naming the setting to use.
#include <fstream>

#include "schema_ops/schema_ops_test.hpp"

namespace strata::testing {
namespace {

using nlohmann::json;

class Diff : public ScratchTest {
protected:
  void set_up() override {
    ScratchTest::set_up();
    m_project.write_all(users_chain());
  }
  std::string qualified(const std::string& name) const { return is_pg() ? "public." + name : name; }
};

TEST_P(Diff, RevisionAgainstTheDatabaseItWasAppliedTo) {
  strata_ok({"upgrade", k_rev2});
  const auto equal = run({"diff", "revision:" + k_rev2, db().url()});
  EXPECT_EQ(equal.exit_code, 0) << describe(equal);
  EXPECT_EQ(equal.out, "the schemas are equal\n");

  const auto different = run({"diff", "revision:head", db().url(), "--json"});
  EXPECT_EQ(different.exit_code, 1) << describe(different);
  const auto document = json_document(different);
  EXPECT_EQ(document["equal"], false);
  EXPECT_EQ(document["from"], "revision:head");
  ASSERT_EQ(document["differences"].size(), 1u) << document;
  EXPECT_EQ(document["differences"][0]["kind"], "table");
  EXPECT_EQ(document["differences"][0]["object"], qualified("orders"));
  EXPECT_EQ(document["differences"][0]["change"], "missing");
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Diff, SqlFileAgainstARevision) {
  std::ofstream(m_project.dir() / "schema.sql") << "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);\n"
                                                   "CREATE TABLE audit (id integer PRIMARY KEY);\n";
  const auto result = run({"diff", "schema.sql", "revision:" + k_rev1});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_EQ(result.out,
            "1 difference from schema.sql to revision:" + k_rev1 + ":\n  missing table " + qualified("audit") + "\n");
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Diff, AFailingSqlFileNamesItsLine) {
  std::ofstream(m_project.dir() / "broken.sql") << "CREATE TABLE a (id integer);\nCREATE TABLE a (id integer);\n";
  const auto result = run({"diff", "broken.sql", "revision:" + k_rev1});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_EQ(result.err.rfind("error: broken.sql:2: ", 0), 0u) << describe(result);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

TEST_P(Diff, WithoutCreateDbTheErrorNamesTheSetting) {
  if (!is_pg()) GTEST_SKIP() << "SQLite scratch databases are files";
  db().execute(
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strata_nocreatedb') THEN "
      "CREATE ROLE strata_nocreatedb LOGIN NOCREATEDB; END IF; END $$");
  const auto url = db().url();
  // postgresql://owner@/db?host=... -> postgresql://strata_nocreatedb@/db?host=...
  const auto at = url.find('@');
  const auto restricted = "postgresql://strata_nocreatedb" + url.substr(at);
  const auto result = m_project.run({"diff", "revision:head", restricted, "--url", restricted});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_EQ(result.err,
            "error: " + restricted +
                ": role 'strata_nocreatedb' may not create databases, and strata builds schemas on a scratch "
                "database [42501]\nhint: name an empty database strata may use instead, with --scratch-url URL or "
                "`url` under [scratch] in strata.toml; or, as a superuser, run: ALTER ROLE \"strata_nocreatedb\" "
                "CREATEDB\n");
}

TEST_P(Diff, ExplicitScratchDatabaseIsUsedAndEmptiedAgain) {
  auto scratch = another_database("scratch");
  const auto result = run({"diff", "revision:head", "revision:" + k_rev1, "--scratch-url", scratch->url()});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_EQ(scratch->tables(), std::vector<std::string>{}) << "strata empties the scratch database it was given";
  scratch->execute("CREATE TABLE keep (id integer)");
  const auto refused = run({"diff", "revision:head", "revision:" + k_rev1, "--scratch-url", scratch->url()});
  EXPECT_EQ(refused.exit_code, 4) << describe(refused);
  EXPECT_NE(refused.err.find("is not empty (1 object)"), std::string::npos) << describe(refused);
  EXPECT_EQ(scratch->tables(), std::vector<std::string>{"keep"});
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Diff, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
