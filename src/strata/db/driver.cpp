#include "strata/db/driver.hpp"

#include "strata/db/postgres/pg_connection.hpp"
#include "strata/db/sqlite/sqlite_connection.hpp"

namespace strata::db {

const Driver& driver_for(Engine engine) noexcept {
  // Indexed by Engine: adding an engine means adding its driver here and its scheme in url.cpp.
  static const Driver* const drivers[] = {&sqlite::driver(), &postgres::driver()};
  static_assert(static_cast<int>(Engine::sqlite) == 0 && static_cast<int>(Engine::postgres) == 1);
  return *drivers[static_cast<int>(engine)];
}

}  // namespace strata::db
