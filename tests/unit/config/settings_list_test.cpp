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
  EXPECT_EQ(render(list_settings(config)),
            "default_database = auth  (strata.toml:6)\n"
            "lock_timeout = 1m30s  (strata.toml:1)\n"
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

TEST(FormatDuration, InverseOfParse) {
  EXPECT_EQ(format_duration(0ms), "0s");
  EXPECT_EQ(format_duration(30s), "30s");
  EXPECT_EQ(format_duration(250ms), "250ms");
  EXPECT_EQ(format_duration(90s), "1m30s");
  EXPECT_EQ(format_duration(2h + 1500ms), "2h1s500ms");
}

}  // namespace
}  // namespace strata::config
