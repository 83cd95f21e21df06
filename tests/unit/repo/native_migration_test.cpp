#include <gtest/gtest.h>

#include <source_location>
#include <string>

#include "strata/core/error.hpp"
#include "strata/repo/migration_file.hpp"
#include "strata/util/sha256.hpp"
#include "support/expect_error.hpp"

namespace strata::repo {
namespace {

using ::strata::testing::expect_error;

const std::string k_path = "migrations/5f3c_add_limit.sql";

// The message of the parse error (naming k_path) that parsing `text` raises; a failure at the caller's line when
// the text parses.
std::string parse_error(const std::string& text, std::source_location where = std::source_location::current()) {
  const auto error = expect_error<RepositoryError>([&] { (void)parse_native_migration(text, k_path); },
                                                   ErrorCode::parse_error, std::nullopt, where);
  EXPECT_EQ(error.path(), k_path);
  return error.what();
}

TEST(NativeMigration, ParsesTheDesignExample) {
  const std::string text =
      "-- revision: 5f3c2a1b9e04\n"
      "-- revises: d21f6f58c952\n"
      "-- message: add teacher limit to organizations\n"
      "-- created: 2026-01-12T16:30:00Z\n"
      "\n"
      "-- +up\n"
      "ALTER TABLE organizations ADD COLUMN teacher_limit integer;\n"
      "\n"
      "-- +down\n"
      "ALTER TABLE organizations DROP COLUMN teacher_limit;\n";
  const auto file = parse_native_migration(text, k_path);
  EXPECT_EQ(file.revision.id, "5f3c2a1b9e04");
  EXPECT_EQ(file.revision.line, 1);
  EXPECT_EQ(file.revision.path, k_path);
  EXPECT_EQ(file.revision.revises, std::vector<std::string>{"d21f6f58c952"});
  EXPECT_TRUE(file.revision.depends_on.empty());
  EXPECT_TRUE(file.revision.branch_labels.empty());
  EXPECT_EQ(file.revision.message, "add teacher limit to organizations");
  EXPECT_EQ(file.created, "2026-01-12T16:30:00Z");
  EXPECT_EQ(file.kind, SourceKind::native_sql);
  EXPECT_EQ(file.transaction, TransactionMode::per_migration);
  EXPECT_EQ(file.up.sql, "ALTER TABLE organizations ADD COLUMN teacher_limit integer;\n\n");
  EXPECT_EQ(file.up.first_line, 7);
  ASSERT_TRUE(file.down.has_value());
  EXPECT_EQ(file.down->sql, "ALTER TABLE organizations DROP COLUMN teacher_limit;\n");
  EXPECT_EQ(file.down->first_line, 10);
  EXPECT_EQ(file.checksum, util::sha256_hex("ALTER TABLE organizations ADD COLUMN teacher_limit integer;\n\n"));
}

TEST(NativeMigration, ListsAcceptCommasBlanksOrBoth) {
  const auto file = parse_native_migration(
      "-- revision: m1\n"
      "-- revises: a1, b2 c3,d4\n"
      "-- branch-labels: auth\n"
      "-- depends-on: x9 ,auth\n"
      "-- replaces: r1 r2\n"
      "-- transaction: none\n"
      "-- +up\n"
      "CREATE INDEX CONCURRENTLY i ON t (c);\n",
      k_path);
  EXPECT_EQ(file.revision.revises, (std::vector<std::string>{"a1", "b2", "c3", "d4"}));
  EXPECT_EQ(file.revision.branch_labels, std::vector<std::string>{"auth"});
  EXPECT_EQ(file.revision.depends_on, (std::vector<std::string>{"x9", "auth"}));
  EXPECT_EQ(file.revision.replaces, (std::vector<std::string>{"r1", "r2"}));
  EXPECT_EQ(file.transaction, TransactionMode::none);
  EXPECT_FALSE(file.down.has_value());
}

TEST(NativeMigration, EmptyRevisesIsABase) {
  const auto file = parse_native_migration("-- revision: a1\n-- revises:\n-- +up\n", k_path);
  EXPECT_TRUE(file.revision.revises.empty());
  EXPECT_EQ(file.up.sql, "");
  EXPECT_EQ(file.up.first_line, 4);
}

TEST(NativeMigration, OrdinaryCommentsAndBlankLinesAroundTheHeaderAreFine) {
  const auto file = parse_native_migration(
      "\n"
      "-- Adds the users table.\n"
      "-- revision: a1\n"
      "-- Note: this is slow on large tables\n"
      "-- see https://example.com/ticket/1\n"
      "--\n"
      "\n"
      "-- +up\n"
      "-- revises: not a header key here, just SQL text\n"
      "CREATE TABLE users (id integer);\n",
      k_path);
  EXPECT_EQ(file.revision.id, "a1");
  EXPECT_EQ(file.revision.line, 3);
  EXPECT_TRUE(file.revision.revises.empty());
  EXPECT_EQ(file.up.sql, "-- revises: not a header key here, just SQL text\nCREATE TABLE users (id integer);\n");
  EXPECT_EQ(file.up.first_line, 9);
}

TEST(NativeMigration, KeepsCarriageReturnsAndAFinalLineWithoutNewline) {
  const auto file = parse_native_migration("-- revision: a1\r\n-- +up\r\nSELECT 1;\r\n-- +down\r\nSELECT 2;", k_path);
  EXPECT_EQ(file.revision.id, "a1");
  EXPECT_EQ(file.up.sql, "SELECT 1;\r\n");
  EXPECT_EQ(file.down->sql, "SELECT 2;");
}

TEST(NativeMigration, IgnoresAByteOrderMark) {
  const auto file = parse_native_migration("\xEF\xBB\xBF-- revision: a1\n-- +up\nSELECT 1;\n", k_path);
  EXPECT_EQ(file.revision.id, "a1");
  EXPECT_EQ(file.up.first_line, 3);
}

TEST(NativeMigration, MarkersToleratePaddingAndNoSpace) {
  const auto file = parse_native_migration("--revision: a1\n  --   +up  \nSELECT 1;\n--+down\n", k_path);
  EXPECT_EQ(file.up.sql, "SELECT 1;\n");
  EXPECT_EQ(file.down->sql, "");
}

TEST(NativeMigrationErrors, UnknownKeyWithSuggestion) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- revises: b2\n-- message: x\n-- revises_: c3\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:4: unknown header key 'revises_'; did you mean 'revises'?");
  EXPECT_EQ(parse_error("-- revision: a1\n-- branch_labels: x\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: unknown header key 'branch_labels'; did you mean 'branch-labels'?");
}

TEST(NativeMigrationErrors, UnknownKeyWithoutSuggestionListsTheKeys) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- author: me\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: unknown header key 'author'; header keys are revision, revises, "
            "message, created, branch-labels, depends-on, replaces, transaction");
}

