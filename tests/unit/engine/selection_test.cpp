// Choosing databases: strata.toml's [databases], --url/--db/--all/$DATABASE_URL, ${VAR} expansion. Pure.
#include <gtest/gtest.h>

#include <map>

#include "strata/core/error.hpp"
#include "strata/engine/database_config.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/env_expand.hpp"

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
lock_timeout = 2.5
lock_mode = "transaction"
alembic_version = true
)";

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
  const auto config = parse_database_config(k_two_databases, "strata.toml");
  ASSERT_EQ(config.databases.size(), 2u);
  EXPECT_EQ(config.databases[0].name, "specs");
  EXPECT_EQ(config.databases[1].name, "auth");
  EXPECT_EQ(config.default_database, "specs");
  const auto& auth = config.databases[1];
  EXPECT_EQ(auth.branch, "auth");
  EXPECT_EQ(auth.where, "strata.toml:7: [databases.auth] url");
  const auto settings = apply_entry(RunSettings{}, auth);
  EXPECT_EQ(settings.lock_timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(settings.lock_mode, db::LockMode::transaction);
  EXPECT_TRUE(settings.store.alembic_version);
}

TEST(DatabaseConfig, UnknownKeyIsAnErrorWithASuggestion) {
  EXPECT_EQ(error_text<ConfigError>([] { parse_database_config("[databases.a]\nurl = \"sqlite:a.db\"\nbranh = \"x\"\n", "strata.toml"); }),
            "strata.toml:3: [databases.a] unknown key 'branh'; did you mean 'branch'?");
  EXPECT_EQ(error_text<ConfigError>([] { parse_database_config("[databases.a]\nbranch = \"x\"\n", "strata.toml"); }),
            "strata.toml:1: [databases.a] has no url (add url = \"sqlite:app.db\" or url = \"${DATABASE_URL}\")");
  EXPECT_EQ(error_text<ConfigError>([] { parse_database_config("[databases.a]\nurl = \"sqlite:a.db\"\nlock_mode = \"global\"\n", "strata.toml"); }),
            "strata.toml:3: [databases.a] lock_mode must be \"session\" or \"transaction\", not \"global\"");
  EXPECT_EQ(error_text<ConfigError>([] { parse_database_config("default_database = \"b\"\n[databases.a]\nurl = \"sqlite:a.db\"\n", "strata.toml"); }),
            "strata.toml:1: default_database names 'b', which has no [databases.b] table");
}

TEST(SelectDatabases, FollowsTheContractOrder) {
  const auto config = parse_database_config(k_two_databases, "strata.toml");
  const auto env = environment({{"DATABASE_URL_AUTH", "sqlite:auth.db"}, {"DATABASE_URL", "sqlite:env.db"}});
  EXPECT_EQ(select_databases({"sqlite:flag.db", std::nullopt, false}, &config, env).at(0).url.sqlite_path(), "flag.db");
  const auto auth = select_databases({std::nullopt, "auth", false}, &config, env);
  EXPECT_EQ(auth.at(0).url.sqlite_path(), "auth.db");
  EXPECT_EQ(auth.at(0).branch, "auth");
  const auto all = select_databases({std::nullopt, std::nullopt, true}, &config, env);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "specs");
  EXPECT_EQ(all[1].name, "auth");
  EXPECT_EQ(select_databases({}, &config, env).at(0).name, "DATABASE_URL");
  EXPECT_EQ(select_databases({}, &config, environment({})).at(0).name, "specs");  // default_database
}

TEST(SelectDatabases, ErrorsSayHowToChoose) {
  const auto config = parse_database_config("[databases.auth]\nurl = \"sqlite:a.db\"\n[databases.specs]\nurl = \"sqlite:s.db\"\n",
                                            "strata.toml");
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
