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

}  // namespace
}  // namespace strata::cli
