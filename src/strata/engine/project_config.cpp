#include "strata/engine/project_config.hpp"

namespace strata::engine {

DatabaseConfig databases_of(const config::Config& config) {
  DatabaseConfig databases;
  databases.file = config.databases.empty() ? config.file.string() : config.databases.front().origin.file;
  for (const auto& database : config.databases) {
    DatabaseEntry entry;
    entry.name = database.name;
    entry.url = database.url.value;
    entry.where = database.url.origin.describe() + ": [databases." + database.name + "] url";
    if (!database.branch.value.empty()) entry.branch = database.branch.value;
    databases.databases.push_back(std::move(entry));
  }
  const auto& chosen = config.default_database;
  const bool implicit = !config.databases.empty() && chosen.origin.line == config.databases.front().origin.line;
  if (!chosen.value.empty() && !implicit) databases.default_database = chosen.value;
  return databases;
}

RunSettings settings_of(const config::Config& config) {
  RunSettings settings;
  settings.lock_timeout = config.lock_timeout.value;
  settings.store.table = config.version_store.table.value;
  settings.store.log_table = config.version_store.log_table.value;
  settings.store.alembic_version = config.version_store.alembic_version.value;
  if (config.version_store.schema.origin.kind != config::Origin::Kind::default_value)
    settings.store.schema = config.version_store.schema.value;
  return settings;
}

}  // namespace strata::engine
