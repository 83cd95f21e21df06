#include "strata/engine/project_config.hpp"

namespace strata::engine {

DatabaseConfig databases_of(const config::Config& config) {
  DatabaseConfig databases;
  databases.file = config.databases.empty() ? config.file.string() : config.databases.front().origin.file;
  databases.folder = config.root;
  for (const auto& database : config.databases) {
    DatabaseEntry entry;
    entry.name = database.name;
    entry.url = database.url.value;
    entry.url_error = database.url_error;
    if (!database.branch.value.empty()) entry.branch = database.branch.value;
    if (database.lock_timeout) entry.lock_timeout = database.lock_timeout->value;
    if (database.lock_mode)
      entry.lock_mode = database.lock_mode->value == "transaction" ? db::LockMode::transaction : db::LockMode::session;
    if (database.transaction)
      entry.transaction =
          database.transaction->value == "all" ? TransactionScope::all : TransactionScope::per_migration;
    if (database.alembic_version) entry.alembic_version = database.alembic_version->value;
    if (database.forward_only) {
      entry.forward_only = database.forward_only->value;
      entry.forward_only_origin = database.forward_only->origin.describe();
    }
    if (database.version_table) entry.version_table = database.version_table->value;
    if (database.log_table) entry.log_table = database.log_table->value;
    if (database.schema) entry.schema = database.schema->value;
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
  settings.forward_only = config.forward_only.value;
  settings.forward_only_origin = config.forward_only.origin.describe();
  if (config.version_store.schema.origin.kind != config::Origin::Kind::default_value)
    settings.store.schema = config.version_store.schema.value;
  return settings;
}

}  // namespace strata::engine
