#include "strata/config/settings_list.hpp"

#include "strata/util/display_path.hpp"

namespace strata::config {

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

std::vector<ListedSetting> list_settings(const Settings& config) {
  std::vector<ListedSetting> list;
  if (config.database_url)
    list.push_back({"DATABASE_URL", config.database_url->value, config.database_url->origin, true});
  list.push_back({"default_database",
                  config.default_database.value.value_or("none"),
                  config.default_database.origin,
                  false,
                  {},
                  !config.default_database.value});
  list.push_back({"lock_timeout", format_duration(config.lock_timeout.value), config.lock_timeout.origin});
  if (config.lock_mode)
    list.push_back({"lock_mode", std::string(name_of(config.lock_mode->value)), config.lock_mode->origin});
  list.push_back({"forward_only", config.forward_only.value ? "true" : "false", config.forward_only.origin});
  std::string paths;
  for (const auto& path : config.repository_paths.value)
    paths += (paths.empty() ? "" : ", ") + util::display_path(path, config.root);
  if (paths.empty()) paths = "none";
  list.push_back(
      {"repository.paths", paths, config.repository_paths.origin, false, {}, config.repository_paths.value.empty()});
  list.push_back(
      {"repository.skip_unreadable", config.skip_unreadable.value ? "true" : "false", config.skip_unreadable.origin});
  for (const auto& [name, setting] : config.alembic_names)
    list.push_back({"alembic.names.\"" + name + "\"", setting.value, setting.origin});
  for (const auto& database : config.databases) {
    if (database.url_error.empty())
      list.push_back({"databases." + database.name + ".url", database.url.value, database.url.origin, true});
    else list.push_back({"databases." + database.name + ".url", "", database.url.origin, true, database.url_error});
    if (!database.branch.value.empty())
      list.push_back({"databases." + database.name + ".branch", database.branch.value, database.branch.origin});
    const std::string prefix = "databases." + database.name + ".";
    if (database.lock_timeout)
      list.push_back(
          {prefix + "lock_timeout", format_duration(database.lock_timeout->value), database.lock_timeout->origin});
    if (database.lock_mode)
      list.push_back(
          {prefix + "lock_mode", std::string(name_of(database.lock_mode->value)), database.lock_mode->origin});
    if (database.transaction)
      list.push_back(
          {prefix + "transaction", std::string(name_of(database.transaction->value)), database.transaction->origin});
    if (database.alembic_version)
      list.push_back({prefix + "alembic_version", database.alembic_version->value ? "true" : "false",
                      database.alembic_version->origin});
    if (database.forward_only)
      list.push_back(
          {prefix + "forward_only", database.forward_only->value ? "true" : "false", database.forward_only->origin});
    for (const auto& [key, setting] :
         {std::pair{"version_table", &database.version_table}, std::pair{"log_table", &database.log_table},
          std::pair{"schema", &database.schema}})
      if (*setting) list.push_back({prefix + key, (*setting)->value, (*setting)->origin});
  }
  if (!config.scratch_url_error.empty())
    list.push_back({"scratch.url", "", config.scratch_url.origin, true, config.scratch_url_error});
  else if (!config.scratch_url.value.empty())
    list.push_back({"scratch.url", config.scratch_url.value, config.scratch_url.origin, true});
  const auto& store = config.version_store;
  list.push_back({"version_store.table", store.table.value, store.table.origin});
  list.push_back({"version_store.log_table", store.log_table.value, store.log_table.origin});
  list.push_back({"version_store.schema", store.schema.value, store.schema.origin});
  list.push_back(
      {"version_store.alembic_version", store.alembic_version.value ? "true" : "false", store.alembic_version.origin});
  return list;
}

}  // namespace strata::config
