#include "strata/util/human_duration.hpp"

#include <gtest/gtest.h>

namespace strata::util {
namespace {

using namespace std::chrono_literals;

TEST(HumanDuration, MillisecondsUnderASecond) {
  EXPECT_EQ(human_duration(0ms), "0 ms");
  EXPECT_EQ(human_duration(842ms), "842 ms");
  EXPECT_EQ(human_duration(999ms), "999 ms");
}

TEST(HumanDuration, SecondsToOneDecimalUnderAMinute) {
  EXPECT_EQ(human_duration(1000ms), "1 s");
  EXPECT_EQ(human_duration(3400ms), "3.4 s");
  EXPECT_EQ(human_duration(3449ms), "3.4 s");
  EXPECT_EQ(human_duration(30s), "30 s");
  EXPECT_EQ(human_duration(59940ms), "59.9 s");
}

TEST(HumanDuration, MinutesAndHours) {
  EXPECT_EQ(human_duration(59960ms), "1 min");
  EXPECT_EQ(human_duration(125s), "2 min 5 s");
  EXPECT_EQ(human_duration(2min), "2 min");
  EXPECT_EQ(human_duration(90min), "1 h 30 min");
  EXPECT_EQ(human_duration(24h), "24 h");
}

}  // namespace
}  // namespace strata::util
