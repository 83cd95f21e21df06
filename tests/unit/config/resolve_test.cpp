// config::resolve: strata.toml + environment + command line, with origins and precedence. The working directory is
// passed in; nothing here changes or reads the process's.
#include <gtest/gtest.h>

#include "strata/config/resolve.hpp"
#include "strata/config/settings_list.hpp"
#include "strata/core/error.hpp"
#include "support/temp_dir.hpp"
#include "support/expect_error.hpp"

namespace strata::config {
namespace {

using ::strata::testing::expect_error;

namespace fs = std::filesystem;
using Paths = std::vector<fs::path>;

class Resolve : public ::testing::Test {
protected:
  void write(const fs::path& relative, const std::string& text) { m_temp.write(relative, text); }

  Settings resolve_in(const fs::path& folder, CommandLine command_line = {},
                      std::vector<std::pair<std::string, std::string>> variables = {}) {
    Inputs inputs;
    inputs.working_directory = folder.empty() ? m_root : m_root / folder;
    inputs.environment = fixed_environment(std::move(variables));
    inputs.command_line = std::move(command_line);
    return resolve(inputs);
  }

  ::strata::testing::TempDir m_temp;
  const fs::path& m_root = m_temp.path();
};

TEST_F(Resolve, WithoutStrataTomlEveryValueIsItsDefault) {
  const auto settings = resolve_in("");
  EXPECT_TRUE(settings.file.empty());
  EXPECT_EQ(settings.working_directory, m_root);
  EXPECT_EQ(settings.default_database.value, std::nullopt);
  EXPECT_EQ(settings.default_database.origin.describe(), "default");
  EXPECT_TRUE(settings.repository_paths.value.empty());
  EXPECT_FALSE(settings.database_url.has_value());
  expect_error<UsageError>([&] { used_repository_paths(settings); }, ErrorCode::no_repository,
                           "no migration repository found: pass -d DIR, set [repository] path in "
                           "strata.toml, or run 'strata init' to create one");
}

TEST_F(Resolve, TheDefaultRepositoryIsMigrationsBesideStrataTomlElseInTheWorkingDirectory) {
  fs::create_directories(m_root / "migrations");
  EXPECT_EQ(resolve_in("").repository_paths.value, Paths{m_root / "migrations"});
  fs::create_directories(m_root / "app/migrations");
  EXPECT_EQ(resolve_in("app").repository_paths.value, Paths{m_root / "app/migrations"});
  write("strata.toml", "");
  // From a subfolder, the project's migrations beside strata.toml, not the subfolder's.
  const auto settings = resolve_in("app");
  EXPECT_EQ(settings.file, m_root / "strata.toml");
  EXPECT_EQ(settings.repository_paths.value, Paths{m_root / "migrations"});
  EXPECT_EQ(settings.repository_paths.origin.describe(), "default");
}

TEST_F(Resolve, CommandLineBeatsStrataTomlBeatsDefault) {
  write("strata.toml", "[repository]\npath = \"db\"\nskip_unreadable = false\n");
  const auto from_file = resolve_in("");
  EXPECT_EQ(from_file.repository_paths.value, Paths{m_root / "db"});
  EXPECT_EQ(from_file.repository_paths.origin.describe(), "strata.toml:2");
  EXPECT_EQ(from_file.skip_unreadable.origin.describe(), "strata.toml:3");

  CommandLine command_line;
  command_line.dirs = {"a", "/abs/b"};
  command_line.skip_unreadable = true;
  const auto from_command_line = resolve_in("", command_line);
  EXPECT_EQ(from_command_line.repository_paths.value, (Paths{m_root / "a", "/abs/b"}));
  EXPECT_EQ(from_command_line.repository_paths.origin.describe(), "command line -d");
  EXPECT_TRUE(from_command_line.skip_unreadable.value);
  EXPECT_EQ(from_command_line.skip_unreadable.origin.describe(), "command line --skip-unreadable");
}

// --lock-timeout and --lock-mode beat strata.toml, its [databases.NAME] values too: Settings is what the run uses.
TEST_F(Resolve, CommandLineLockOptionsBeatEveryDatabaseEntry) {
  using namespace std::chrono_literals;
  write("strata.toml",
        "lock_timeout = 10\n[databases.main]\nurl = \"sqlite:a.db\"\nlock_timeout = \"2m\"\n"
        "lock_mode = \"session\"\n[databases.other]\nurl = \"sqlite:b.db\"\n");
  const auto from_file = resolve_in("");
  EXPECT_EQ(from_file.lock_timeout.value, 10s);
  EXPECT_FALSE(from_file.lock_mode);
  ASSERT_TRUE(from_file.databases[0].lock_timeout);
  EXPECT_EQ(from_file.databases[0].lock_timeout->value, 2min);

  CommandLine command_line;
  command_line.lock_timeout = 500ms;
  command_line.lock_mode = LockMode::transaction;
  const auto from_command_line = resolve_in("", command_line);
  EXPECT_EQ(from_command_line.lock_timeout.value, 500ms);
  EXPECT_EQ(from_command_line.lock_timeout.origin.describe(), "command line --lock-timeout");
  ASSERT_TRUE(from_command_line.lock_mode);
  EXPECT_EQ(from_command_line.lock_mode->value, LockMode::transaction);
  ASSERT_TRUE(from_command_line.databases[0].lock_timeout);
  EXPECT_EQ(from_command_line.databases[0].lock_timeout->value, 500ms);
  ASSERT_TRUE(from_command_line.databases[0].lock_mode);
  EXPECT_EQ(from_command_line.databases[0].lock_mode->value, LockMode::transaction);
  EXPECT_EQ(from_command_line.databases[0].lock_mode->origin.describe(), "command line --lock-mode");
  EXPECT_FALSE(from_command_line.databases[1].lock_timeout);
}

TEST_F(Resolve, DatabaseUrlComesFromTheEnvironmentPassedIn) {
  write("strata.toml", "[databases.main]\nurl = \"sqlite:main.db\"\n");
  const auto settings = resolve_in("", {}, {{"DATABASE_URL", "sqlite:env.db"}});
  ASSERT_TRUE(settings.database_url.has_value());
  EXPECT_EQ(settings.database_url->value, "sqlite:env.db");
  EXPECT_EQ(settings.database_url->origin.describe(), "environment variable DATABASE_URL");
  EXPECT_EQ(settings.default_database.value, std::optional<std::string>("main"));
  EXPECT_FALSE(resolve_in("", {}, {{"DATABASE_URL", ""}}).database_url.has_value()) << "empty counts as unset";
}

TEST_F(Resolve, ConfigFileIsRelativeToTheWorkingDirectory) {
  write("conf/other.toml", "lock_timeout = \"5s\"\n");
  CommandLine command_line;
  command_line.config_file = "conf/other.toml";
  const auto settings = resolve_in("", command_line);
  EXPECT_EQ(settings.file, m_root / "conf/other.toml");
  EXPECT_EQ(settings.shown_file, "conf/other.toml");
  EXPECT_EQ(settings.lock_timeout.origin.describe(), "conf/other.toml:1");
  command_line.config_file = "missing.toml";
  expect_error<ConfigError>([&] { (void)resolve_in("", command_line); }, ErrorCode::config_not_found,
                            "config file 'missing.toml' does not exist");
}

TEST_F(Resolve, AnUnsetVariableNamesTheFileTheLineAndTheVariable) {
  write("strata.toml", "[repository]\npath = \"${REPO_DIR}\"\n");
  expect_error<ConfigError>(
      [&] { (void)resolve_in(""); }, ErrorCode::config,
      "strata.toml:2: repository.path uses ${REPO_DIR}, which is not set; set it, or write ${REPO_DIR:-default}");
  EXPECT_EQ(resolve_in("", {}, {{"REPO_DIR", "sql"}}).repository_paths.origin.describe(),
            "strata.toml:2 with ${REPO_DIR} from the environment");
  write("strata.toml", "[repository]\npath = \"${REPO_DIR\"\n");
  expect_error<ConfigError>([&] { (void)resolve_in(""); }, ErrorCode::config,
                            "strata.toml:2: repository.path: '${' without a closing '}'");
}

// The list `strata config` prints, on a resolved project.
TEST_F(Resolve, ListedWithOrigins) {
  write("strata.toml",
        "[databases.main]\nurl = \"postgresql://u:${PW}@h/app\"\n[databases.other]\nurl = \"${OTHER}\"\n");
  fs::create_directories(m_root / "migrations");
  const auto listed = list_settings(resolve_in("", {}, {{"PW", "secret"}, {"DATABASE_URL", "sqlite:x.db"}}));
  std::string text;
  for (const auto& setting : listed)
    text += setting.key + " = " + setting.value + "  (" + setting.origin.describe() + ")" +
            (setting.error.empty() ? "" : " error: " + setting.error) + "\n";
  EXPECT_EQ(text,
            "DATABASE_URL = sqlite:x.db  (environment variable DATABASE_URL)\n"
            "default_database = none  (default)\n"
            "lock_timeout = 30s  (default)\n"
            "forward_only = false  (default)\n"
            "repository.paths = migrations  (default)\n"
            "repository.skip_unreadable = false  (default)\n"
            "databases.main.url = postgresql://u:secret@h/app  (strata.toml:2 with ${PW} from the environment)\n"
            "databases.other.url =   (strata.toml:4 with ${OTHER} from the environment) error: strata.toml:4: "
            "databases.other.url uses ${OTHER}, which is not set; set it, or write ${OTHER:-default}\n"
            "version_store.table = strata_migrations  (default)\n"
            "version_store.log_table = strata_migrations_log  (default)\n"
            "version_store.schema = public  (default)\n"
            "version_store.alembic_version = false  (default)\n");
}

}  // namespace
}  // namespace strata::config
