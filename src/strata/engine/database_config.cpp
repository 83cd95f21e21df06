#include "strata/engine/database_config.hpp"

namespace strata::engine {

RunSettings apply_entry(RunSettings base, const DatabaseEntry& entry) {
  if (entry.lock_timeout) base.lock_timeout = *entry.lock_timeout;
  if (entry.lock_mode) base.lock_mode = *entry.lock_mode;
  if (entry.transaction) base.transaction = *entry.transaction;
  if (entry.alembic_version) base.store.alembic_version = *entry.alembic_version;
  if (entry.forward_only) {
    base.forward_only = *entry.forward_only;
    base.forward_only_origin = entry.forward_only_origin;
  }
  if (entry.version_table) base.store.table = *entry.version_table;
  if (entry.log_table) base.store.log_table = *entry.log_table;
  if (entry.schema) base.store.schema = *entry.schema;
  return base;
}

}  // namespace strata::engine