TEST(NativeMigrationErrors, MissingRevision) {
  EXPECT_EQ(parse_error("-- revises: b2\n-- +up\nSELECT 1;\n"),
            "migrations/5f3c_add_limit.sql:1: missing revision id; the header needs a '-- revision: <id>' line");
  EXPECT_EQ(parse_error(""),
            "migrations/5f3c_add_limit.sql:1: missing revision id; the header needs a '-- revision: <id>' line");
  EXPECT_EQ(parse_error("-- message: x\n-- revision:   \n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: missing revision id after '-- revision:'");
  EXPECT_EQ(parse_error("-- revision: a1 b2\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:1: expected one revision id after '-- revision:', found 'a1 b2'");
}

TEST(NativeMigrationErrors, SectionMarkerTwice) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- +up\nSELECT 1;\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:4: a second '-- +up' marker (the first is on line 2); a file has one up "
            "section");
  EXPECT_EQ(parse_error("-- revision: a1\n-- +up\n-- +down\nSELECT 1;\n-- +down\n"),
            "migrations/5f3c_add_limit.sql:5: a second '-- +down' marker (the first is on line 3); a file has at most "
            "one down section");
}

TEST(NativeMigrationErrors, TextBeforeTheHeader) {
  EXPECT_EQ(parse_error("CREATE TABLE t (id integer);\n-- revision: a1\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:1: text before the header; a migration file starts with '-- revision: "
            "<id>' header lines");
  EXPECT_EQ(parse_error("-- +up\n-- revision: a1\n"),
            "migrations/5f3c_add_limit.sql:1: '-- +up' before the header; the file must start with '-- revision: "
            "<id>'");
}

TEST(NativeMigrationErrors, SqlBetweenHeaderAndUp) {
  EXPECT_EQ(parse_error("-- revision: a1\n\nCREATE TABLE t (id integer);\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:3: SQL before the '-- +up' marker; statements belong in the '-- +up' or "
            "'-- +down' section");
}

TEST(NativeMigrationErrors, KeyGivenTwice) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- revises: b2\n-- revises: c3\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:3: header key 'revises' given twice (first on line 2); list several "
            "values on one line");
}

