// Choosing databases from the resolved settings: --url/--db/--all/$DATABASE_URL/default_database, and each
// database's run settings. Pure.
#include <gtest/gtest.h>

#include "strata/config/config.hpp"
#include "strata/core/error.hpp"
#include "strata/engine/database_selection.hpp"
#include "support/expect_error.hpp"

namespace strata::engine {
namespace {

using ::strata::testing::expect_error;

const char* k_two_databases = R"(default_database = "specs"

[databases.specs]
url = "sqlite:specs.db"

[databases.auth]
url = "${DATABASE_URL_AUTH}"
branch = "auth"
lock_timeout = "2500ms"
lock_mode = "transaction"
transaction = "all"
alembic_version = true
version_table = "auth_versions"
)";

// strata.toml read by the config part (the one reader); $DATABASE_URL as config::resolve records it.
config::Settings databases(const std::string& text, std::vector<std::pair<std::string, std::string>> variables = {},
                           std::optional<std::string> database_url = std::nullopt) {
  auto settings = config::parse_config(text, "/project/strata.toml", "strata.toml",
                                       config::fixed_environment(std::move(variables)));
  if (database_url)
    settings.database_url =
        config::Setting<std::string>{*database_url, config::Origin::from_environment("DATABASE_URL")};
  return settings;
}

config::Settings with_working_directory(config::Settings settings, std::filesystem::path directory) {
  settings.working_directory = std::move(directory);
  return settings;
}

TEST(DatabaseConfig, ReadsDatabasesInFileOrderWithTheirSettings) {
  const auto config = databases(k_two_databases, {{"DATABASE_URL_AUTH", "sqlite:auth.db"}});
  ASSERT_EQ(config.databases.size(), 2u);
  EXPECT_EQ(config.databases[0].name, "specs");
  EXPECT_EQ(config.databases[1].name, "auth");
  EXPECT_EQ(config.default_database.value, std::optional<std::string>("specs"));
  const auto auth = select_databases({std::nullopt, "auth", false}, config).at(0);
  EXPECT_EQ(auth.branch, "auth");
  EXPECT_EQ(auth.url.redacted(), "sqlite:auth.db");
  const auto settings = run_settings(config, auth);
  EXPECT_EQ(settings.lock_timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(settings.lock_mode, strata::config::LockMode::transaction);
  EXPECT_EQ(settings.transaction, TransactionScope::all);
  EXPECT_TRUE(settings.store.alembic_version);
  EXPECT_EQ(settings.store.table, "auth_versions");
  const auto specs = run_settings(config, select_databases({std::nullopt, "specs", false}, config).at(0));
  EXPECT_EQ(specs.lock_timeout, RunSettings{}.lock_timeout);
  EXPECT_EQ(specs.transaction, TransactionScope::per_migration);
  EXPECT_EQ(specs.store.table, RunSettings{}.store.table);
}

TEST(DatabaseConfig, UnknownKeyIsAnErrorWithASuggestion) {
  expect_error<ConfigError>([] { databases("[databases.a]\nurl = \"sqlite:a.db\"\nbranh = \"x\"\n"); },
                            ErrorCode::config,
                            "strata.toml:3: unknown key 'branh' in [databases.a]; did you mean 'branch'?");
  expect_error<ConfigError>([] { databases("[databases.a]\nbranch = \"x\"\n"); }, ErrorCode::config,
                            "strata.toml:1: [databases.a] has no url; add url = \"sqlite:a.db\" or a URL");
  expect_error<ConfigError>(
      [] { databases("[databases.a]\nurl = \"sqlite:a.db\"\nlock_mode = \"global\"\n"); }, ErrorCode::config,
      "strata.toml:3: databases.a.lock_mode must be \"session\" or \"transaction\", not \"global\"");
  expect_error<ConfigError>(
      [] { databases("default_database = \"b\"\n[databases.a]\nurl = \"sqlite:a.db\"\n"); }, ErrorCode::config,
      "strata.toml:1: default_database 'b' is not one of the [databases.NAME] tables; did you mean 'a'?");
}

TEST(SelectDatabases, FollowsTheContractOrder) {
  const auto config = databases(k_two_databases, {{"DATABASE_URL_AUTH", "sqlite:auth.db"}}, "sqlite:env.db");
  EXPECT_EQ(select_databases({"sqlite:flag.db", std::nullopt, false}, config).at(0).url.sqlite_path(), "flag.db");
  const auto auth = select_databases({std::nullopt, "auth", false}, config);
  EXPECT_EQ(auth.at(0).url.sqlite_path(), "/project/auth.db");
  EXPECT_EQ(auth.at(0).branch, "auth");
  EXPECT_EQ(run_settings(config, auth.at(0)).lock_mode, strata::config::LockMode::transaction);
  const auto all = select_databases({std::nullopt, std::nullopt, true}, config);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "specs");
  EXPECT_EQ(all[1].name, "auth");
  EXPECT_EQ(select_databases({}, config).at(0).name, "DATABASE_URL");
  const auto without_env = databases(k_two_databases, {{"DATABASE_URL_AUTH", "sqlite:auth.db"}});
  EXPECT_EQ(select_databases({}, without_env).at(0).name, "specs");  // default_database
}

// strata.toml loads with an unset variable; only choosing that database fails, with the config part's message.
TEST(SelectDatabases, UnsetVariableFailsOnlyTheDatabaseThatUsesIt) {
  const auto config = databases(k_two_databases);
  const auto in_cwd = with_working_directory(config, "/cwd");
  EXPECT_EQ(select_databases({"sqlite:flag.db", std::nullopt, false}, config).at(0).url.sqlite_path(), "flag.db");
  // strata.toml's relative paths start from its folder; --url's from the working directory the caller passes.
  EXPECT_EQ(select_databases({std::nullopt, "specs", false}, config).at(0).url.sqlite_path(), "/project/specs.db");
  EXPECT_EQ(select_databases({std::nullopt, "specs", false}, config).at(0).url.redacted(), "sqlite:specs.db");
  EXPECT_EQ(select_databases({"sqlite:flag.db", std::nullopt, false}, in_cwd).at(0).url.sqlite_path(), "/cwd/flag.db");
  EXPECT_EQ(select_databases({"sqlite:///abs.db", std::nullopt, false}, in_cwd).at(0).url.sqlite_path(), "/abs.db");
  EXPECT_EQ(select_databases({"sqlite::memory:", std::nullopt, false}, in_cwd).at(0).url.sqlite_path(), ":memory:");
  EXPECT_EQ(select_databases({}, config).at(0).name, "specs");
  const std::string expected =
      "strata.toml:7: databases.auth.url uses ${DATABASE_URL_AUTH}, which is not set; set it, or write "
      "${DATABASE_URL_AUTH:-default}";
  expect_error<ConfigError>(
      [&] {
        select_databases({std::nullopt, "auth", false}, config);
      },
      ErrorCode::config, expected);
  expect_error<ConfigError>(
      [&] {
        select_databases({std::nullopt, std::nullopt, true}, config);
      },
      ErrorCode::config, expected);
}

// A value from the environment is taken as it is: a `${` in it (say, in a password) is not expanded again.
TEST(SelectDatabases, UrlIsExpandedOnce) {
  const auto config = databases("[databases.a]\nurl = \"${A_URL}\"\n", {{"A_URL", "sqlite:a${HOME}.db"}});
  const auto selected = select_databases({}, config);
  EXPECT_EQ(selected.at(0).url.sqlite_path(), "/project/a${HOME}.db");
}

TEST(SelectDatabases, ErrorsSayHowToChoose) {
  const auto config = databases("[databases.auth]\nurl = \"sqlite:a.db\"\n[databases.specs]\nurl = \"sqlite:s.db\"\n");
  expect_error<UsageError>([&] { select_databases({}, config); }, ErrorCode::no_database,
                           "strata.toml defines several databases (auth, specs): choose one with --db NAME, or --all");
  expect_error<UsageError>(
      [&] {
        select_databases({std::nullopt, "autth", false}, config);
      },
      ErrorCode::unknown_database, "unknown database 'autth' (strata.toml defines auth, specs); did you mean 'auth'?");
  expect_error<UsageError>(
      [] { select_databases({}, strata::config::default_config("/cwd")); }, ErrorCode::no_database,
      "no database given: pass --url URL or --db NAME, set $DATABASE_URL, or add a [databases.NAME] table with "
      "url = \"...\" to strata.toml");
  expect_error<UsageError>(
      [&] {
        select_databases({"sqlite:x.db", "auth", false}, config);
      },
      ErrorCode::usage, "--url, --db and --all choose the database in different ways: give one");
}

}  // namespace
}  // namespace strata::engine
