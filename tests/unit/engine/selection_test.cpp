// Choosing databases: strata.toml's [databases] (read by strata::config), --url/--db/--all/$DATABASE_URL, ${VAR}
// expansion. Pure.
#include <gtest/gtest.h>

#include <map>

#include "strata/core/error.hpp"
#include "strata/config/config.hpp"
#include "strata/engine/database_config.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/env_expand.hpp"
#include "strata/engine/project_config.hpp"

namespace strata::engine {
namespace {

Getenv environment(std::map<std::string, std::string, std::less<>> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

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

// strata.toml read by the config part (the one reader), in the engine's shape.
DatabaseConfig databases(const std::string& text, std::vector<std::pair<std::string, std::string>> variables = {}) {
  const auto environment = config::fixed_environment(std::move(variables));
  return databases_of(config::parse_config(text, "/project/strata.toml", "strata.toml", environment));
}

template <typename ErrorType, typename Function>
std::string error_text(Function function) {
  try {
    function();
  } catch (const ErrorType& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(ExpandVariables, ReplacesSetVariablesAndDefaults) {
  const auto env = environment({{"HOST", "db1"}, {"EMPTY", ""}});
  EXPECT_EQ(expand_variables("postgresql://${HOST}/x", env, "here"), "postgresql://db1/x");
  EXPECT_EQ(expand_variables("${MISSING:-sqlite:dev.db}", env, "here"), "sqlite:dev.db");
  EXPECT_EQ(expand_variables("${EMPTY:-fallback}", env, "here"), "fallback");
  EXPECT_EQ(expand_variables("no variables", env, "here"), "no variables");
}

TEST(ExpandVariables, UnsetVariableNamesItAndTheFix) {
  EXPECT_EQ(error_text<ConfigError>([] { expand_variables("${DB_URL}", environment({}), "strata.toml:7: [databases.auth] url"); }),
            "strata.toml:7: [databases.auth] url: environment variable DB_URL is not set (set it, or write "
            "${DB_URL:-default})");
  EXPECT_EQ(error_text<ConfigError>([] { expand_variables("${DB_URL", environment({}), "x"); }),
            "x: unterminated '${' (write ${NAME} or ${NAME:-default})");
}

TEST(DatabaseConfig, ReadsDatabasesInFileOrderWithTheirSettings) {
  const auto config = databases(k_two_databases, {{"DATABASE_URL_AUTH", "sqlite:auth.db"}});
  ASSERT_EQ(config.databases.size(), 2u);
  EXPECT_EQ(config.databases[0].name, "specs");
  EXPECT_EQ(config.databases[1].name, "auth");
  EXPECT_EQ(config.default_database, "specs");
  const auto& auth = config.databases[1];
  EXPECT_EQ(auth.branch, "auth");
  EXPECT_EQ(auth.url, "sqlite:auth.db");
  EXPECT_EQ(auth.url_error, "");
  const auto settings = apply_entry(RunSettings{}, auth);
  EXPECT_EQ(settings.lock_timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(settings.lock_mode, db::LockMode::transaction);
  EXPECT_EQ(settings.transaction, TransactionScope::all);
  EXPECT_TRUE(settings.store.alembic_version);
  EXPECT_EQ(settings.store.table, "auth_versions");
  const auto specs = apply_entry(RunSettings{}, config.databases[0]);
  EXPECT_EQ(specs.lock_timeout, RunSettings{}.lock_timeout);
  EXPECT_EQ(specs.transaction, TransactionScope::per_migration);
  EXPECT_EQ(specs.store.table, RunSettings{}.store.table);
}

TEST(DatabaseConfig, UnknownKeyIsAnErrorWithASuggestion) {
  EXPECT_EQ(error_text<ConfigError>([] { databases("[databases.a]\nurl = \"sqlite:a.db\"\nbranh = \"x\"\n"); }),
            "strata.toml:3: unknown key 'branh' in [databases.a]; did you mean 'branch'?");
  EXPECT_EQ(error_text<ConfigError>([] { databases("[databases.a]\nbranch = \"x\"\n"); }),
            "strata.toml:1: [databases.a] has no url; add url = \"sqlite:a.db\" or a URL");
  EXPECT_EQ(error_text<ConfigError>([] { databases("[databases.a]\nurl = \"sqlite:a.db\"\nlock_mode = \"global\"\n"); }),
            "strata.toml:3: databases.a.lock_mode must be \"session\" or \"transaction\", not \"global\"");
  EXPECT_EQ(error_text<ConfigError>([] { databases("default_database = \"b\"\n[databases.a]\nurl = \"sqlite:a.db\"\n"); }),
            "strata.toml:1: default_database 'b' is not one of the [databases.NAME] tables; did you mean 'a'?");
}

TEST(SelectDatabases, FollowsTheContractOrder) {
  const auto config = databases(k_two_databases, {{"DATABASE_URL_AUTH", "sqlite:auth.db"}});
  const auto env = environment({{"DATABASE_URL", "sqlite:env.db"}});
  EXPECT_EQ(select_databases({"sqlite:flag.db", std::nullopt, false}, &config, env).at(0).url.sqlite_path(), "flag.db");
  const auto auth = select_databases({std::nullopt, "auth", false}, &config, env);
  EXPECT_EQ(auth.at(0).url.sqlite_path(), "/project/auth.db");
  EXPECT_EQ(auth.at(0).branch, "auth");
  EXPECT_EQ(settings_for(auth.at(0), RunSettings{}).lock_mode, db::LockMode::transaction);
  const auto all = select_databases({std::nullopt, std::nullopt, true}, &config, env);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "specs");
  EXPECT_EQ(all[1].name, "auth");
  EXPECT_EQ(select_databases({}, &config, env).at(0).name, "DATABASE_URL");
  EXPECT_EQ(select_databases({}, &config, environment({})).at(0).name, "specs");  // default_database
}

// strata.toml loads with an unset variable; only choosing that database fails, with the config part's message.
TEST(SelectDatabases, UnsetVariableFailsOnlyTheDatabaseThatUsesIt) {
  const auto config = databases(k_two_databases);
  const auto env = environment({});
  EXPECT_EQ(select_databases({"sqlite:flag.db", std::nullopt, false}, &config, env).at(0).url.sqlite_path(), "flag.db");
  // strata.toml's relative paths start from its folder; --url's from the working directory the caller passes.
  EXPECT_EQ(select_databases({std::nullopt, "specs", false}, &config, env).at(0).url.sqlite_path(),
            "/project/specs.db");
  EXPECT_EQ(select_databases({std::nullopt, "specs", false}, &config, env).at(0).url.redacted(), "sqlite:specs.db");
  EXPECT_EQ(select_databases({"sqlite:flag.db", std::nullopt, false}, &config, env, "/cwd").at(0).url.sqlite_path(),
            "/cwd/flag.db");
  EXPECT_EQ(select_databases({"sqlite:///abs.db", std::nullopt, false}, &config, env, "/cwd").at(0).url.sqlite_path(),
            "/abs.db");
  EXPECT_EQ(select_databases({"sqlite::memory:", std::nullopt, false}, &config, env, "/cwd").at(0).url.sqlite_path(),
            ":memory:");
  EXPECT_EQ(select_databases({}, &config, env).at(0).name, "specs");
  const std::string expected =
      "strata.toml:7: databases.auth.url uses ${DATABASE_URL_AUTH}, which is not set; set it, or write "
      "${DATABASE_URL_AUTH:-default}";
  EXPECT_EQ(error_text<ConfigError>([&] { select_databases({std::nullopt, "auth", false}, &config, env); }), expected);
  EXPECT_EQ(error_text<ConfigError>([&] { select_databases({std::nullopt, std::nullopt, true}, &config, env); }),
            expected);
}

// A value from the environment is taken as it is: a `${` in it (say, in a password) is not expanded again.
TEST(SelectDatabases, UrlIsExpandedOnce) {
  const auto config = databases("[databases.a]\nurl = \"${A_URL}\"\n", {{"A_URL", "sqlite:a${HOME}.db"}});
  const auto selected = select_databases({}, &config, environment({{"HOME", "/home/x"}}));
  EXPECT_EQ(selected.at(0).url.sqlite_path(), "/project/a${HOME}.db");
}

TEST(SelectDatabases, ErrorsSayHowToChoose) {
  const auto config = databases("[databases.auth]\nurl = \"sqlite:a.db\"\n[databases.specs]\nurl = \"sqlite:s.db\"\n");
  EXPECT_EQ(error_text<UsageError>([&] { select_databases({}, &config, environment({})); }),
            "strata.toml defines several databases (auth, specs): choose one with --db NAME, or --all");
  EXPECT_EQ(error_text<UsageError>([&] { select_databases({std::nullopt, "autth", false}, &config, environment({})); }),
            "unknown database 'autth' (strata.toml defines auth, specs); did you mean 'auth'?");
  EXPECT_EQ(error_text<UsageError>([] { select_databases({}, nullptr, environment({})); }),
            "no database given: pass --url URL or --db NAME, set $DATABASE_URL, or add a [databases.NAME] table with "
            "url = \"...\" to strata.toml");
  EXPECT_EQ(error_text<UsageError>([&] { select_databases({"sqlite:x.db", "auth", false}, &config, environment({})); }),
            "--url, --db and --all choose the database in different ways: give one");
}

}  // namespace
}  // namespace strata::engine
