#pragma once
// How a run behaves: the options of `upgrade`/`downgrade` that are not the target, merged from strata.toml and the
// command line by the caller.
#include <chrono>
#include <string>

#include "strata/db/lock.hpp"
#include "strata/db/version_store_sql.hpp"

namespace strata::engine {

enum class TransactionScope {
  per_migration,  // each migration in its own transaction with its version row (default)
  all,            // the whole plan in one transaction: all or nothing
};

struct RunSettings {
  TransactionScope transaction = TransactionScope::per_migration;
  db::LockMode lock_mode = db::LockMode::session;
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
