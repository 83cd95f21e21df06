#include "strata/db/url.hpp"

#include <gtest/gtest.h>

#include <source_location>
#include <string>

#include "strata/core/error.hpp"
#include "support/expect_error.hpp"

namespace strata::db {
namespace {

using ::strata::testing::expect_error;

// The message of the bad-URL error parsing `text` raises; a failure at the caller's line when it parses.
std::string parse_error(const std::string& text, std::source_location where = std::source_location::current()) {
  const auto error =
      expect_error<UsageError>([&] { (void)DatabaseUrl::parse(text); }, ErrorCode::bad_url, std::nullopt, where);
  EXPECT_EQ(error.exit_code(), ExitCode::usage);
  return error.what();
}

TEST(DatabaseUrl, SqliteRelativePath) {
  const auto url = DatabaseUrl::parse("sqlite:data/app.db");
  EXPECT_EQ(url.engine(), Engine::sqlite);
  EXPECT_EQ(url.sqlite_path(), "data/app.db");
  EXPECT_FALSE(url.is_memory());
  EXPECT_EQ(url.redacted(), "sqlite:data/app.db");
}

TEST(DatabaseUrl, SqliteAbsolutePath) {
  EXPECT_EQ(DatabaseUrl::parse("sqlite:///var/lib/app.db").sqlite_path(), "/var/lib/app.db");
  EXPECT_EQ(DatabaseUrl::parse("sqlite:/var/lib/app.db").sqlite_path(), "/var/lib/app.db");
}

TEST(DatabaseUrl, SqliteMemory) {
  const auto url = DatabaseUrl::parse("sqlite::memory:");
  EXPECT_TRUE(url.is_memory());
  EXPECT_EQ(url.sqlite_path(), ":memory:");
}

TEST(DatabaseUrl, PostgresFullUrl) {
  const auto url = DatabaseUrl::parse("postgres://app:s3cr%40t@db.example.com:6432/orders?sslmode=require");
  EXPECT_EQ(url.engine(), Engine::postgres);
  EXPECT_EQ(url.keyword("user"), "app");
  EXPECT_EQ(url.password(), "s3cr@t");
  EXPECT_EQ(url.keyword("host"), "db.example.com");
  EXPECT_EQ(url.keyword("port"), "6432");
  EXPECT_EQ(url.keyword("dbname"), "orders");
  EXPECT_EQ(url.keyword("sslmode"), "require");
  EXPECT_EQ(url.redacted(), "postgres://app:***@db.example.com:6432/orders?sslmode=require");
}

TEST(DatabaseUrl, PostgresUnixSocketDirectory) {
  const auto url = DatabaseUrl::parse("postgresql://strata-pg@/dev_db?host=/tmp/strata-dev-pg");
  EXPECT_EQ(url.keyword("user"), "strata-pg");
  EXPECT_EQ(url.keyword("host"), "/tmp/strata-dev-pg");
  EXPECT_EQ(url.keyword("dbname"), "dev_db");
  EXPECT_EQ(url.redacted(), "postgresql://strata-pg@/dev_db?host=/tmp/strata-dev-pg");
}

TEST(DatabaseUrl, PostgresPercentEncodedSocketAsHost) {
  const auto url = DatabaseUrl::parse("postgresql://%2Fvar%2Frun%2Fpostgresql/db");
  EXPECT_EQ(url.keyword("host"), "/var/run/postgresql");
}

TEST(DatabaseUrl, PostgresIpv6AndMultipleHosts) {
  const auto v6 = DatabaseUrl::parse("postgresql://[::1]:5433/db");
  EXPECT_EQ(v6.keyword("host"), "::1");
  EXPECT_EQ(v6.keyword("port"), "5433");
  const auto many = DatabaseUrl::parse("postgresql://a:5432,b/db");
  EXPECT_EQ(many.keyword("host"), "a,b");
  EXPECT_EQ(many.keyword("port"), "5432,");
}

TEST(DatabaseUrl, PostgresOtherLibpqKeywordsPassThrough) {
  const auto url = DatabaseUrl::parse("postgresql://u@h/db?connect_timeout=3&application_name=deploy%20job");
  EXPECT_EQ(url.keyword("connect_timeout"), "3");
  EXPECT_EQ(url.keyword("application_name"), "deploy job");
}

TEST(DatabaseUrl, PostgresWithoutAnything) {
  const auto url = DatabaseUrl::parse("postgresql://");
  EXPECT_TRUE(url.keywords().empty());
  EXPECT_EQ(url.redacted(), "postgresql://");
}

TEST(DatabaseUrl, PasswordParameterIsRedacted) {
  const auto url = DatabaseUrl::parse("postgresql://u@h/db?password=hunter2&sslmode=disable");
  EXPECT_EQ(url.password(), "hunter2");
  EXPECT_EQ(url.redacted(), "postgresql://u@h/db?password=***&sslmode=disable");
}

TEST(DatabaseUrl, WithoutPassword) {
  EXPECT_EQ(DatabaseUrl::parse("postgresql://u:pw@h/db?sslmode=require").without_password(),
            "postgresql://u@h/db?sslmode=require");
  EXPECT_EQ(DatabaseUrl::parse("postgresql://u@h/db?password=pw&sslmode=require").without_password(),
            "postgresql://u@h/db?sslmode=require");
  EXPECT_EQ(DatabaseUrl::parse("postgresql://u@h/db?sslmode=require&password=pw").without_password(),
            "postgresql://u@h/db?sslmode=require");
  EXPECT_EQ(DatabaseUrl::parse("postgresql://u@h/db?password=pw").without_password(), "postgresql://u@h/db");
  EXPECT_EQ(DatabaseUrl::parse("sqlite:a.db").without_password(), "sqlite:a.db");
}

TEST(DatabaseUrl, EmptyPasswordIsStillMasked) {
  EXPECT_EQ(DatabaseUrl::parse("postgresql://u:@h/db").redacted(), "postgresql://u:***@h/db");
}

TEST(DatabaseUrlErrors, Empty) { EXPECT_EQ(parse_error(""), "database URL is empty"); }

TEST(DatabaseUrlErrors, NoScheme) {
  EXPECT_EQ(parse_error("app.db"),
            "database URL 'app.db' has no scheme; use sqlite:path/to/file.db, sqlite::memory: or "
            "postgresql://user@host/dbname");
}

TEST(DatabaseUrlErrors, UnknownSchemeIsRedacted) {
  EXPECT_EQ(parse_error("mysql://root:topsecret@db/app"),
            "unsupported database URL scheme 'mysql' in 'mysql://root:***@db/app'; use sqlite:, postgres:// or "
            "postgresql://");
}

TEST(DatabaseUrlErrors, ForgottenSchemeDoesNotEchoThePassword) {
  EXPECT_EQ(parse_error("deploy:hunter2@db.internal/app"),
            "unsupported database URL scheme 'deploy' in 'deploy:***@db.internal/app'; use sqlite:, postgres:// or "
            "postgresql://");
}

TEST(DatabaseUrlErrors, SqliteWithoutPath) {
  EXPECT_EQ(parse_error("sqlite:"),
            "sqlite URL 'sqlite:' names no file; use sqlite:path/to/file.db, sqlite:///absolute/path.db or "
            "sqlite::memory:");
}

TEST(DatabaseUrlErrors, SqliteWithHost) {
  EXPECT_EQ(parse_error("sqlite://server/app.db"),
            "sqlite URL 'sqlite://server/app.db' names a host ('server'); use sqlite:relative/path.db or "
            "sqlite:///absolute/path.db");
}

TEST(DatabaseUrlErrors, PostgresWithoutSlashes) {
  EXPECT_EQ(parse_error("postgresql:app"), "PostgreSQL URL 'postgresql:app' must start with postgresql://");
}

TEST(DatabaseUrlErrors, BadPort) {
  EXPECT_EQ(parse_error("postgresql://u:pw@h:54x2/db"),
            "invalid port '54x2' in database URL 'postgresql://u:***@h:54x2/db'; expected a number from 1 to 65535");
  EXPECT_EQ(parse_error("postgresql://h:70000/db"),
            "invalid port '70000' in database URL 'postgresql://h:70000/db'; expected a number from 1 to 65535");
  EXPECT_EQ(parse_error("postgresql://h:/db"),
            "invalid port '' in database URL 'postgresql://h:/db'; expected a number from 1 to 65535");
  EXPECT_EQ(parse_error("postgresql://h/db?port=0"),
            "invalid port '0' in database URL 'postgresql://h/db?port=0'; expected a number from 1 to 65535");
}

TEST(DatabaseUrlErrors, BadPercentEncodingNamesThePart) {
  EXPECT_EQ(parse_error("postgresql://us%zzer@h/db"),
            "invalid percent-encoding '%zz' in the user name of database URL 'postgresql://us%zzer@h/db'");
  EXPECT_EQ(parse_error("postgresql://h/d%4"),
            "invalid percent-encoding '%4' in the database name of database URL 'postgresql://h/d%4'");
}

TEST(DatabaseUrlErrors, BadPercentEncodingInPasswordShowsNoPasswordBytes) {
  const std::string message = parse_error("postgresql://u:abc%qqdef@h/db");
  EXPECT_EQ(message, "invalid percent-encoding in the password of database URL 'postgresql://u:***@h/db'");
}

TEST(DatabaseUrlErrors, UnterminatedIpv6) {
  EXPECT_EQ(parse_error("postgresql://[::1/db"), "unterminated '[' in the host of database URL 'postgresql://[::1/db'");
  EXPECT_EQ(parse_error("postgresql://[::1]x/db"),
            "unexpected 'x' after ']' in the host of database URL 'postgresql://[::1]x/db'");
}

TEST(DatabaseUrlErrors, ParameterWithoutValue) {
  EXPECT_EQ(parse_error("postgresql://h/db?sslmode"),
            "parameter 'sslmode' has no value in database URL 'postgresql://h/db?sslmode'; write sslmode=VALUE");
}

TEST(DatabaseUrlErrors, UnknownParameterSuggests) {
  EXPECT_EQ(parse_error("postgresql://u:pw@h/db?sslmod=require"),
            "unknown connection parameter 'sslmod' in database URL 'postgresql://u:***@h/db?sslmod=require'; did "
            "you mean 'sslmode'?");
  EXPECT_EQ(parse_error("postgresql://h/db?flavour=vanilla"),
            "unknown connection parameter 'flavour' in database URL 'postgresql://h/db?flavour=vanilla'; query "
            "parameters must be libpq connection keywords (sslmode, connect_timeout, ...)");
}

TEST(RedactUrlText, MasksUserinfoPasswordsAndPasswordParameters) {
  EXPECT_EQ(redact_url_text("x postgres://a:b@c/d and pg://e:f@g y"), "x postgres://a:***@c/d and pg://e:***@g y");
  EXPECT_EQ(redact_url_text("host=h password=pw user=u"), "host=h password=*** user=u");
  EXPECT_EQ(redact_url_text("postgresql://u@h/db"), "postgresql://u@h/db");
}

TEST(ScrubSecret, ReplacesPlainAndPercentEncodedForms) {
  EXPECT_EQ(scrub_secret("failed for p@ss and p%40ss", "p@ss"), "failed for *** and ***");
  EXPECT_EQ(scrub_secret("nothing here", ""), "nothing here");
}

TEST(EngineName, Names) {
  EXPECT_EQ(engine_name(Engine::sqlite), "sqlite");
  EXPECT_EQ(engine_name(Engine::postgres), "postgresql");
}

}  // namespace
}  // namespace strata::db
