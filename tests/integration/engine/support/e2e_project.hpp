#pragma once
// A throwaway strata project (a temporary folder with migrations/) for end-to-end tests, and the fixture that
// runs every test against both engines: `EngineTest` is parametrized over Backend, gives each test its own
// database, and skips PostgreSQL when $STRATA_TEST_PG_URL is unset (a failure instead when CI=true).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/support/test_database.hpp"
#include "support/postgres.hpp"
#include "support/run_strata.hpp"
#include "support/temp_dir.hpp"

namespace strata::testing {

struct Migration {
  std::string id;
  std::string slug;  // the file is <id>_<slug>.sql
  std::vector<std::string> revises;
  std::string up;    // SQL of the up section (without the marker)
  std::string down;  // empty: no down section
  std::vector<std::string> branch_labels;
  bool non_transactional = false;  // `-- transaction: none`
};

std::string migration_text(const Migration& migration);
std::string file_name(const Migration& migration);

// The 1-based line of `needle`'s first occurrence in `text` (0 when absent).
int line_of(const std::string& text, const std::string& needle);

class E2eProject {
public:
  E2eProject();
  const std::filesystem::path& dir() const noexcept { return m_dir.path(); }
  std::filesystem::path migrations() const { return dir() / "migrations"; }
  // Writes migrations/<id>_<slug>.sql; returns its full path.
  std::filesystem::path write(const Migration& migration) const;
  void write_all(const std::vector<Migration>& migrations) const;
  const TempDir& temp() const noexcept { return m_dir; }

  // `strata args... -d migrations` in the project folder, with $DATABASE_URL removed unless `env` sets it.
  RunResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) const;

private:
  TempDir m_dir;
};

// Three revisions in a line: users, users.email, orders (+ an index). Portable SQL, with down sections.
inline const std::string k_rev1 = "1a2b3c4d5e01";
inline const std::string k_rev2 = "2b3c4d5e6f02";
inline const std::string k_rev3 = "3c4d5e6f7003";
std::vector<Migration> users_chain();

// `count` revisions, each creating table t_<i> (ids r0001..., a line).
std::vector<Migration> table_per_revision(int count);
std::string table_revision_id(int index);  // 1-based

// JSON helpers: stdout as one document, or as JSON Lines.
nlohmann::json json_document(const RunResult& result);
std::vector<nlohmann::json> json_lines(const RunResult& result);
// stdout + stderr, for messages whose stream the contract leaves open.
inline std::string all_output(const RunResult& result) { return result.out + result.err; }
// Whether the byte contents of two files are equal (for "the SQLite file was not touched").
std::string file_bytes(const std::filesystem::path& path);

class EngineTest : public PerEngineTest<Backend> {
protected:
  void set_up() override;

  Backend backend() const { return GetParam(); }
  bool is_pg() const { return GetParam() == Backend::postgres; }
  TestDatabase& db() const { return *m_db; }
  // A second database of this test (another SQLite file / PostgreSQL database), created on demand.
  std::unique_ptr<TestDatabase> another_database(const std::string& name) const;

  // `strata args... --url <db>` in the project.
  RunResult strata(std::vector<std::string> args) const;
  // Same, asserting exit 0.
  RunResult strata_ok(std::vector<std::string> args) const;

  E2eProject m_project;
  std::unique_ptr<TestDatabase> m_db;
};

// For INSTANTIATE_TEST_SUITE_P(..., BothEngines, backend_param_name).
inline const auto k_both_engines = ::testing::Values(Backend::sqlite, Backend::postgres);
std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info);

}  // namespace strata::testing
