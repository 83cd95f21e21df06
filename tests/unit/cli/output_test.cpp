#include "strata/cli/output.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace strata::cli {
namespace {

TEST(Output, PaintsOnlyWhenColourIsOn) {
  std::ostringstream out;
  std::ostringstream err;
  Output plain(out, err, false);
  EXPECT_EQ(plain.paint("abc", Style::id), "abc");
  Output coloured(out, err, true);
  EXPECT_EQ(coloured.paint("abc", Style::id), "\x1b[33mabc\x1b[0m");
  EXPECT_EQ(coloured.paint("abc", Style::plain), "abc");
}

TEST(Output, WarningsAndErrorsGoToStderr) {
  std::ostringstream out;
  std::ostringstream err;
  Output output(out, err, false);
  output.warning("careful");
  output.error("broken");
  output.line("result");
  EXPECT_EQ(err.str(), "warning: careful\nerror: broken\n");
  EXPECT_EQ(out.str(), "result\n");
}

TEST(Output, DocumentsKeepTheirKeyOrder) {
  std::ostringstream out;
  std::ostringstream err;
  Output output(out, err, false);
  output.document(Json{{"zeta", 1}, {"alpha", 2}});
  EXPECT_EQ(out.str(), "{\n  \"zeta\": 1,\n  \"alpha\": 2\n}\n");
}

TEST(Output, ColourFollowsEachStream) {
  std::ostringstream out;
  std::ostringstream err;
  Output err_only(out, err, false, true);
  EXPECT_EQ(err_only.paint("abc", Style::id), "abc");
  err_only.error("broken");
  EXPECT_EQ(err.str(), "\x1b[1;31merror:\x1b[0m broken\n");
  err.str("");
  Output out_only(out, err, true, false);
  EXPECT_EQ(out_only.paint("abc", Style::id), "\x1b[33mabc\x1b[0m");
  out_only.warning("careful");
  EXPECT_EQ(err.str(), "warning: careful\n");
}

TEST(Output, MessagesNeverCarryRawControlCharacters) {
  std::ostringstream out;
  std::ostringstream err;
  Output output(out, err, false);
  output.error("unknown revision '\x1b]0;owned\x07'\nsecond line \xff");
  EXPECT_EQ(err.str(), "error: unknown revision '\\x1b]0;owned\\x07'\nsecond line \\xff\n");
}

TEST(Output, JsonReplacesBytesThatAreNotUtf8) {
  std::ostringstream out;
  std::ostringstream err;
  Output output(out, err, false);
  output.document(Json{{"path", "bad\xff.sql"}});
  EXPECT_EQ(out.str(), "{\n  \"path\": \"bad\xef\xbf\xbd.sql\"\n}\n");
  EXPECT_EQ(json_text(Json{{"a", "\xc3"}}), "{\"a\":\"\xef\xbf\xbd\"}");
}

}  // namespace
}  // namespace strata::cli

namespace strata::cli {
namespace {

// --json errors come from the code and the fields alone: every kind of error prints what it knows the same way.
TEST(Output, ErrorsAreBuiltFromCodeAndFields) {
  ErrorFields fields;
  fields.revision = "aaaa00000001";
  fields.direction = Direction::down;
  fields.path = "migrations/aaaa00000001_x.sql";
  fields.line = 7;
  fields.sqlstate = "42P01";
  fields.statement = "DROP TABLE missing";  // not printed: the message quotes what matters
  const DatabaseError error(ErrorCode::sql_error, "it failed", fields);
  EXPECT_EQ(json_text(error_body(error)),
            R"({"code":"sql_error","message":"it failed","revision":"aaaa00000001","direction":"down",)"
            R"("path":"migrations/aaaa00000001_x.sql","line":7,"sqlstate":"42P01"})");
  const RepositoryError parse(ErrorCode::parse_error, "migrations/b.sql", 3, "no '-- +up' line");
  EXPECT_EQ(json_text(error_body(parse)),
            R"({"code":"parse_error","message":"migrations/b.sql:3: no '-- +up' line","path":"migrations/b.sql",)"
            R"("line":3})");
  EXPECT_EQ(json_text(error_body(ErrorCode::io, "disk full", {})), R"({"code":"io","message":"disk full"})");
}

}  // namespace
}  // namespace strata::cli
