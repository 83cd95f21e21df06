#pragma once
// The PostgreSQL server of the tests: $STRATA_TEST_PG_URL (tests/postgres/server.sh starts one). A test that needs it
// skips when it is unset, except under CI=true where that is a failure (PostgreSQL tests must not be skipped in CI).
// Each test gets a database (ScratchPgDatabase, PostgresTest) or a schema (ScratchPgSchema) of its own, created
// fresh and dropped when the object goes away, also when the test failed, so parallel tests never collide.
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace strata::testing {

// $STRATA_TEST_PG_URL, or nothing when it is unset or empty.
std::optional<std::string> pg_admin_url();
// Whether $CI is "true": PostgreSQL tests must then run, not skip.
bool in_ci();

// Whether PostgreSQL tests can run: $STRATA_TEST_PG_URL set; else skip, or fail when CI=true.
enum class PgAvailability { available, skip, fail };
PgAvailability pg_availability();

// A lower-case identifier unique to this process and call (tests run in parallel under ctest -j):
// <prefix>_<pid>_<random>_<counter>.
std::string unique_name(const std::string& prefix);

// `url` with its database name replaced by `database` (a libpq URL: scheme://authority/dbname?query).
std::string with_database(const std::string& url, const std::string& database);
// `url` with `options=-csearch_path=<schema>` added, so every connection from it uses `schema`.
std::string with_search_path(const std::string& url, const std::string& schema);

// Runs `sql` on `url` through libpq (one connection). Throws std::runtime_error with the server's message.
void pg_execute(const std::string& url, const std::string& sql);

// A new database on the server of pg_admin_url() (from template0), dropped with any sessions left on it.
class ScratchPgDatabase {
public:
  // Requires pg_admin_url(). The name is `prefix` (lower-cased, anything but letters and digits as '_', at most 30
  // characters, since PostgreSQL cuts names at 63 bytes) plus a unique suffix.
  explicit ScratchPgDatabase(const std::string& prefix);
  ~ScratchPgDatabase();
  ScratchPgDatabase(const ScratchPgDatabase&) = delete;
  ScratchPgDatabase& operator=(const ScratchPgDatabase&) = delete;

  const std::string& name() const noexcept { return m_name; }
  const std::string& url() const noexcept { return m_url; }

private:
  std::string m_admin_url;
  std::string m_name;
  std::string m_url;
};

// A new schema in the database of `base_url`, which url() uses as its search_path; dropped with everything in it.
class ScratchPgSchema {
public:
  ScratchPgSchema(const std::string& base_url, const std::string& prefix);
  ~ScratchPgSchema();
  ScratchPgSchema(const ScratchPgSchema&) = delete;
  ScratchPgSchema& operator=(const ScratchPgSchema&) = delete;

  const std::string& name() const noexcept { return m_name; }
  const std::string& url() const noexcept { return m_url; }

private:
  std::string m_base_url;
  std::string m_name;
  std::string m_url;
};

}  // namespace strata::testing

// In a test body or SetUp: returns (skipping, or failing under CI=true) when no PostgreSQL server is configured.
#define STRATA_REQUIRE_PG()                                                                                \
  do {                                                                                                     \
    switch (::strata::testing::pg_availability()) {                                                        \
      case ::strata::testing::PgAvailability::available: break;                                            \
      case ::strata::testing::PgAvailability::skip:                                                        \
        GTEST_SKIP() << "STRATA_TEST_PG_URL is not set; start a server with tests/postgres/server.sh";     \
      case ::strata::testing::PgAvailability::fail:                                                        \
        FAIL() << "CI=true but STRATA_TEST_PG_URL is not set: PostgreSQL tests must not be skipped in CI"; \
    }                                                                                                      \
  } while (false)

// `const std::string variable = $STRATA_TEST_PG_URL;` after STRATA_REQUIRE_PG() (a macro, since only the test's own
// function can return from it).
#define STRATA_PG_URL_OR_SKIP(variable) \
  STRATA_REQUIRE_PG();                  \
  const std::string variable = *::strata::testing::pg_admin_url()

namespace strata::testing {

// The base of a fixture whose tests run once per engine: the test parameter is an enum with a `postgres` value. For
// that value SetUp skips the test when no server is configured (fails under CI=true), before anything else; then it
// calls set_up(), where the fixture prepares what its tests need. A fixture built on another overrides set_up() and
// calls its base's first, and none of that runs for a skipped test (so no fixture repeats the check).
template <typename Engine>
class PerEngineTest : public ::testing::TestWithParam<Engine> {
protected:
  void SetUp() final {
    if (this->GetParam() == Engine::postgres) STRATA_REQUIRE_PG();
    set_up();
  }
  virtual void set_up() {}
};

// A test with a PostgreSQL database of its own: pg_url() is a fresh database, dropped after the test (also when it
// failed). Skips (fails under CI=true) without a server.
class PostgresTest : public ::testing::Test {
protected:
  void SetUp() override;
  void TearDown() override { m_database.reset(); }
  const std::string& pg_url() const { return m_database->url(); }
  const ScratchPgDatabase& pg_database() const { return *m_database; }

private:
  std::optional<ScratchPgDatabase> m_database;
};

}  // namespace strata::testing
