// strata test on both engines: a clean history passes; a down section that forgets an index, a column type, a
// default, a check constraint, an enum value or a view is caught, with the difference named.
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "schema_ops/schema_ops_test.hpp"

namespace strata::testing {
namespace {

using nlohmann::json;

const std::string k_base = "aa00000000b1";
const std::string k_change = "bb00000000c2";

class RoundTrip : public ScratchTest {
protected:
  // A base revision creating `base_sql` (dropped by `base_down`), then the revision under test.
  void write(const std::string& base_sql, const std::string& base_down, const std::string& up,
             const std::string& down) {
    m_project.write({k_base, "base", {}, base_sql, base_down, {}, false});
    m_project.write({k_change, "change", {k_base}, up, down, {}, false});
  }
  // The findings of the revision under test, as "kind" strings, and its differences as "change kind object".
  std::pair<std::vector<std::string>, std::vector<std::string>> findings() {
    const auto result = run({"test", "--json"});
    EXPECT_EQ(result.exit_code, 1) << describe(result);
    const auto document = json_document(result);
    EXPECT_EQ(document["ok"], false) << document;
    std::vector<std::string> kinds;
    std::vector<std::string> differences;
    for (const auto& revision : document["revisions"]) {
      if (revision["revision"] != k_change) {
        EXPECT_EQ(revision["findings"], json::array()) << document;
        continue;
      }
      for (const auto& finding : revision["findings"]) {
        kinds.push_back(finding["kind"].get<std::string>());
        for (const auto& difference : finding["differences"])
          differences.push_back(
              difference["change"].get<std::string>() + " " + difference["kind"].get<std::string>() + " " +
              difference["object"].get<std::string>() +
              (difference["attribute"] == "" ? "" : " " + difference["attribute"].get<std::string>()));
      }
    }
    EXPECT_EQ(leftovers(), std::vector<std::string>{});
    return {kinds, differences};
  }
  std::string qualified(const std::string& name) const { return is_pg() ? "public." + name : name; }
};

TEST_P(RoundTrip, ACleanHistoryPasses) {
  m_project.write_all(users_chain());
  const auto result = run({"test"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.out.find("3 revisions tested, 0 with findings; one run equals step by step"), std::string::npos)
      << describe(result);
  const auto document = json_document(run({"test", "--json"}));
  EXPECT_EQ(document["ok"], true) << document;
  EXPECT_EQ(document["revisions"].size(), 3u);
  EXPECT_EQ(document["one_shot_equal"], true);
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
  EXPECT_EQ(db().tables(), std::vector<std::string>{}) << "test never touches the configured database";
}

TEST_P(RoundTrip, DownForgetsAnIndex) {
  write("CREATE TABLE t (id integer PRIMARY KEY, a integer);\n", "DROP TABLE t;\n", "CREATE INDEX t_a ON t (a);\n",
        "SELECT 1;\n");
  const auto [kinds, differences] = findings();
  EXPECT_EQ(kinds, (std::vector<std::string>{"down_leaves_changes", "second_up_failed"}));
  EXPECT_EQ(differences, std::vector<std::string>{"extra index " + qualified("t_a")});
}

TEST_P(RoundTrip, DownForgetsAView) {
  write("CREATE TABLE t (id integer PRIMARY KEY, a integer);\n", "DROP TABLE t;\n",
        "CREATE VIEW t_view AS SELECT a FROM t;\n", "SELECT 1;\n");
  const auto [kinds, differences] = findings();
  EXPECT_EQ(kinds, (std::vector<std::string>{"down_leaves_changes", "second_up_failed"}));
  EXPECT_EQ(differences, std::vector<std::string>{"extra view " + qualified("t_view")});
}

TEST_P(RoundTrip, DownForgetsAColumnType) {
  if (!is_pg()) GTEST_SKIP() << "SQLite has no ALTER COLUMN TYPE";
  write("CREATE TABLE t (id integer PRIMARY KEY, a integer);\n", "DROP TABLE t;\n",
        "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n", "SELECT 1;\n");
  const auto [kinds, differences] = findings();
  EXPECT_EQ(kinds, std::vector<std::string>{"down_leaves_changes"});
  EXPECT_EQ(differences, std::vector<std::string>{"changed column public.t.a type"});
}

TEST_P(RoundTrip, DownForgetsADefault) {
  if (!is_pg()) GTEST_SKIP() << "SQLite has no ALTER COLUMN SET DEFAULT";
  write("CREATE TABLE t (id integer PRIMARY KEY, a integer);\n", "DROP TABLE t;\n",
        "ALTER TABLE t ALTER COLUMN a SET DEFAULT 7;\n", "SELECT 1;\n");
  const auto [kinds, differences] = findings();
  EXPECT_EQ(kinds, std::vector<std::string>{"down_leaves_changes"});
  EXPECT_EQ(differences, std::vector<std::string>{"changed column public.t.a default"});
}

TEST_P(RoundTrip, DownForgetsACheckConstraint) {
  if (!is_pg()) GTEST_SKIP() << "SQLite cannot add a constraint to an existing table";
  write("CREATE TABLE t (id integer PRIMARY KEY, a integer);\n", "DROP TABLE t;\n",
        "ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0);\n", "SELECT 1;\n");
  const auto [kinds, differences] = findings();
  EXPECT_EQ(kinds, (std::vector<std::string>{"down_leaves_changes", "second_up_failed"}));
  EXPECT_EQ(differences, std::vector<std::string>{"extra constraint public.t.t_a_positive"});
}

TEST_P(RoundTrip, DownForgetsAnEnumValue) {
  if (!is_pg()) GTEST_SKIP() << "SQLite has no enum types";
  write("CREATE TYPE mood AS ENUM ('sad', 'ok');\n", "DROP TYPE mood;\n", "ALTER TYPE mood ADD VALUE 'happy';\n",
        "SELECT 1;\n");
  const auto [kinds, differences] = findings();
  EXPECT_EQ(kinds, (std::vector<std::string>{"down_leaves_changes", "second_up_failed"}));
  EXPECT_EQ(differences, std::vector<std::string>{"changed enum public.mood values"});
}

TEST_P(RoundTrip, ChangedTypeInSqliteTableRebuild) {
  if (is_pg()) GTEST_SKIP() << "the PostgreSQL case is DownForgetsAColumnType";
  // SQLite changes a column's type, default and checks by rebuilding the table; a down that forgets to rebuild it
  // back leaves the new definition.
  write("CREATE TABLE t (id integer PRIMARY KEY, a integer);\n", "DROP TABLE t;\n",
        "CREATE TABLE t_new (id integer PRIMARY KEY, a text DEFAULT 'x' CHECK (a <> ''));\n"
        "INSERT INTO t_new SELECT id, a FROM t;\nDROP TABLE t;\nALTER TABLE t_new RENAME TO t;\n",
        "SELECT 1;\n");
  const auto [kinds, differences] = findings();
  ASSERT_FALSE(kinds.empty());
  EXPECT_EQ(kinds.front(), "down_leaves_changes");
  EXPECT_FALSE(differences.empty());
}

TEST_P(RoundTrip, MissingAndEmptyDownSections) {
  m_project.write({k_base, "base", {}, "CREATE TABLE t (id integer PRIMARY KEY);\n", "", {}, false});
  m_project.write(
      {k_change, "change", {k_base}, "CREATE TABLE u (id integer PRIMARY KEY);\n", "-- nothing\n", {}, false});
  const auto result = run({"test", "--json"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  const auto document = json_document(result);
  ASSERT_EQ(document["revisions"].size(), 2u) << document;
  EXPECT_EQ(document["revisions"][0]["findings"][0]["kind"], "no_down");
  EXPECT_EQ(document["revisions"][1]["findings"][0]["kind"], "empty_down");
  EXPECT_EQ(document["one_shot_equal"], true);
}

TEST_P(RoundTrip, FromAndToNarrowTheRevisionsTested) {
  m_project.write_all(users_chain());
  const auto document = json_document(run({"test", "--json", "--from", k_rev2, "--to", k_rev2}));
  ASSERT_EQ(document["revisions"].size(), 1u) << document;
  EXPECT_EQ(document["revisions"][0]["revision"], k_rev2);
}

// Ctrl-C while both scratch databases are in use (the step-by-step run's and the one run's, built at the same time
// on another thread): strata exits 130 and neither database is left behind.
TEST_P(RoundTrip, InterruptedWhileBothScratchDatabasesAreInUseLeavesNeither) {
  std::vector<Migration> chain;
  for (int i = 0; i < 300; ++i)
    chain.push_back({fmt::format("cc{:010x}", i),
                     fmt::format("t{}", i),
                     i == 0 ? std::vector<std::string>{} : std::vector<std::string>{chain.back().id},
                     fmt::format("CREATE TABLE t{0} (id int PRIMARY KEY, name text NOT NULL);\n", i),
                     fmt::format("DROP TABLE t{};\n", i),
                     {},
                     false});
  m_project.write_all(chain);
  const auto output = m_project.dir() / "test-output.txt";
  auto started = start({"test"}, output);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (leftovers().size() < 2 && !started.ended() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_GE(leftovers().size(), 2u) << "the run ended before both scratch databases were seen";
  const int code = started.kill_and_wait(SIGINT);
  std::stringstream printed;
  printed << std::ifstream(output).rdbuf();
  EXPECT_EQ(code, 130) << printed.str();
  EXPECT_NE(printed.str().find("interrupted"), std::string::npos) << printed.str();
  EXPECT_EQ(leftovers(), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(BothEngines, RoundTrip, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