TEST(NativeMigrationErrors, BadTransactionValue) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- transaction: off\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: transaction must be 'per-migration' or 'none', not 'off'");
}

TEST(NativeMigrationErrors, MissingUp) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- message: x\n\n"),
            "migrations/5f3c_add_limit.sql:3: missing '-- +up' marker; expected it after the header, before the "
            "SQL");
}

TEST(NativeMigrationErrors, DownBeforeUp) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- +down\nDROP TABLE t;\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: '-- +down' before '-- +up'; the up section comes first");
}

TEST(NativeMigrationErrors, UnknownSectionMarker) {
  EXPECT_EQ(parse_error("-- revision: a1\n-- +upp\n"),
            "migrations/5f3c_add_limit.sql:2: unknown section marker '-- +upp'; did you mean '-- +up'?");
  EXPECT_EQ(parse_error("-- revision: a1\n-- +up\n-- +rollback\n"),
            "migrations/5f3c_add_limit.sql:3: unknown section marker '-- +rollback'; expected '-- +up' or "
            "'-- +down'");
}

TEST(NativeMigrationErrors, HeaderHoldsPrintableUtf8Only) {
  EXPECT_EQ(parse_error("-- revision: a\x1b]0;x\x07\n-- +up\nSELECT 1;\n"),
            "migrations/5f3c_add_limit.sql:1: control character '\\x1b' in the header; header lines hold printable "
            "text only");
  EXPECT_EQ(parse_error("-- revision: a\n-- message: caf\xe9\n-- +up\nSELECT 1;\n"),
            "migrations/5f3c_add_limit.sql:2: bytes that are not UTF-8 ('\\xe9') in the header; save the file as "
            "UTF-8");
  EXPECT_EQ(parse_error(std::string("-- revision: a\0b\n-- +up\n", 24)),
            "migrations/5f3c_add_limit.sql:1: control character '\\x00' in the header; header lines hold printable "
            "text only");
  // Tabs, CRLF line ends and UTF-8 text are fine; the SQL sections are not the header's business.
  const auto file =
      parse_native_migration("-- revision:\ta\r\n-- message: café\r\n-- +up\r\nSELECT '\x01';\r\n", k_path);
  EXPECT_EQ(file.revision.id, "a");
  EXPECT_EQ(file.revision.message, "café");
}

TEST(NativeMigrationErrors, CarriageReturnOnlyLineEndsAreNamedNotQuoted) {
  EXPECT_EQ(parse_error("-- revision: a\r-- message: m\r-- +up\rSELECT 1;\r"),
            "migrations/5f3c_add_limit.sql:1: the file's lines end in a carriage return alone; save it with LF (or "
            "CRLF) line ends");
}

TEST(NativeMigrationErrors, IdsAreSafeFileNames) {
  EXPECT_EQ(parse_error("-- revision: ../evil\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:1: Character(s) '/' not allowed in revision identifier '../evil'; a "
            "revision id uses letters, digits, '_' and '.' (not first)");
  EXPECT_EQ(parse_error("-- revision: a\n-- revises: b, .c\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: revision identifier '.c' starts with '.'; a revision id uses letters, "
            "digits, '_' and '.' (not first)");
  EXPECT_EQ(parse_error("-- revision: a\n-- replaces: b/c\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: Character(s) '/' not allowed in revision identifier 'b/c'; a revision "
            "id uses letters, digits, '_' and '.' (not first)");
}

TEST(NativeMigrationErrors, LongValuesAreQuotedShort) {
  const std::string huge(10 * 1024 * 1024, 'x');
  EXPECT_EQ(parse_error("-- revision: a " + huge + "\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:1: expected one revision id after '-- revision:', found 'a " +
                std::string(58, 'x') + "...'");
  EXPECT_EQ(parse_error("-- revision: a\n-- transaction: " + huge + "\n-- +up\n"),
            "migrations/5f3c_add_limit.sql:2: transaction must be 'per-migration' or 'none', not '" +
                std::string(60, 'x') + "...'");
}

}  // namespace
}  // namespace strata::repo
