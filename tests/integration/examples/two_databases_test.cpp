// examples/two-databases on both engines: one migrations folder, two databases bound to branch labels; each
// database receives only its lineage. Runs on a copy of the example, with DATABASE_URL_AUTH / DATABASE_URL_SPECS
// pointing at this test's own databases.
#include <algorithm>

#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string> k_auth_revisions{"a1e5f0c2b701", "a2c9d4e6f802", "a3b8e1f7c903", "a4d2f6b8e104"};
const std::vector<std::string> k_specs_revisions{"5a1c3e7d9b01", "5b2d4f8e0c02", "5c3e5a9f1d03"};

std::vector<std::string> sorted(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  return items;
}

class TwoDatabases : public PerEngineTest<Backend> {
protected:
  void set_up() override {
    m_root = m_dir.copy_from(fs::path(STRATA_EXAMPLES_DIR) / "two-databases", "two-databases");
    m_auth = std::make_unique<TestDatabase>(GetParam(), m_dir.path(), "auth");
    m_specs = std::make_unique<TestDatabase>(GetParam(), m_dir.path(), "specs");
  }

  RunResult strata(std::vector<std::string> args) const {
    return run_strata(args, {.cwd = m_root,
                             .env = {{"DATABASE_URL_AUTH", m_auth->url()}, {"DATABASE_URL_SPECS", m_specs->url()}},
                             .unset_env = {"DATABASE_URL"}});
  }
  RunResult strata_ok(std::vector<std::string> args) const {
    auto result = strata(args);
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    return result;
  }

  void expect_auth_at_head() const {
    EXPECT_EQ(m_auth->tables(), (std::vector<std::string>{"tokens", "users"}));
    EXPECT_EQ(m_auth->applied_revisions(), sorted(k_auth_revisions));
  }
  void expect_specs_at_head() const {
    EXPECT_EQ(m_specs->tables(), (std::vector<std::string>{"projects", "specs"}));
    EXPECT_EQ(m_specs->applied_revisions(), sorted(k_specs_revisions));
  }

  TempDir m_dir;
  fs::path m_root;
  std::unique_ptr<TestDatabase> m_auth;
  std::unique_ptr<TestDatabase> m_specs;
};

TEST_P(TwoDatabases, UpgradeAllGivesEachDatabaseOnlyItsLineage) {
  const auto result = strata_ok({"upgrade", "--all"});
  expect_auth_at_head();
  expect_specs_at_head();
  EXPECT_NE(all_output(result).find("auth"), std::string::npos) << describe(result);
  EXPECT_NE(all_output(result).find("specs"), std::string::npos) << describe(result);
  // The schema really is usable: the columns of every revision are there.
  m_auth->execute("INSERT INTO users (id, email, password_hash, last_login_at) VALUES (1, 'a@x.org', 'h', NULL)");
  m_auth->execute(
      "INSERT INTO tokens (id, user_id, token_hash, expires_at, revoked_at) "
      "VALUES (1, 1, 'abc', CURRENT_TIMESTAMP, NULL)");
  m_specs->execute("INSERT INTO projects (id, owner_user_id, name, archived_at) VALUES (1, 1, 'p', NULL)");
  m_specs->execute("INSERT INTO specs (id, project_id, title) VALUES (1, 1, 'first spec')");
  // A second run has nothing to do.
  strata_ok({"upgrade", "--all"});
  EXPECT_EQ(m_auth->log_counts().size(), k_auth_revisions.size());
}

TEST_P(TwoDatabases, OneDatabaseAlone) {
  strata_ok({"upgrade", "--db", "auth"});
  expect_auth_at_head();
  EXPECT_TRUE(m_specs->tables().empty()) << m_specs->schema_listing();
  EXPECT_TRUE(m_specs->applied_revisions().empty());

  const auto status = strata({"status", "--all", "--json", "--exit-code"});
  EXPECT_EQ(status.exit_code, 1) << describe(status);
  const auto databases = json_document(status)["databases"];
  ASSERT_EQ(databases.size(), 2u) << status.out;
  EXPECT_EQ(databases[0]["name"], "auth");
  EXPECT_EQ(databases[0]["up_to_date"], true);
  EXPECT_EQ(databases[0]["current_heads"], json{"a4d2f6b8e104"});
  EXPECT_EQ(databases[0]["expected_heads"], json{"a4d2f6b8e104"});
  EXPECT_EQ(databases[1]["name"], "specs");
  EXPECT_EQ(databases[1]["up_to_date"], false);
  EXPECT_EQ(databases[1]["expected_heads"], json{"5c3e5a9f1d03"});
  EXPECT_EQ(databases[1]["pending"], json(k_specs_revisions));

  strata_ok({"upgrade", "--db", "specs"});
  expect_specs_at_head();
  EXPECT_EQ(strata({"status", "--all", "--exit-code"}).exit_code, 0);
}

