#pragma once
// The engine's tests run against real databases: a SQLite file in a scratch folder, and the real PostgreSQL of
// $STRATA_TEST_PG_URL in a schema of its own per test (skipped when the URL is unset, a failure under CI=true).
// The repository is loaded with the scratch folder as its working directory, so file paths in messages are
// "migrations/<file>"; the process's working directory is never changed.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/db/connection.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace strata::engine::testing {

enum class Backend { sqlite, postgres };

struct MigrationSpec {
  std::string id;
  std::vector<std::string> revises;
  std::string up;
  std::optional<std::string> down;  // nullopt: no down section
  bool non_transactional = false;
  std::string labels;
};

// Revision ids the tests use; a test applies them in this order.
inline const std::string k_a = "aaaa00000001";
inline const std::string k_b = "bbbb00000002";
inline const std::string k_c = "cccc00000003";

// The text of a native migration file; its up section starts on line 5 plus one per optional header line.
std::string migration_text(const MigrationSpec& spec);

class EngineTest : public ::strata::testing::PerEngineTest<Backend> {
protected:
  void set_up() override;
  void TearDown() override;

  // Writes migrations/<id>_m.sql.
  void write(const MigrationSpec& spec);
  void remove_file(const std::string& id);
  repo::Repository repository() const;
  const SelectedDatabase& database() const { return *m_database; }
  RunSettings settings() const { return RunSettings{}; }
  std::string display() const { return m_database->url.redacted(); }

  // A separate connection for inspecting the database.
  db::Connection& inspect();
  // User tables (not the version store), sorted.
  std::vector<std::string> tables();
  // Revisions in the version store, sorted; empty when it does not exist.
  std::vector<std::string> version_rows();
  std::vector<std::string> log_actions();
  bool is_postgres() const { return GetParam() == Backend::postgres; }

  ::strata::testing::TempDir m_temp;
  const std::filesystem::path& m_dir = m_temp.path();
  std::string m_schema;
  std::string m_url;  // the database's URL as text (the public library takes URLs)

private:
  std::optional<::strata::testing::ScratchPgSchema> m_pg_schema;
  std::optional<SelectedDatabase> m_database;
  std::unique_ptr<db::Connection> m_inspect;
};

std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

}  // namespace strata::engine::testing
