// The public API (include/strata/strata.hpp): the start-up check an application makes, then an upgrade.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "strata/strata.hpp"

namespace {

namespace fs = std::filesystem;

class LibraryApi : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "strata-api-test-XXXXXX").string();
    m_dir = ::mkdtemp(pattern.data());
    fs::create_directories(m_dir / "db" / "migrations");
    std::ofstream(m_dir / "strata.toml") << "[repository]\npath = \"db/migrations\"\n\n[databases.main]\nurl = "
                                            "\"sqlite://" + (m_dir / "app.db").string() + "\"\n";
    write("aaaa00000001", "", "CREATE TABLE a (id integer);");
    write("bbbb00000002", "aaaa00000001", "CREATE TABLE b (id integer);");
  }
  void TearDown() override { fs::remove_all(m_dir); }

  void write(const std::string& id, const std::string& revises, const std::string& up) {
    std::ofstream file(m_dir / "db" / "migrations" / (id + ".sql"));
    file << "-- revision: " << id << "\n";
    if (!revises.empty()) file << "-- revises: " << revises << "\n";
    file << "\n-- +up\n" << up << "\n";
  }

  fs::path m_dir;
};

TEST_F(LibraryApi, StatusThenUpgrade) {
  const auto project = strata::Project::open(m_dir);
  EXPECT_EQ(project.heads(), std::vector<std::string>{"bbbb00000002"});
  const auto database = project.database();
  EXPECT_EQ(database.name(), "main");

  const auto before = database.status();
  EXPECT_FALSE(before.up_to_date());
  ASSERT_TRUE(before.error.has_value()) << "the file does not exist yet: status never creates it";
  EXPECT_FALSE(fs::exists(m_dir / "app.db"));

  std::vector<std::string> seen;
  strata::UpgradeOptions options;
  options.on_step = [&](const std::string& revision, std::int64_t) { seen.push_back(revision); };
  const auto result = database.upgrade(options);
  EXPECT_EQ(result.applied, (std::vector<std::string>{"aaaa00000001", "bbbb00000002"}));
  EXPECT_EQ(seen, result.applied);
  EXPECT_EQ(result.heads_after, std::vector<std::string>{"bbbb00000002"});

  const auto after = database.status();
  EXPECT_TRUE(after.up_to_date());
  EXPECT_EQ(after.current_heads, std::vector<std::string>{"bbbb00000002"});
  EXPECT_EQ(after.expected_heads, std::vector<std::string>{"bbbb00000002"});
}

TEST_F(LibraryApi, PendingRevisionsAreListed) {
  const auto project = strata::Project::open(m_dir / "strata.toml");
  const auto database = project.database("main");
  strata::UpgradeOptions options;
  options.target = "aaaa00000001";
  database.upgrade(options);
  const auto status = database.status();
  EXPECT_FALSE(status.up_to_date());
  EXPECT_EQ(status.pending, std::vector<std::string>{"bbbb00000002"});
}

TEST_F(LibraryApi, UnknownDatabaseNameIsAUsageError) {
  const auto project = strata::Project::open(m_dir);
  try {
    project.database("mian");
    FAIL() << "expected an error";
  } catch (const strata::UsageError& error) {
    // The file is outside the working directory, so it is shown with its full path.
    EXPECT_EQ(std::string(error.what()),
              "unknown database 'mian' (" + (m_dir / "strata.toml").string() + " defines main)");
  }
}

}  // namespace
