// The public API (include/strata/strata.hpp): the start-up check an application makes, then an upgrade.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include "strata/db/connection.hpp"
#include "strata/strata.hpp"
#include "support/expect_error.hpp"
#include "support/temp_dir.hpp"

namespace {

using ::strata::testing::expect_error;

namespace fs = std::filesystem;

class LibraryApi : public ::testing::Test {
protected:
  void SetUp() override {
    m_temp.mkdir("db/migrations");
    m_temp.write("strata.toml",
                 "[repository]\npath = \"db/migrations\"\n\n[databases.main]\nurl = "
                 "\"sqlite://" +
                     (m_dir / "app.db").string() + "\"\n");
    write("aaaa00000001", "", "CREATE TABLE a (id integer);");
    write("bbbb00000002", "aaaa00000001", "CREATE TABLE b (id integer);");
  }

  void write(const std::string& id, const std::string& revises, const std::string& up) {
    std::string text = "-- revision: " + id + "\n";
    if (!revises.empty()) text += "-- revises: " + revises + "\n";
    text += "\n-- +up\n" + up + "\n";
    m_temp.write("db/migrations/" + id + ".sql", text);
  }

  strata::testing::TempDir m_temp;
  const fs::path& m_dir = m_temp.path();
};

TEST_F(LibraryApi, StatusThenUpgrade) {
  const auto project = strata::Project::open(m_dir);
  EXPECT_EQ(project.heads(), std::vector<std::string>{"bbbb00000002"});
  auto database = project.database();
  EXPECT_EQ(database.name(), "main");

  const auto before = database.status();
  EXPECT_FALSE(before.up_to_date());
  ASSERT_TRUE(before.error.has_value()) << "the file does not exist yet: status never creates it";
  EXPECT_FALSE(fs::exists(m_dir / "app.db"));

  std::vector<std::string> seen;
  strata::UpgradeOptions options;
  options.on_progress = [&](const strata::ProgressEvent& event) {
    if (event.kind == strata::ProgressEvent::Kind::finished) seen.push_back(event.revision);
  };
  const auto result = database.upgrade(options);
  std::vector<std::string> applied;
  for (const auto& step : result.steps) applied.push_back(step.revision);
  EXPECT_EQ(applied, (std::vector<std::string>{"aaaa00000001", "bbbb00000002"}));
  EXPECT_EQ(seen, applied);
  EXPECT_EQ(result.heads_after, std::vector<std::string>{"bbbb00000002"});

  const auto after = database.status();
  EXPECT_TRUE(after.up_to_date());
  EXPECT_EQ(after.current_heads, std::vector<std::string>{"bbbb00000002"});
  EXPECT_EQ(after.expected_heads, std::vector<std::string>{"bbbb00000002"});
}

TEST_F(LibraryApi, PendingRevisionsAreListed) {
  const auto project = strata::Project::open(m_dir / "strata.toml");
  auto database = project.database("main");
  database.upgrade({.target = "aaaa00000001"});
  const auto status = database.status();
  EXPECT_FALSE(status.up_to_date());
  EXPECT_EQ(status.revisions(strata::Mismatch::Kind::pending), std::vector<std::string>{"bbbb00000002"});
  ASSERT_EQ(status.mismatches.size(), 1U);
  EXPECT_EQ(status.mismatches[0].kind, strata::Mismatch::Kind::pending);
  EXPECT_EQ(fs::path(status.mismatches[0].path).filename(), "bbbb00000002.sql");
}

TEST_F(LibraryApi, UnknownDatabaseNameIsAUsageError) {
  const auto project = strata::Project::open(m_dir);
  // The file is outside the working directory, so it is shown with its full path.
  expect_error<strata::UsageError>([&] { (void)project.database("mian"); }, strata::ErrorCode::unknown_database,
                                   "unknown database 'mian' (" + (m_dir / "strata.toml").string() + " defines main)");
}

TEST_F(LibraryApi, ARelativeSqliteUrlStartsFromTheStrataToml) {
  m_temp.write("strata.toml",
               "[repository]\npath = \"db/migrations\"\n[databases.main]\nurl = "
               "\"sqlite:relative.db\"\n");
  // The working directory is elsewhere: the library never looks at it.
  strata::Project::open(m_dir / "db").database().upgrade();
  EXPECT_TRUE(fs::exists(m_dir / "relative.db"));
}

TEST_F(LibraryApi, AnAbsurdLockTimeoutIsAUsageError) {
  auto database = strata::Project::open(m_dir).database();
  expect_error<strata::UsageError>(
      [&] { database.upgrade({.lock_timeout = std::chrono::milliseconds(-1)}); }, strata::ErrorCode::bad_lock_timeout,
      "UpgradeOptions::lock_timeout is -1 ms, not a lock timeout: give a duration from 0 to 24 hours");
  expect_error<strata::UsageError>(
      [&] { (void)database.plan_downgrade({.target = "base", .lock_timeout = std::chrono::hours(25)}); },
      strata::ErrorCode::bad_lock_timeout,
      "DowngradeOptions::lock_timeout is 90000000 ms, not a lock timeout: give a duration from 0 to 24 hours");
  EXPECT_THROW(database.stamp({.revisions = {"head"}, .lock_timeout = std::chrono::hours(-1)}), strata::UsageError);
  EXPECT_FALSE(fs::exists(m_dir / "app.db"));
}

TEST_F(LibraryApi, StatusReadsAlembicVersion) {
  auto database = strata::Project::open(m_dir).database();
  database.upgrade({.target = "aaaa00000001"});
  // Alembic ran after strata: alembic_version is ahead of strata's store.
  const auto connection = strata::db::connect("sqlite://" + (m_dir / "app.db").string());
  connection->execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
  connection->execute("INSERT INTO alembic_version VALUES ('bbbb00000002')");
  const auto status = database.status();
  EXPECT_EQ(status.alembic_heads, std::vector<std::string>{"bbbb00000002"});
  ASSERT_EQ(status.mismatches.size(), 2U);
  EXPECT_EQ(status.mismatches[0].kind, strata::Mismatch::Kind::pending);
  const auto& alembic = status.mismatches[1];
  EXPECT_EQ(alembic.kind, strata::Mismatch::Kind::alembic_disagrees);
  EXPECT_EQ(alembic.alembic, strata::Mismatch::Alembic::ahead);
  EXPECT_EQ(alembic.revisions, std::vector<std::string>{"bbbb00000002"});
  EXPECT_EQ(alembic.message,
            "alembic_version (bbbb00000002) is ahead of strata's version store, which lacks "
            "bbbb00000002: Alembic ran after the adoption\nhint: record them in strata's store, "
            "running nothing: strata adopt-alembic --sync --db main");
  EXPECT_FALSE(status.up_to_date());
}

// A program reads which revision, file and line failed from the error's fields, not from its message.
TEST_F(LibraryApi, AFailedMigrationNamesRevisionFileAndLineInItsFields) {
  write("cccc00000003", "bbbb00000002", "CREATE TABLE c (id integer);\nINSERT INTO missing_table VALUES (1);");
  auto database = strata::Project::open(m_dir).database();
  {
    // strata::Error, the base class a program catches (expect_error's default).
    const auto error = expect_error([&] { database.upgrade(); }, strata::ErrorCode::sql_error);
    EXPECT_EQ(strata::to_string(error.code()), "sql_error");
    EXPECT_EQ(error.exit_code(), strata::ExitCode::database);
    const strata::ErrorFields& fields = error.fields();
    EXPECT_EQ(fields.revision, "cccc00000003");
    EXPECT_EQ(fields.direction, strata::Direction::up);
    EXPECT_EQ(fs::path(fields.path).filename(), "cccc00000003.sql");
    EXPECT_EQ(fields.line, 6) << "the INSERT, after the header, the blank line, the +up line and the CREATE";
    EXPECT_EQ(fields.sqlstate, "SQLITE_ERROR");
    EXPECT_EQ(fields.statement, "INSERT INTO missing_table VALUES (1)");
    EXPECT_EQ(fields.server_message, "no such table: missing_table");
  }
  EXPECT_EQ(database.status().current_heads, std::vector<std::string>{"bbbb00000002"})
      << "the migrations before it stay applied";
}

// A revision that names an unknown parent: the code says what is wrong, the fields which revision.
TEST_F(LibraryApi, AnUnknownParentNamesTheRevisionInItsFields) {
  write("cccc00000003", "dddd00000004", "CREATE TABLE c (id integer);");
  const auto error = strata::testing::expect_error<strata::GraphError>([&] { (void)strata::Project::open(m_dir); },
                                                                       strata::ErrorCode::unknown_parent);
  EXPECT_EQ(error.exit_code(), strata::ExitCode::repository);
  EXPECT_EQ(error.fields().revisions, std::vector<std::string>{"cccc00000003"});
}

}  // namespace
