// strata config [--json]: the effective settings and where each came from (strata.toml, the environment, the
// command line, the default), with passwords redacted.
#include "readonly_test.hpp"

namespace strata::testing {
namespace {

// What `strata config` prints for k_project's [databases.local], and for the version store left to its defaults.
const std::string k_local_database =
    "databases.local.url = sqlite:local.db  (strata.toml:10)\n"
    "databases.local.lock_mode = transaction  (strata.toml:11)\n";
const std::string k_version_store_defaults =
    "version_store.table = strata_migrations  (default)\n"
    "version_store.log_table = strata_migrations_log  (default)\n"
    "version_store.schema = public  (default)\n"
    "version_store.alembic_version = false  (default)\n";

const char* k_project = R"(lock_timeout = "90s"

[repository]
path = "db"

[databases.main]
url = "postgresql://app:${APP_PASSWORD}@db.internal/app"

[databases.local]
url = "sqlite:local.db"
lock_mode = "transaction"
)";

TEST(ConfigCommand, EverySettingWithItsOrigin) {
  TempDir dir;
  dir.write("strata.toml", k_project);
  const auto result =
      run_strata({"config", "-d", "other"},
                 {.cwd = dir.path(), .env = {{"APP_PASSWORD", "hunter2"}}, .unset_env = {"DATABASE_URL"}});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "config file: strata.toml\n"
            "default_database = none  (default)\n"
            "lock_timeout = 1m30s  (strata.toml:1)\n"
            "forward_only = false  (default)\n"
            "repository.paths = other  (command line -d)\n"
            "repository.skip_unreadable = false  (default)\n"
            "databases.main.url = postgresql://app:***@db.internal/app  (strata.toml:7 with ${APP_PASSWORD} from "
            "the environment)\n" +
                k_local_database + k_version_store_defaults);
}

TEST(ConfigCommand, EnvironmentAndUnsetVariables) {
  TempDir dir;
  dir.write("strata.toml", k_project);
  const auto result = run_strata(
      {"config"}, {.cwd = dir.path(), .env = {{"DATABASE_URL", "sqlite:env.db"}}, .unset_env = {"APP_PASSWORD"}});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "config file: strata.toml\n"
            "DATABASE_URL = sqlite:env.db  (environment variable DATABASE_URL)\n"
            "default_database = none  (default)\n"
            "lock_timeout = 1m30s  (strata.toml:1)\n"
            "forward_only = false  (default)\n"
            "repository.paths = db  (strata.toml:4)\n"
            "repository.skip_unreadable = false  (default)\n"
            "databases.main.url cannot be used: strata.toml:7: databases.main.url uses ${APP_PASSWORD}, which is "
            "not set; set it, or write ${APP_PASSWORD:-default}\n" +
                k_local_database + k_version_store_defaults);
}

TEST(ConfigCommand, WithoutStrataToml) {
  TempDir dir;
  const auto result = run_strata({"config"}, {.cwd = dir.path(), .unset_env = {"DATABASE_URL"}});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "config file: none\n"
            "default_database = none  (default)\n"
            "lock_timeout = 30s  (default)\n"
            "forward_only = false  (default)\n"
            "repository.paths = none  (default)\n"
            "repository.skip_unreadable = false  (default)\n" +
                k_version_store_defaults);
}

// With --json a value that is not set is null, not the word the text output shows.
TEST(ConfigCommand, JsonShowsWhatIsNotSetAsNull) {
  TempDir dir;
  const auto result = run_strata({"config", "--json"}, {.cwd = dir.path(), .unset_env = {"DATABASE_URL"}});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  const auto document = json_of(result);
  EXPECT_EQ(document["file"], nullptr);
  EXPECT_EQ(document["settings"][0],
            nlohmann::json::parse(R"({"key": "default_database", "value": null, "origin": {"kind": "default"}})"));
  EXPECT_EQ(document["settings"][3],
            nlohmann::json::parse(R"({"key": "repository.paths", "value": null, "origin": {"kind": "default"}})"));
}

TEST(ConfigCommand, Json) {
  TempDir dir;
  dir.write("strata.toml", "default_database = \"main\"\n[databases.main]\nurl = \"postgresql://u:${PW}@h/app\"\n");
  std::filesystem::create_directories(dir.path() / "migrations");
  const auto result = run_strata({"config", "--json", "--skip-unreadable"},
                                 {.cwd = dir.path(), .env = {{"PW", "secret"}}, .unset_env = {"DATABASE_URL"}});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(json_of(result), nlohmann::json::parse(R"({
    "file": "strata.toml",
    "settings": [
      {"key": "default_database", "value": "main", "origin": {"kind": "file", "file": "strata.toml", "line": 1}},
      {"key": "lock_timeout", "value": "30s", "origin": {"kind": "default"}},
      {"key": "forward_only", "value": "false", "origin": {"kind": "default"}},
      {"key": "repository.paths", "value": "migrations", "origin": {"kind": "default"}},
      {"key": "repository.skip_unreadable", "value": "true",
       "origin": {"kind": "command_line", "option": "--skip-unreadable"}},
      {"key": "databases.main.url", "value": "postgresql://u:***@h/app",
       "origin": {"kind": "file", "file": "strata.toml", "line": 3, "variables": ["PW"]}},
      {"key": "version_store.table", "value": "strata_migrations", "origin": {"kind": "default"}},
      {"key": "version_store.log_table", "value": "strata_migrations_log", "origin": {"kind": "default"}},
      {"key": "version_store.schema", "value": "public", "origin": {"kind": "default"}},
      {"key": "version_store.alembic_version", "value": "false", "origin": {"kind": "default"}}
    ]
  })"));
  const auto unset = run_strata({"config", "--json"}, {.cwd = dir.path(), .unset_env = {"DATABASE_URL", "PW"}});
  EXPECT_EQ(unset.exit_code, 0) << describe(unset);
  EXPECT_EQ(json_of(unset)["settings"][5],
            nlohmann::json::parse(R"({"key": "databases.main.url", "error": "strata.toml:3: databases.main.url uses )"
                                  R"(${PW}, which is not set; set it, or write ${PW:-default}",
                                  "origin": {"kind": "file", "file": "strata.toml", "line": 3, "variables": ["PW"]}})"));
}

TEST(ConfigCommand, AnInvalidStrataTomlIsTheUsualError) {
  TempDir dir;
  dir.write("strata.toml", "lock_timeout = \"forever\"\n");
  const auto result = run_strata({"config"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "error: strata.toml:1: lock_timeout must be a duration such as \"30s\", \"500ms\", \"2m\" or "
            "\"1h\", not \"forever\"\n");
}

}  // namespace
}  // namespace strata::testing
