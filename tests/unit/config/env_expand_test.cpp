#include <gtest/gtest.h>

#include <limits>

#include "strata/config/duration.hpp"
#include "strata/config/env_expand.hpp"

namespace strata::config {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

const auto k_environment = fixed_environment({{"USER", "ana"}, {"EMPTY", ""}, {"PORT", "5433"}});

TEST(ExpandVariables, ReplacesNamesAndDefaults) {
  const auto expansion = expand_variables("postgresql://${USER}@h:${PORT}/${DB:-app}", k_environment);
  EXPECT_EQ(expansion.value, "postgresql://ana@h:5433/app");
  EXPECT_EQ(expansion.variables, (Strings{"USER", "PORT", "DB"}));
  EXPECT_TRUE(expansion.unset.empty());
  EXPECT_TRUE(expansion.syntax_error.empty());
}

TEST(ExpandVariables, DefaultAppliesToEmptyToo) {
  EXPECT_EQ(expand_variables("${EMPTY:-x}", k_environment).value, "x");
  EXPECT_EQ(expand_variables("${EMPTY}", k_environment).value, "");
  EXPECT_EQ(expand_variables("${MISSING:-}", k_environment).value, "");
}

TEST(ExpandVariables, DollarWithoutBraceIsKept) {
  EXPECT_EQ(expand_variables("pa$$word$", k_environment).value, "pa$$word$");
}

TEST(ExpandVariables, ReportsTheFirstUnsetVariable) {
  const auto expansion = expand_variables("${A}${USER}${B}", k_environment);
  EXPECT_EQ(expansion.unset, "A");
}

TEST(ExpandVariables, SyntaxErrors) {
  EXPECT_EQ(expand_variables("${USER", k_environment).syntax_error, "'${' without a closing '}'");
  EXPECT_EQ(expand_variables("${}", k_environment).syntax_error, "'${}' is not ${NAME} or ${NAME:-default}");
  EXPECT_EQ(expand_variables("${A B}", k_environment).syntax_error, "'${A B}' is not ${NAME} or ${NAME:-default}");
}

TEST(ParseDuration, UnitsAndCombinations) {
  EXPECT_EQ(parse_duration("30s"), 30s);
  EXPECT_EQ(parse_duration("500ms"), 500ms);
  EXPECT_EQ(parse_duration("2m"), 2min);
  EXPECT_EQ(parse_duration("1h"), 1h);
  EXPECT_EQ(parse_duration("1m30s"), 90s);
  EXPECT_EQ(parse_duration("0s"), 0ms);
  EXPECT_EQ(parse_duration(""), std::nullopt);
  EXPECT_EQ(parse_duration("30"), std::nullopt);
  EXPECT_EQ(parse_duration("s"), std::nullopt);
  EXPECT_EQ(parse_duration("3 s"), std::nullopt);
  EXPECT_EQ(parse_duration("3d"), std::nullopt);
}

TEST(ParseLockTimeout, SecondsOrADurationWithinADay) {
  EXPECT_EQ(parse_lock_timeout("30"), 30s);
  EXPECT_EQ(parse_lock_timeout("2.5"), 2500ms);
  EXPECT_EQ(parse_lock_timeout("0"), 0ms);
  EXPECT_EQ(parse_lock_timeout(".5"), 500ms);
  EXPECT_EQ(parse_lock_timeout("500ms"), 500ms);
  EXPECT_EQ(parse_lock_timeout("86400"), 24h);
  EXPECT_EQ(parse_lock_timeout("24h"), 24h);
  for (const char* bad : {"", "nan", "NaN", "inf", "-inf", "-1", "+1", "1e3", "86400.5", "25h", "1.2.3", ".", "0x10",
                          "9999999999999999999999", " 1", "1 "})
    EXPECT_EQ(parse_lock_timeout(bad), std::nullopt) << bad;
  EXPECT_EQ(lock_timeout_from_seconds(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
  EXPECT_EQ(lock_timeout_from_seconds(std::numeric_limits<double>::infinity()), std::nullopt);
  EXPECT_EQ(lock_timeout_from_seconds(-0.001), std::nullopt);
  EXPECT_EQ(lock_timeout_from_seconds(1.5), 1500ms);
}

}  // namespace
}  // namespace strata::config
