// The driver table and scratch databases on the real engines.
#include <gtest/gtest.h>

#include "strata/db/driver.hpp"
#include "strata/db/scratch.hpp"
#include "support.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

using testing::TempDir;

TEST(Driver, IsChosenByTheUrlScheme) {
  EXPECT_EQ(driver_for(DatabaseUrl::parse("sqlite:a.db")).engine(), Engine::sqlite);
  EXPECT_EQ(driver_for(DatabaseUrl::parse("postgres://u@h/d")).engine(), Engine::postgres);
  EXPECT_EQ(driver_for(DatabaseUrl::parse("postgresql://u@h/d")).engine(), Engine::postgres);
  EXPECT_EQ(&driver_for(Engine::sqlite), &driver_for(DatabaseUrl::parse("sqlite::memory:")));
}

TEST(Driver, SplitsWithTheEnginesLexer) {
  const auto pg = driver_for(Engine::postgres).split_statements("SELECT $$a;b$$; SELECT 2");
  ASSERT_EQ(pg.size(), 2U);
  EXPECT_EQ(pg[0].text, "SELECT $$a;b$$");
  const auto sqlite = driver_for(Engine::sqlite).split_statements("SELECT 'a;b'; SELECT 2");
  ASSERT_EQ(sqlite.size(), 2U);
  EXPECT_EQ(sqlite[1].text, "SELECT 2");
}

TEST(Driver, ConnectionKnowsItsDriver) {
  auto connection = connect(DatabaseUrl::parse("sqlite::memory:"));
  EXPECT_EQ(&connection->driver(), &driver_for(Engine::sqlite));
  EXPECT_EQ(connection->engine(), Engine::sqlite);
}

TEST(DatabaseUrl, WithDatabaseKeepsServerAndCredentials) {
  const auto url = DatabaseUrl::parse("postgresql://app:s3cret@db.example:5433/orders?sslmode=require");
  const auto other = url.with_database("strata_scratch_1_ab");
  EXPECT_EQ(other.keyword("dbname"), "strata_scratch_1_ab");
  EXPECT_EQ(other.keyword("host"), "db.example");
  EXPECT_EQ(other.password(), "s3cret");
  EXPECT_EQ(other.redacted(), "postgresql://app:***@db.example:5433/strata_scratch_1_ab?sslmode=require");
  EXPECT_EQ(DatabaseUrl::parse("postgresql://app@/orders?host=/tmp").with_database("x").redacted(),
            "postgresql://app@/x?host=/tmp");
}

TEST(Scratch, SqliteTemporaryFileIsRemovedByDrop) {
  TempDir dir;
  ScratchOptions options;
  options.directory = dir.path();
  auto scratch = create_scratch(DatabaseUrl::parse("sqlite:ignored.db"), options);
  scratch->connection().execute("CREATE TABLE t (id integer)");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
  EXPECT_EQ(scratch->display_name().rfind("sqlite:" + dir.path().string() + "/strata_scratch_", 0), 0U)
      << scratch->display_name();
  scratch->drop();
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(Scratch, SqliteTemporaryFileIsRemovedByTheDestructor) {
  TempDir dir;
  ScratchOptions options;
  options.directory = dir.path();
  {
    auto scratch = create_scratch(DatabaseUrl::parse("sqlite::memory:"), options);
    scratch->connection().execute("CREATE TABLE t (id integer)");
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(Scratch, ExplicitSqliteDatabaseMustBeEmptyAndIsEmptiedAgain) {
  TempDir dir;
  const auto url = DatabaseUrl::parse("sqlite:" + dir.file("dev.db"));
  {
    auto connection = connect(url, ConnectOptions{.create_if_missing = true});
    connection->execute("CREATE TABLE keep (id integer)");
  }
  expect_error<DatabaseError>([&] { open_explicit_scratch(url, {}); }, ErrorCode::scratch_not_empty);
  connect(url)->execute("DROP TABLE keep");
  {
    auto scratch = open_explicit_scratch(url, {});
    scratch->connection().execute("CREATE TABLE t (id integer); CREATE VIEW v AS SELECT id FROM t");
    scratch->drop();
  }
  EXPECT_EQ(connect(url)->query("SELECT count(*) FROM sqlite_schema").one_field(), "0");
}

TEST(Scratch, PostgresDatabaseIsCreatedBesideAndDropped) {
  STRATA_PG_URL_OR_SKIP(base);
  const auto near = DatabaseUrl::parse(base);
  std::string name;
  {
    auto scratch = create_scratch(near, {});
    name = scratch->connection().query("SELECT current_database()").one_field().value_or("");
    EXPECT_EQ(name.rfind("strata_scratch_", 0), 0U) << name;
    EXPECT_EQ(scratch->connection()
                  .query("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
                  .one_field(),
              "0");
    scratch->connection().execute("CREATE TABLE t (id integer)");
  }
  auto admin = connect(near);
  EXPECT_EQ(admin->query("SELECT count(*) FROM pg_database WHERE datname = $1", {name}).one_field(), "0");
}

}  // namespace
}  // namespace strata::db
