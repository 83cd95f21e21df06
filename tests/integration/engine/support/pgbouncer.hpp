#pragma once
// A throwaway PgBouncer (Debian `pgbouncer`) in front of the test PostgreSQL server ($STRATA_TEST_PG_SOCKET): its
// own temporary folder, a unix socket only, trust authentication, run as the server's unprivileged owner
// ($STRATA_TEST_PG_USER; PgBouncer refuses to run as root), stopped and removed when the object goes away.
#include <filesystem>
#include <optional>
#include <string>

#include "support/run_program.hpp"
#include "support/temp_dir.hpp"

namespace strata::testing {

class Pgbouncer {
public:
  // pool_mode: "transaction" (what the pooler tests are about) or "session". Throws std::runtime_error when
  // pgbouncer is missing or does not come up.
  explicit Pgbouncer(const std::string& pool_mode);
  ~Pgbouncer();
  Pgbouncer(const Pgbouncer&) = delete;
  Pgbouncer& operator=(const Pgbouncer&) = delete;

  // `direct_url` (a URL of the test server, such as TestDatabase::url()) going through the pooler instead.
  std::string url_for(const std::string& direct_url) const;
  // pgbouncer's log, for failure messages.
  std::string log() const;

private:
  TempDir m_dir;
  std::optional<StartedProgram> m_child;  // pgbouncer, or runuser running it
};

}  // namespace strata::testing
