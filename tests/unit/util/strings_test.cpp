#include "strata/util/strings.hpp"

#include <gtest/gtest.h>

using namespace strata::util;

TEST(Strings, TrimRemovesSurroundingWhitespace) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim("   "), "");
}

TEST(Strings, SplitKeepsEmptyFields) { EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"})); }

TEST(Strings, QuotedListReadsLikeEnglish) {
  EXPECT_EQ(quoted_list({"a"}), "'a'");
  EXPECT_EQ(quoted_list({"a", "b"}), "'a' and 'b'");
  EXPECT_EQ(quoted_list({"a", "b", "c"}), "'a', 'b' and 'c'");
}
