#include <gtest/gtest.h>

#include "strata/config/settings_list.hpp"

namespace strata::config {
namespace {

using namespace std::chrono_literals;

std::string render(const std::vector<ListedSetting>& list) {
  std::string text;
  for (const auto& setting : list)
    text += setting.key + " = " + setting.value + "  (" + setting.origin.describe() + (setting.is_url ? ", url" : "") +
            ")\n";
  return text;
}

TEST(ListSettings, EverySettingWithItsOrigin) {
  const auto config = parse_config(
      "lock_timeout = \"90s\"\n"
      "[repository]\n"
      "paths = [\"db\", \"/elsewhere/m\"]\n"
      "[alembic.names]\n"
      "\"cli.X\" = \"x\"\n"
      "[databases.auth]\n"
      "url = \"${AUTH_URL}\"\n"
      "branch = \"auth\"\n",
      "/p/strata.toml", "strata.toml", fixed_environment({{"AUTH_URL", "postgresql://u:pw@h/auth"}}));
  EXPECT_EQ(
      render(list_settings(config)),
      "default_database = auth  (strata.toml:6)\n"
      "lock_timeout = 1m30s  (strata.toml:1)\n"
      "forward_only = false  (default)\n"
      "repository.paths = db, /elsewhere/m  (strata.toml:3)\n"
      "repository.skip_unreadable = false  (default)\n"
      "alembic.names.\"cli.X\" = x  (strata.toml:5)\n"
      "databases.auth.url = postgresql://u:pw@h/auth  (strata.toml:7 with ${AUTH_URL} from the environment, url)\n"
      "databases.auth.branch = auth  (strata.toml:8)\n"
      "version_store.table = strata_migrations  (default)\n"
      "version_store.log_table = strata_migrations_log  (default)\n"
      "version_store.schema = public  (default)\n"
      "version_store.alembic_version = false  (default)\n");
}

TEST(ListSettings, PerDatabaseOverridesThatAreWritten) {
  const auto config = parse_config(
      "[databases.auth]\n"
      "url = \"sqlite:a.db\"\n"
      "schema = \"ops\"\n"
      "lock_timeout = \"2500ms\"\n"
      "lock_mode = \"transaction\"\n"
      "transaction = \"all\"\n"
      "alembic_version = true\n"
      "version_table = \"v\"\n"
      "log_table = \"l\"\n"
      "forward_only = true\n"
      "[databases.specs]\n"
      "url = \"sqlite:s.db\"\n",
      "/p/strata.toml", "strata.toml", fixed_environment({}));
  const auto text = render(list_settings(config));
  EXPECT_NE(text.find("databases.auth.url = sqlite:a.db  (strata.toml:2, url)\n"
                      "databases.auth.lock_timeout = 2s500ms  (strata.toml:4)\n"
                      "databases.auth.lock_mode = transaction  (strata.toml:5)\n"
                      "databases.auth.transaction = all  (strata.toml:6)\n"
                      "databases.auth.alembic_version = true  (strata.toml:7)\n"
                      "databases.auth.forward_only = true  (strata.toml:10)\n"
                      "databases.auth.version_table = v  (strata.toml:8)\n"
                      "databases.auth.log_table = l  (strata.toml:9)\n"
                      "databases.auth.schema = ops  (strata.toml:3)\n"
                      "databases.specs.url = sqlite:s.db  (strata.toml:12, url)\n"
                      "version_store.table"),
            std::string::npos)
      << text;
}

TEST(FormatDuration, InverseOfParse) {
  EXPECT_EQ(format_duration(0ms), "0s");
  EXPECT_EQ(format_duration(30s), "30s");
  EXPECT_EQ(format_duration(250ms), "250ms");
  EXPECT_EQ(format_duration(90s), "1m30s");
  EXPECT_EQ(format_duration(2h + 1500ms), "2h1s500ms");
}

}  // namespace
}  // namespace strata::config
