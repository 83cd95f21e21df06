#include "strata/config/settings_list.hpp"

namespace strata::config {
namespace {

std::string shown_path(const std::filesystem::path& path, const std::filesystem::path& root) {
  if (root.empty()) return path.generic_string();
  const auto relative = path.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") return path.generic_string();
  return relative.generic_string();
}

}  // namespace

std::string format_duration(std::chrono::milliseconds duration) {
  auto total = duration.count();
  if (total == 0) return "0s";
  std::string text;
  const std::pair<long long, const char*> units[] = {{3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
  for (const auto& [size, name] : units) {
    if (total >= size) {
      text += std::to_string(total / size) + name;
      total %= size;
    }
  }
  return text;
}

std::vector<ListedSetting> list_settings(const Config& config) {
  std::vector<ListedSetting> list;
  list.push_back({"default_database", config.default_database.value, config.default_database.origin});
  list.push_back({"lock_timeout", format_duration(config.lock_timeout.value), config.lock_timeout.origin});
  list.push_back({"forward_only", config.forward_only.value ? "true" : "false", config.forward_only.origin});
  std::string paths;
  for (const auto& path : config.repository_paths.value)
    paths += (paths.empty() ? "" : ", ") + shown_path(path, config.root);
  list.push_back({"repository.paths", paths, config.repository_paths.origin});
  list.push_back({"repository.skip_unreadable", config.skip_unreadable.value ? "true" : "false",
                  config.skip_unreadable.origin});
  for (const auto& [name, setting] : config.alembic_names)
    list.push_back({"alembic.names.\"" + name + "\"", setting.value, setting.origin});
  for (const auto& database : config.databases) {
    list.push_back({"databases." + database.name + ".url", database.url.value, database.url.origin, true});
    if (!database.branch.value.empty())
      list.push_back({"databases." + database.name + ".branch", database.branch.value, database.branch.origin});
    const std::string prefix = "databases." + database.name + ".";
    if (database.lock_timeout)
      list.push_back({prefix + "lock_timeout", format_duration(database.lock_timeout->value),
                      database.lock_timeout->origin});
    for (const auto& [key, setting] : {std::pair{"lock_mode", &database.lock_mode},
                                       std::pair{"transaction", &database.transaction}})
      if (*setting) list.push_back({prefix + key, (*setting)->value, (*setting)->origin});
    if (database.alembic_version)
      list.push_back({prefix + "alembic_version", database.alembic_version->value ? "true" : "false",
                      database.alembic_version->origin});
    if (database.forward_only)
      list.push_back({prefix + "forward_only", database.forward_only->value ? "true" : "false",
                      database.forward_only->origin});
    for (const auto& [key, setting] :
         {std::pair{"version_table", &database.version_table}, std::pair{"log_table", &database.log_table},
          std::pair{"schema", &database.schema}})
      if (*setting) list.push_back({prefix + key, (*setting)->value, (*setting)->origin});
  }
  const auto& store = config.version_store;
  list.push_back({"version_store.table", store.table.value, store.table.origin});
  list.push_back({"version_store.log_table", store.log_table.value, store.log_table.origin});
  list.push_back({"version_store.schema", store.schema.value, store.schema.origin});
  list.push_back({"version_store.alembic_version", store.alembic_version.value ? "true" : "false",
                  store.alembic_version.origin});
  return list;
}

}  // namespace strata::config
