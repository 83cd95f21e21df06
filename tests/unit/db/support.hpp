#pragma once
// Helpers for the db tests: a database per test on either engine. The real PostgreSQL from $STRATA_TEST_PG_URL
// (skipped when unset, a failure under CI=true), temporary folders and unique names come from tests/support.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>

#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace strata::db::testing {

using ::strata::testing::TempDir;
using ::strata::testing::unique_name;

}  // namespace strata::db::testing

#include <memory>

#include "strata/db/connection.hpp"

namespace strata::db::testing {

// A database for one test: a fresh SQLite file, or a fresh PostgreSQL schema that every connection from url()
// uses as its search_path (dropped at the end), so parallel tests never see each other's tables.
class TestDatabase {
public:
  TestDatabase(Engine engine, const std::string& pg_base_url) : m_engine(engine) {
    if (engine == Engine::sqlite) {
      m_url = "sqlite:" + m_dir.file("test.db");
      return;
    }
    m_schema.emplace(pg_base_url, "t");
    m_url = m_schema->url();
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Engine engine() const { return m_engine; }
  const std::string& url() const { return m_url; }
  // Empty for SQLite.
  const std::string& schema() const { return m_schema ? m_schema->name() : k_no_schema; }
  const TempDir& dir() const { return m_dir; }
  std::unique_ptr<Connection> open(ConnectOptions options = {}) const {
    options.create_if_missing = true;
    return connect(DatabaseUrl::parse(m_url), options);
  }

private:
  static inline const std::string k_no_schema;
  Engine m_engine;
  TempDir m_dir;
  std::string m_url;
  std::optional<::strata::testing::ScratchPgSchema> m_schema;
};

inline std::string engine_param_name(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::sqlite ? "sqlite" : "postgres";
}

// Parameterised fixture: `db()` is a TestDatabase of GetParam()'s engine (PostgreSQL skipped as above).
class EngineTest : public ::strata::testing::PerEngineTest<Engine> {
protected:
  void set_up() override {
    m_db = std::make_unique<TestDatabase>(GetParam(), ::strata::testing::pg_admin_url().value_or(""));
  }
  TestDatabase& db() { return *m_db; }

private:
  std::unique_ptr<TestDatabase> m_db;
};

}  // namespace strata::db::testing
