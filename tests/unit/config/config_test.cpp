#include <gtest/gtest.h>

#include <source_location>

#include "strata/config/config.hpp"
#include "strata/core/error.hpp"
#include "support/temp_dir.hpp"
#include "support/expect_error.hpp"

namespace strata::config {
namespace {

using ::strata::testing::expect_error;

using namespace std::chrono_literals;
using Paths = std::vector<std::filesystem::path>;

const std::filesystem::path k_file = "/project/strata.toml";

Settings parse(const std::string& text, const Environment& environment = fixed_environment({})) {
  return parse_config(text, k_file, "strata.toml", environment);
}

// The message of the config error parsing `text` raises; a failure at the caller's line when it raises none.
std::string parse_error(const std::string& text, const Environment& environment = fixed_environment({}),
                        std::source_location where = std::source_location::current()) {
  return expect_error<ConfigError>([&] { parse(text, environment); }, ErrorCode::config, std::nullopt, where).what();
}

TEST(Config, DefaultsWhenTheFileIsEmpty) {
  const auto config = parse("");
  EXPECT_EQ(config.file, k_file);
  EXPECT_EQ(config.root, "/project");
  EXPECT_EQ(config.repository_paths.value, Paths{"/project/migrations"});
  EXPECT_EQ(config.repository_paths.origin.describe(), "default");
  EXPECT_FALSE(config.skip_unreadable.value);
  EXPECT_TRUE(config.databases.empty());
  EXPECT_EQ(config.default_database.value, std::nullopt);
  EXPECT_EQ(config.default_database.origin.describe(), "default");
  EXPECT_EQ(config.version_store.table.value, "strata_migrations");
  EXPECT_EQ(config.version_store.log_table.value, "strata_migrations_log");
  EXPECT_EQ(config.version_store.schema.value, "public");
  EXPECT_FALSE(config.version_store.alembic_version.value);
  EXPECT_EQ(config.lock_timeout.value, 30s);
}

TEST(Config, ReadsEverySection) {
  const auto config = parse(
      "lock_timeout = \"1m30s\"\n"
      "default_database = \"auth\"\n"
      "\n"
      "[repository]\n"
      "paths = [\"db/auth\", \"../shared/specs\"]\n"
      "skip_unreadable = true\n"
      "\n"
      "[alembic.names]\n"
      "\"cli.EXPAND_BRANCH\" = \"expand\"\n"
      "\n"
      "[databases.specs]\n"
      "url = \"postgresql://app@db/specs\"\n"
      "branch = \"specs\"\n"
      "\n"
      "[databases.auth]\n"
      "url = \"sqlite:auth.db\"\n"
      "\n"
      "[version_store]\n"
      "table = \"schema_revisions\"\n"
      "log_table = \"schema_log\"\n"
      "schema = \"ops\"\n"
      "alembic_version = true\n");
  EXPECT_EQ(config.lock_timeout.value, 90s);
  EXPECT_EQ(config.lock_timeout.origin.describe(), "strata.toml:1");
  EXPECT_EQ(config.repository_paths.value, (Paths{"/project/db/auth", "/shared/specs"}));
  EXPECT_EQ(config.repository_paths.origin.describe(), "strata.toml:5");
  EXPECT_TRUE(config.skip_unreadable.value);
  EXPECT_EQ(config.alembic_name_values(),
            (std::map<std::string, std::string, std::less<>>{{"cli.EXPAND_BRANCH", "expand"}}));
  ASSERT_EQ(config.databases.size(), 2u);
  EXPECT_EQ(config.databases[0].name, "specs");
  EXPECT_EQ(config.databases[0].url.value, "postgresql://app@db/specs");
  EXPECT_EQ(config.databases[0].url.origin.describe(), "strata.toml:12");
  EXPECT_EQ(config.databases[0].branch.value, "specs");
  EXPECT_EQ(config.databases[1].name, "auth");
  EXPECT_EQ(config.databases[1].branch.value, "");
  EXPECT_EQ(config.default_database.value, std::optional<std::string>("auth"));
  EXPECT_EQ(config.find_database("auth"), &config.databases[1]);
  EXPECT_EQ(config.find_database("nope"), nullptr);
  EXPECT_EQ(config.version_store.table.value, "schema_revisions");
  EXPECT_EQ(config.version_store.log_table.value, "schema_log");
  EXPECT_EQ(config.version_store.schema.value, "ops");
  EXPECT_EQ(config.version_store.schema.origin.describe(), "strata.toml:21");
  EXPECT_TRUE(config.version_store.alembic_version.value);
}

TEST(Config, SinglePathAndTheOnlyDatabaseIsTheDefault) {
  const auto config = parse("[repository]\npath = \"sql\"\n[databases.zeta]\nurl = \"sqlite:z.db\"\n");
  EXPECT_EQ(config.repository_paths.value, Paths{"/project/sql"});
  EXPECT_EQ(config.default_database.value, std::optional<std::string>("zeta"));
  EXPECT_EQ(config.default_database.origin.describe(), "strata.toml:3");
}

// With several databases and no default_database, there is no default: a command asks which one rather than guess.
TEST(Config, SeveralDatabasesWithoutADefaultHaveNone) {
  const auto config = parse("[databases.zeta]\nurl = \"sqlite:z.db\"\n[databases.alpha]\nurl = \"sqlite:a.db\"\n");
  EXPECT_EQ(config.default_database.value, std::nullopt);
  EXPECT_EQ(config.default_database.origin.describe(), "default");
}

TEST(Config, LockTimeoutAsSecondsOrDuration) {
  EXPECT_EQ(parse("lock_timeout = 5\n").lock_timeout.value, 5s);
  EXPECT_EQ(parse("lock_timeout = \"250ms\"\n").lock_timeout.value, 250ms);
  EXPECT_EQ(parse("lock_timeout = \"2h\"\n").lock_timeout.value, 2h);
}

TEST(ConfigEnvironment, ExpandsVariablesAndRemembersThem) {
  const auto environment = fixed_environment({{"DATABASE_URL_AUTH", "postgresql://u:secret@h/auth"}, {"EMPTY", ""}});
  const auto config = parse(
      "[databases.auth]\n"
      "url = \"${DATABASE_URL_AUTH}\"\n"
      "branch = \"${AUTH_BRANCH:-auth}\"\n"
      "[databases.specs]\n"
      "url = \"sqlite:${EMPTY:-specs}.db?x=$1\"\n",
      environment);
  EXPECT_EQ(config.databases[0].url.value, "postgresql://u:secret@h/auth");
  EXPECT_EQ(config.databases[0].url.origin.describe(), "strata.toml:2 with ${DATABASE_URL_AUTH} from the environment");
  EXPECT_EQ(config.databases[0].branch.value, "auth");
  EXPECT_EQ(config.databases[1].url.value, "sqlite:specs.db?x=$1");
}

// An unset variable in a database URL is not an error while loading: `--url X` or `--db other` must work. Using
// that database is.
TEST(ConfigEnvironment, UnsetVariableInADatabaseUrlFailsOnlyWhenThatDatabaseIsUsed) {
  const auto config =
      parse("[databases.auth]\nurl = \"${DATABASE_URL_AUTH}\"\n[databases.specs]\nurl = \"sqlite:s.db\"\n");
  ASSERT_EQ(config.databases.size(), 2u);
  EXPECT_EQ(config.databases[1].used_url().value, "sqlite:s.db");
  EXPECT_EQ(config.databases[1].url_error, "");
  const std::string expected =
      "strata.toml:2: databases.auth.url uses ${DATABASE_URL_AUTH}, which is not set; set it, or write "
      "${DATABASE_URL_AUTH:-default}";
  EXPECT_EQ(config.databases[0].url_error, expected);
  expect_error<ConfigError>([&] { config.databases[0].used_url(); }, ErrorCode::config, expected);
}

// Elsewhere an unset variable stays an error when the file is read.
TEST(ConfigEnvironment, UnsetVariableOutsideDatabaseUrls) {
  EXPECT_EQ(parse_error("[databases.auth]\nurl = \"sqlite:a.db\"\nbranch = \"${AUTH_BRANCH}\"\n"),
            "strata.toml:3: databases.auth.branch uses ${AUTH_BRANCH}, which is not set; set it, or write "
            "${AUTH_BRANCH:-default}");
  EXPECT_EQ(parse_error("[repository]\npath = \"${MIGRATIONS}\"\n"),
            "strata.toml:2: repository.path uses ${MIGRATIONS}, which is not set; set it, or write "
            "${MIGRATIONS:-default}");
}

TEST(ConfigDatabases, PerDatabaseOverrides) {
  const auto config = parse(
      "[databases.auth]\n"
      "url = \"sqlite:a.db\"\n"
      "lock_timeout = \"2500ms\"\n"
      "lock_mode = \"transaction\"\n"
      "transaction = \"all\"\n"
      "alembic_version = true\n"
      "version_table = \"auth_versions\"\n"
      "log_table = \"auth_log\"\n"
      "schema = \"ops\"\n"
      "[databases.specs]\n"
      "url = \"sqlite:s.db\"\n"
      "lock_timeout = 5\n");
  const auto& auth = config.databases.at(0);
  ASSERT_TRUE(auth.lock_timeout && auth.lock_mode && auth.transaction && auth.alembic_version && auth.version_table &&
              auth.log_table && auth.schema);
  EXPECT_EQ(auth.lock_timeout->value, 2500ms);
  EXPECT_EQ(auth.lock_timeout->origin.describe(), "strata.toml:3");
  EXPECT_EQ(auth.lock_mode->value, LockMode::transaction);
  EXPECT_EQ(auth.transaction->value, TransactionScope::all);
  EXPECT_TRUE(auth.alembic_version->value);
  EXPECT_EQ(auth.version_table->value, "auth_versions");
  EXPECT_EQ(auth.log_table->value, "auth_log");
  EXPECT_EQ(auth.schema->value, "ops");
  EXPECT_EQ(auth.schema->origin.describe(), "strata.toml:9");
  const auto& specs = config.databases.at(1);
  EXPECT_EQ(specs.lock_timeout->value, 5s);
  EXPECT_FALSE(specs.lock_mode || specs.transaction || specs.alembic_version || specs.version_table ||
               specs.log_table || specs.schema);
}

TEST(ConfigDatabases, PerDatabaseOverrideErrors) {
  const std::string head = "[databases.a]\nurl = \"sqlite:a.db\"\n";
  EXPECT_EQ(parse_error(head + "lock_mode = \"global\"\n"),
            "strata.toml:3: databases.a.lock_mode must be \"session\" or \"transaction\", not \"global\"");
  EXPECT_EQ(parse_error(head + "lock_mode = \"sesion\"\n"),
            "strata.toml:3: databases.a.lock_mode must be \"session\" or \"transaction\", not \"sesion\"; did you "
            "mean \"session\"?");
  EXPECT_EQ(parse_error(head + "transaction = \"each\"\n"),
            "strata.toml:3: databases.a.transaction must be \"per-migration\" or \"all\", not \"each\"");
  EXPECT_EQ(parse_error(head + "lock_timeout = \"soon\"\n"),
            "strata.toml:3: databases.a.lock_timeout must be a duration such as \"30s\", \"500ms\", \"2m\" or \"1h\", "
            "not \"soon\"");
  EXPECT_EQ(parse_error(head + "lock_timeout = -2\n"), "strata.toml:3: databases.a.lock_timeout must not be negative");
  EXPECT_EQ(parse_error(head + "alembic_version = \"yes\"\n"),
            "strata.toml:3: databases.a.alembic_version must be true or false");
  EXPECT_EQ(parse_error(head + "version_table = \"my-table\"\n"),
            "strata.toml:3: databases.a.version_table must be a plain SQL name (letters, digits and _, not starting "
            "with a digit), not 'my-table'");
  EXPECT_EQ(parse_error(head + "schema = 5\n"), "strata.toml:3: databases.a.schema must be a string");
  EXPECT_EQ(parse_error(head + "lock_timout = 5\n"),
            "strata.toml:3: unknown key 'lock_timout' in [databases.a]; did you mean 'lock_timeout'?");
  EXPECT_EQ(parse_error(head + "versoin_table = \"v\"\n"),
            "strata.toml:3: unknown key 'versoin_table' in [databases.a]; did you mean 'version_table'?");
}

TEST(ConfigEnvironment, BadSyntax) {
  EXPECT_EQ(parse_error("[repository]\npath = \"${HOME\"\n"),
            "strata.toml:2: repository.path: '${' without a closing '}'");
  EXPECT_EQ(parse_error("[repository]\npath = \"${1X}\"\n"),
            "strata.toml:2: repository.path: '${1X}' is not ${NAME} or ${NAME:-default}");
  EXPECT_EQ(parse_error("[repository]\npath = \"${A-b}\"\n"),
            "strata.toml:2: repository.path: '${A-b}' is not ${NAME} or ${NAME:-default}");
}

TEST(ConfigErrors, UnknownKeysWithSuggestions) {
  EXPECT_EQ(parse_error("lock_timout = \"3s\"\n"),
            "strata.toml:1: unknown key 'lock_timout'; did you mean 'lock_timeout'?");
  EXPECT_EQ(parse_error("[repository]\npathh = \"x\"\n"),
            "strata.toml:2: unknown key 'pathh' in [repository]; did you mean 'path'?");
  EXPECT_EQ(parse_error("[databases.auth]\nurl = \"sqlite:a.db\"\nbrnach = \"auth\"\n"),
            "strata.toml:3: unknown key 'brnach' in [databases.auth]; did you mean 'branch'?");
  EXPECT_EQ(parse_error("[version_store]\nname = \"x\"\n"),
            "strata.toml:2: unknown key 'name' in [version_store]; expected table, log_table, schema or "
            "alembic_version");
  EXPECT_EQ(parse_error("[alembic]\nnams = {}\n"),
            "strata.toml:2: unknown key 'nams' in [alembic]; did you mean 'names'?");
}

TEST(ConfigErrors, TomlSyntax) {
  EXPECT_EQ(parse_error("[repository]\npath = \n"),
            "strata.toml:2:8: Error while parsing key-value pair: expected value, saw '\\n'");
}

TEST(ConfigErrors, WrongTypes) {
  EXPECT_EQ(parse_error("[repository]\npath = 3\n"), "strata.toml:2: repository.path must be a string");
  EXPECT_EQ(parse_error("[repository]\npaths = []\n"),
            "strata.toml:2: repository.paths must be a non-empty list of strings");
  EXPECT_EQ(parse_error("[repository]\nskip_unreadable = \"yes\"\n"),
            "strata.toml:2: repository.skip_unreadable must be true or false");
  EXPECT_EQ(parse_error("repository = 1\n"), "strata.toml:1: repository must be a table ([repository])");
  EXPECT_EQ(parse_error("[databases]\nauth = \"sqlite:a.db\"\n"),
            "strata.toml:2: databases.auth must be a table ([databases.auth])");
  EXPECT_EQ(parse_error("[alembic.names]\n\"cli.X\" = 1\n"), "strata.toml:2: alembic.names.\"cli.X\" must be a string");
}

TEST(ConfigErrors, PathAndPaths) {
  EXPECT_EQ(parse_error("[repository]\npath = \"a\"\npaths = [\"b\"]\n"),
            "strata.toml:3: [repository] has both path and paths; keep one");
}

TEST(ConfigErrors, DatabaseWithoutUrl) {
  EXPECT_EQ(parse_error("[databases.auth]\nbranch = \"auth\"\n"),
            "strata.toml:1: [databases.auth] has no url; add url = \"sqlite:auth.db\" or a URL");
}

TEST(ConfigErrors, UnknownDefaultDatabase) {
  EXPECT_EQ(parse_error("default_database = \"mains\"\n[databases.main]\nurl = \"sqlite:m.db\"\n"),
            "strata.toml:1: default_database 'mains' is not one of the [databases.NAME] tables; did you mean "
            "'main'?");
  EXPECT_EQ(parse_error("default_database = \"x\"\n[databases.auth]\nurl = \"sqlite:a\"\n[databases.specs]\nurl = "
                        "\"sqlite:s\"\n"),
            "strata.toml:1: default_database 'x' is not one of the [databases.NAME] tables; they are 'auth' and "
            "'specs'");
  EXPECT_EQ(parse_error("default_database = \"x\"\n"),
            "strata.toml:1: default_database 'x' is not one of the [databases.NAME] tables; there are none");
}

TEST(ConfigErrors, BadLockTimeout) {
  EXPECT_EQ(parse_error("lock_timeout = \"30 secs\"\n"),
            "strata.toml:1: lock_timeout must be a duration such as \"30s\", \"500ms\", \"2m\" or \"1h\", not \"30 "
            "secs\"");
  EXPECT_EQ(parse_error("lock_timeout = 1.5\n"),
            "strata.toml:1: lock_timeout must be a duration such as \"30s\", \"500ms\", \"2m\" or \"1h\" or whole "
            "seconds, not 1.5");
  EXPECT_EQ(parse_error("lock_timeout = nan\n"),
            "strata.toml:1: lock_timeout must be a duration such as \"30s\", \"500ms\", \"2m\" or \"1h\" or whole "
            "seconds, not nan");
  EXPECT_EQ(parse_error("lock_timeout = 86401\n"),
            "strata.toml:1: lock_timeout must be at most 24h (a longer wait for another runner is a mistake), not "
            "86401");
  EXPECT_EQ(parse_error("lock_timeout = \"1000000000h\"\n"),
            "strata.toml:1: lock_timeout must be at most 24h (a longer wait for another runner is a mistake), not "
            "\"1000000000h\"");
  EXPECT_EQ(parse_error("forward_only = \"yes\"\n"), "strata.toml:1: forward_only must be true or false");
  EXPECT_EQ(parse_error("lock_timeout = -1\n"), "strata.toml:1: lock_timeout must not be negative");
}

TEST(ConfigErrors, VersionStoreNamesArePlainSqlNames) {
  EXPECT_EQ(parse_error("[version_store]\ntable = \"my table\"\n"),
            "strata.toml:2: version_store.table must be a plain SQL name (letters, digits and _, not starting with a "
            "digit), not 'my table'");
  EXPECT_EQ(parse_error("[version_store]\nalembic_version = 1\n"),
            "strata.toml:2: version_store.alembic_version must be true or false");
}

TEST(Origin, Describes) {
  EXPECT_EQ(Origin{}.describe(), "default");
  EXPECT_EQ(Origin::from_environment("DATABASE_URL").describe(), "environment variable DATABASE_URL");
  EXPECT_EQ(Origin::from_command_line("--url").describe(), "command line --url");
  EXPECT_EQ(Origin::in_file("strata.toml", 7, {"A", "B"}).describe(),
            "strata.toml:7 with ${A}, ${B} from the environment");
}

// A temporary project folder. The working directory is passed in, never changed: the config part never reads it.
using TempProject = ::strata::testing::TempDir;

TEST(ConfigFile, FoundInTheFolderOrAParentAndLoaded) {
  TempProject project;
  std::filesystem::create_directories(project.path() / "app/src");
  project.write("strata.toml", "[repository]\npath = \"db\"\n");
  const auto found = find_config_file(project.path() / "app/src");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, project.path() / "strata.toml");
  const auto config = load_config(*found, fixed_environment({}), project.path());
  EXPECT_EQ(config.shown_file, "strata.toml");
  EXPECT_EQ(config.repository_paths.value, Paths{project.path() / "db"});
  EXPECT_EQ(config.repository_paths.origin.describe(), "strata.toml:2");
  EXPECT_EQ(load_config("strata.toml", fixed_environment({}), project.path()).root, project.path());
}

TEST(ConfigFile, MissingAndUnreadable) {
  TempProject project;
  EXPECT_EQ(find_config_file(project.path()).has_value(), std::filesystem::exists("/strata.toml"));
  expect_error<ConfigError>([&] { load_config("strata.toml", fixed_environment({}), project.path()); },
                            ErrorCode::config, "strata.toml: cannot read the file");
}

TEST(ConfigFile, DefaultConfig) {
  const auto config = default_config("/work/p");
  EXPECT_TRUE(config.file.empty());
  EXPECT_EQ(config.repository_paths.value, Paths{"/work/p/migrations"});
}

}  // namespace
}  // namespace strata::config
