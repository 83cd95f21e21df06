#pragma once
// strata.toml as the config part reads it (strata::config), in the engine's shapes: the databases to choose from and
// the run settings every database starts with (lock_timeout, [version_store]).
#include "strata/config/config.hpp"
#include "strata/engine/database_config.hpp"
#include "strata/engine/settings.hpp"

namespace strata::engine {

// URLs are already expanded by the config part (exactly once); a URL with an unset ${VAR} carries its error, raised
// only when that database is selected. The per-database overrides (lock_timeout, lock_mode, ...) are mapped too.
// Only an explicit `default_database` chooses a database (the config part defaults it to the first one; the contract
// asks for a choice when there are several).
DatabaseConfig databases_of(const config::Config& config);

// lock_timeout and [version_store]; the schema only when given (its default "public" is PostgreSQL's usual
// search_path, and a schema on SQLite is an error).
RunSettings settings_of(const config::Config& config);

}  // namespace strata::engine
