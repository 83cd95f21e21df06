#pragma once
// Helpers for the db tests: the real PostgreSQL from $STRATA_TEST_PG_URL (skipped when unset, a failure under
// CI=true), scratch directories for SQLite files, and names unique across parallel test processes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

namespace strata::db::testing {

inline std::optional<std::string> pg_url() {
  const char* url = std::getenv("STRATA_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// Skips the test without a PostgreSQL URL, except under CI=true where that is a failure.
#define STRATA_PG_URL_OR_SKIP(variable)                                                        \
  const auto variable##_optional = ::strata::db::testing::pg_url();                            \
  if (!variable##_optional) {                                                                  \
    if (::strata::db::testing::in_ci()) FAIL() << "CI=true but STRATA_TEST_PG_URL is not set"; \
    GTEST_SKIP() << "STRATA_TEST_PG_URL is not set";                                           \
  }                                                                                            \
  const std::string variable = *variable##_optional

// A lower-case identifier unique to this process and call: tests run in parallel under ctest -j.
inline std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(salt) + "_" + std::to_string(++counter);
}

class ScratchDir {
public:
  ScratchDir() : m_path(std::filesystem::temp_directory_path() / unique_name("strata_db_test")) {
    std::filesystem::create_directories(m_path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
  std::filesystem::path m_path;
};

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
    m_schema = unique_name("t");
    m_admin = connect(DatabaseUrl::parse(pg_base_url));
    m_admin->execute("CREATE SCHEMA " + m_schema);
    m_url = pg_base_url + (pg_base_url.find('?') == std::string::npos ? "?" : "&") +
            "options=-csearch_path%3D" + m_schema;
  }
  ~TestDatabase() {
    if (m_admin) {
      try {
        m_admin->execute("DROP SCHEMA " + m_schema + " CASCADE");
      } catch (...) {  // best effort clean-up; the schema name is unique anyway
      }
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Engine engine() const { return m_engine; }
  const std::string& url() const { return m_url; }
  const std::string& schema() const { return m_schema; }  // empty for SQLite
  const ScratchDir& dir() const { return m_dir; }
  std::unique_ptr<Connection> open(ConnectOptions options = {}) const {
    options.create_if_missing = true;
    return connect(DatabaseUrl::parse(m_url), options);
  }

private:
  Engine m_engine;
  ScratchDir m_dir;
  std::string m_url;
  std::string m_schema;
  std::unique_ptr<Connection> m_admin;
};

inline std::string engine_param_name(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::sqlite ? "sqlite" : "postgres";
}

// Parameterised fixture: `db()` is a TestDatabase of GetParam()'s engine (PostgreSQL skipped as above).
class EngineTest : public ::testing::TestWithParam<Engine> {
protected:
  void SetUp() override {
    std::string base;
    if (GetParam() == Engine::postgres) {
      const auto url = pg_url();
      if (!url) {
        if (in_ci()) FAIL() << "CI=true but STRATA_TEST_PG_URL is not set";
        GTEST_SKIP() << "STRATA_TEST_PG_URL is not set";
      }
      base = *url;
    }
    m_db = std::make_unique<TestDatabase>(GetParam(), base);
  }
  TestDatabase& db() { return *m_db; }

private:
  std::unique_ptr<TestDatabase> m_db;
};

}  // namespace strata::db::testing