TEST_P(TwoDatabases, StatusAllText) {
  strata_ok({"upgrade", "--db", "specs", "5b2d4f8e0c02"});
  const auto result = strata_ok({"status", "--all"});
  EXPECT_NE(result.out.find("auth"), std::string::npos) << describe(result);
  EXPECT_NE(result.out.find("specs"), std::string::npos) << describe(result);
  EXPECT_NE(result.out.find("5b2d4f8e0c02"), std::string::npos) << describe(result);
  EXPECT_NE(result.out.find("5c3e5a9f1d03"), std::string::npos) << "pending revision not shown\n" << describe(result);
  EXPECT_NE(result.out.find("a1e5f0c2b701"), std::string::npos) << "pending revision not shown\n" << describe(result);
}

TEST_P(TwoDatabases, CurrentAllJson) {
  strata_ok({"upgrade", "--all"});
  const auto result = strata_ok({"current", "--all", "--json"});
  const auto databases = json_document(result)["databases"];
  ASSERT_EQ(databases.size(), 2u) << result.out;
  EXPECT_EQ(databases[0]["heads"], json{"a4d2f6b8e104"});
  EXPECT_EQ(databases[0]["applied"], 4);
  EXPECT_EQ(databases[1]["heads"], json{"5c3e5a9f1d03"});
  EXPECT_EQ(databases[1]["applied"], 3);
}

TEST_P(TwoDatabases, DowngradingOneLineageLeavesTheOtherAlone) {
  strata_ok({"upgrade", "--all"});
  strata_ok({"downgrade", "--db", "specs", "specs@base"});
  EXPECT_TRUE(m_specs->tables().empty()) << m_specs->schema_listing();
  EXPECT_TRUE(m_specs->applied_revisions().empty());
  expect_auth_at_head();
}

TEST_P(TwoDatabases, NoDatabaseNamedIsAUsageError) {
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_NE(result.err.find("--db"), std::string::npos) << "does not say how to name one\n" << describe(result);
  EXPECT_TRUE(m_auth->tables().empty());
  EXPECT_TRUE(m_specs->tables().empty());
}

TEST_P(TwoDatabases, UnknownDatabaseNameSuggestsTheClosest) {
  const auto result = strata({"upgrade", "--db", "auht"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_NE(result.err.find("auth"), std::string::npos) << describe(result);
  EXPECT_TRUE(m_auth->tables().empty());
}

// --all goes on after a database fails, summarises, and exits with the worst code.
TEST_P(TwoDatabases, AllContinuesPastAnUnreachableDatabase) {
  const auto unreachable = GetParam() == Backend::postgres
                               ? with_database(m_auth->url(), m_auth->pg_name() + "_absent")
                               : "sqlite://" + (m_dir.path() / "no-such-folder" / "auth.db").string();
  const auto result = run_strata({"upgrade", "--all"},
                                 {.cwd = m_root,
                                  .env = {{"DATABASE_URL_AUTH", unreachable}, {"DATABASE_URL_SPECS", m_specs->url()}},
                                  .unset_env = {"DATABASE_URL"}});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_NE(result.out.find("summary (2 databases):\n  auth: failed (exit 4)\n  specs: ok\n"), std::string::npos)
      << describe(result);
  expect_specs_at_head();
  EXPECT_TRUE(m_auth->tables().empty());
}

INSTANTIATE_TEST_SUITE_P(BothEngines, TwoDatabases, k_both_engines, backend_param_name);

// The example as shipped, with no environment: SQLite files next to strata.toml, created by upgrade.
TEST(TwoDatabasesDefaults, SqliteFilesNextToTheProject) {
  TempDir dir;
  const auto root = dir.copy_from(fs::path(STRATA_EXAMPLES_DIR) / "two-databases", "two-databases");
  const RunOptions options{
      .cwd = root, .env = {}, .unset_env = {"DATABASE_URL", "DATABASE_URL_AUTH", "DATABASE_URL_SPECS"}};
  const auto result = run_strata({"upgrade", "--all"}, options);
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto tables = [](const fs::path& file) {
    std::vector<std::string> names;
    for (const auto& row : query_database(Backend::sqlite, file.string(),
                                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                          "'strata%' AND name NOT LIKE 'sqlite%' ORDER BY name"))
      names.push_back(*row.at(0));
    return names;
  };
  EXPECT_EQ(tables(root / "auth.db"), (std::vector<std::string>{"tokens", "users"}));
  EXPECT_EQ(tables(root / "specs.db"), (std::vector<std::string>{"projects", "specs"}));
  const auto status = run_strata({"status", "--all", "--exit-code"}, options);
  EXPECT_EQ(status.exit_code, 0) << describe(status);
  const auto check = run_strata({"check"}, options);
  EXPECT_EQ(check.exit_code, 0) << "the example's graph is not clean\n" << describe(check);
}

}  // namespace
}  // namespace strata::testing
