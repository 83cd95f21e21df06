#pragma once
// How a run behaves: the options of `upgrade`/`downgrade` that are not the target. run_settings() (database_selection)
// computes them from the resolved config::Settings for one database; the caller applies its command-line options.
#include <chrono>
#include <string>

#include "strata/config/config.hpp"
#include "strata/db/version_store_sql.hpp"

namespace strata::engine {

using TransactionScope = config::TransactionScope;

struct RunSettings {
  TransactionScope transaction = TransactionScope::per_migration;
  config::LockMode lock_mode = config::LockMode::session;
  std::chrono::milliseconds lock_timeout{30000};
  bool allow_checksum_mismatch = false;
  // strata.toml's `forward_only = true`: `downgrade` is refused unless `allow_downgrade` (--allow-downgrade, once).
  bool forward_only = false;
  std::string forward_only_origin;  // where it was set, for the message: "strata.toml:7"
  bool allow_downgrade = false;
  // `stamp --alembic-version` replaces alembic_version's rows; a row naming a revision the repository lacks is only
  // replaced with --overwrite-alembic-version.
  bool overwrite_alembic_version = false;
  db::VersionStoreOptions store;  // table names, schema, alembic_version
};

}  // namespace strata::engine
