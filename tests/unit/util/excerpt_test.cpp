#include "strata/util/excerpt.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace strata::util;

TEST(Excerpt, PrintableTextIsUnchanged) {
  EXPECT_EQ(escaped("abc_1.2 été ✓"), "abc_1.2 été ✓");
  EXPECT_EQ(excerpt("short"), "short");
}

TEST(Excerpt, ControlCharactersAndInvalidUtf8AreEscaped) {
  EXPECT_EQ(escaped("a\x1b[31mb"), "a\\x1b[31mb");
  EXPECT_EQ(escaped(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(escaped("a\nb\rc\td\x7f"), "a\\nb\\rc\\td\\x7f");
  EXPECT_EQ(escaped("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(escaped("\xc2\x9b"
                    "2J"),
            "\\u009b2J");                                 // C1 control sequence introducer
  EXPECT_EQ(escaped("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(escaped("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(escaped("\xe2\x9c"), "\\xe2\\x9c");           // cut short
}

TEST(Excerpt, LongInputIsCut) {
  const std::string huge(10 * 1024 * 1024, 'x');
  EXPECT_EQ(excerpt(huge), std::string(60, 'x') + "...");
  EXPECT_EQ(excerpt("abcdef", 3), "abc...");
  EXPECT_EQ(excerpt("abc", 3), "abc");
  EXPECT_EQ(excerpt("ééééé", 2), "éé...");  // counts characters, never cuts one in half
  EXPECT_EQ(excerpt("\x01\x02\x03", 2), "\\x01\\x02...");
}

TEST(Excerpt, FindsTheFirstUnprintableByte) {
  EXPECT_FALSE(first_unprintable("plain text\twith a tab, é").has_value());
  EXPECT_EQ(first_unprintable("ab\x1b"), 2u);
  EXPECT_EQ(first_unprintable("a\nb"), 1u);
  EXPECT_EQ(first_unprintable("é\xff"), 2u);
  EXPECT_TRUE(is_valid_utf8("a\nb\x1b é"));
  EXPECT_FALSE(is_valid_utf8("a\xff"));
}
