#include "strata/db/backup.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support.hpp"
#include "support/run_program.hpp"
#include "support/expect_error.hpp"
#include "support/postgres.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

using ::strata::testing::read_file;

void write_script(const std::string& path, const std::string& text) {
  ::strata::testing::write_file(path, text);
  ::chmod(path.c_str(), 0755);
}

TEST(SqliteBackup, ProducesAnOpenableCopyAndTheRestoreCommand) {
  testing::TempDir dir;
  ConnectOptions create;
  create.create_if_missing = true;
  auto source = connect(DatabaseUrl::parse("sqlite:" + dir.file("app.db")), create);
  source->execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'ada')");
  const std::string target = dir.file("app.backup.db");
  const BackupResult result = backup(*source, target);
  EXPECT_EQ(result.path, target);
  EXPECT_EQ(result.restore_command, "sqlite3 '" + dir.file("app.db") + "' '.restore '\\''" + target + "'\\'''");
  auto copy = connect(DatabaseUrl::parse("sqlite:" + target));
  EXPECT_EQ(copy->query("SELECT name FROM users WHERE id = 1").one_field(), "ada");
}

TEST(SqliteBackup, RefusesToOverwriteUnlessAsked) {
  testing::TempDir dir;
  auto source = connect(DatabaseUrl::parse("sqlite::memory:"));
  source->execute("CREATE TABLE t (v INTEGER)");
  const std::string target = dir.file("exists.db");
  ::strata::testing::write_file(target, "precious");
  expect_error<DatabaseError>([&] { backup(*source, target); }, ErrorCode::backup_exists,
                              "backup file '" + target + "' already exists; choose another path or remove it first");
  EXPECT_EQ(read_file(target), "precious");
  BackupOptions overwrite;
  overwrite.overwrite = true;
  backup(*source, target, overwrite);
  auto copy = connect(DatabaseUrl::parse("sqlite:" + target));
  EXPECT_EQ(copy->query("SELECT count(*) FROM t").one_field(), "0");
}

TEST(SqliteBackup, UnwritableTargetFailsWithoutLeavingAFile) {
  testing::TempDir dir;
  auto source = connect(DatabaseUrl::parse("sqlite::memory:"));
  const std::string target = dir.file("missing-dir/backup.db");
  expect_error<DatabaseError>([&] { backup(*source, target); }, ErrorCode::backup_failed,
                              "backup of sqlite::memory: to '" + target + "' failed: unable to open database file");
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(target + ".partial"));
}

TEST(PgBackup, PgDumpWritesARestorableArchive) {
  STRATA_PG_URL_OR_SKIP(base);
  // A database of its own: pg_dump reads the whole database, and the other tests drop their schemas in the shared
  // one while it runs ("cache lookup failed").
  ::strata::testing::ScratchPgDatabase database("pg_backup");
  testing::TempDir dir;
  auto connection = connect(DatabaseUrl::parse(database.url()));
  connection->execute("CREATE TABLE backed_up_table (id int PRIMARY KEY)");
  const std::string target = dir.file("dump.pgc");
  const BackupResult result = backup(*connection, target);
  EXPECT_EQ(result.restore_command.rfind("pg_restore --clean --if-exists --dbname '", 0), 0U);
  const auto restore = ::strata::testing::run_program("pg_restore", {"--list", target});
  EXPECT_EQ(restore.exit_code, 0) << ::strata::testing::describe(restore);
  const std::string& listing = restore.out;
  EXPECT_NE(listing.find("TABLE public backed_up_table"), std::string::npos) << listing;
}

TEST(PgBackup, PasswordGoesInTheEnvironmentNeverOnTheCommandLine) {
  STRATA_PG_URL_OR_SKIP(base);
  testing::TempDir dir;
  const auto at = base.find('@');
  ASSERT_NE(at, std::string::npos);
  auto connection = connect(DatabaseUrl::parse(base.substr(0, at) + ":Hush-123" + base.substr(at)));
  // A stand-in pg_dump that records what it was given.
  const std::string fake = dir.file("fake_pg_dump");
  write_script(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.file("args") + "'\nprintf '%s' \"$PGPASSWORD\" > '" +
                         dir.file("env") + "'\n: > \"${2#--file=}\"\n");
  BackupOptions options;
  options.pg_dump = fake;
  const BackupResult result = backup(*connection, dir.file("out.dump"), options);
  const std::string arguments = read_file(dir.file("args"));
  EXPECT_EQ(arguments.find("Hush-123"), std::string::npos) << arguments;
  const std::string expected = "--format=custom\n--file=" + dir.file("out.dump") + ".partial\n--dbname=user='";
  EXPECT_NE(arguments.find(expected), std::string::npos) << arguments;
  EXPECT_EQ(read_file(dir.file("env")), "Hush-123");
  EXPECT_EQ(result.restore_command.find("Hush-123"), std::string::npos);
}

TEST(PgBackup, FailingPgDumpIsLoudAndScrubbed) {
  STRATA_PG_URL_OR_SKIP(base);
  testing::TempDir dir;
  const auto at = base.find('@');
  auto connection = connect(DatabaseUrl::parse(base.substr(0, at) + ":Hush-456" + base.substr(at)));
  const std::string fake = dir.file("failing_pg_dump");
  write_script(fake,
               "#!/bin/sh\necho \"pg_dump: error: connection failed for password $PGPASSWORD\" >&2\n"
               ": > \"${2#--file=}\"\nexit 1\n");
  BackupOptions options;
  options.pg_dump = fake;
  const std::string target = dir.file("out.dump");
  {
    const auto error =
        expect_error<DatabaseError>([&] { backup(*connection, target, options); }, ErrorCode::backup_failed);
    EXPECT_EQ(error.exit_code(), ExitCode::database);
    EXPECT_EQ(std::string(error.what()),
              "backup of " + connection->display_name() + " to '" + target +
                  "' failed: pg_dump exited with status 1:\npg_dump: error: connection failed for password "
                  "***\nhint: nothing was migrated");
  }
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(target + ".partial"));
}

TEST(PgBackup, MissingPgDump) {
  STRATA_PG_URL_OR_SKIP(base);
  auto connection = connect(DatabaseUrl::parse(base));
  testing::TempDir dir;
  BackupOptions options;
  options.pg_dump = "strata-no-such-pg_dump";
  expect_error<DatabaseError>(
      [&] { backup(*connection, dir.file("x.dump"), options); }, ErrorCode::pg_dump_missing,
      "backup of " + connection->display_name() +
          " failed: cannot run 'strata-no-such-pg_dump': No such file or directory\nhint: install the "
          "PostgreSQL client tools (Debian: postgresql-client) matching the server's major version; "
          "nothing was migrated");
}

}  // namespace
}  // namespace strata::db
