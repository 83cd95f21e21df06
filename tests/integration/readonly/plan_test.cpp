// strata plan upgrade|downgrade TARGET [--from REV ...]: the steps without a database.
#include "readonly_test.hpp"

namespace strata::testing {
namespace {

TEST(Plan, UpgradeFromAnEmptyDatabase) {
  const auto result = in_fixtures({"-d", "linear", "plan", "upgrade", "heads"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "upgrade to heads: 3 steps\n"
            "  up    1a2b3c4d5e6f  create users\n"
            "  up    2b3c4d5e6f70  add email to users\n"
            "  up    3c4d5e6f7081  create orders\n"
            "heads before: (none)\n"
            "heads after:  3c4d5e6f7081\n");
}

TEST(Plan, UpgradeJson) {
  const auto result = in_fixtures({"-d", "linear", "plan", "upgrade", "head", "--from", "1a2b", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(json_of(result), nlohmann::json::parse(R"({
    "steps": [{"revision": "2b3c4d5e6f70", "direction": "up"}, {"revision": "3c4d5e6f7081", "direction": "up"}],
    "heads_before": ["1a2b3c4d5e6f"],
    "heads_after": ["3c4d5e6f7081"]})"));
}

TEST(Plan, DowngradeToBase) {
  const auto result = in_fixtures({"-d", "linear", "plan", "downgrade", "base", "--from", "heads", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(json_of(result), nlohmann::json::parse(R"({
    "steps": [{"revision": "3c4d5e6f7081", "direction": "down"}, {"revision": "2b3c4d5e6f70", "direction": "down"},
              {"revision": "1a2b3c4d5e6f", "direction": "down"}],
    "heads_before": ["3c4d5e6f7081"],
    "heads_after": []})"));
  const auto text = in_fixtures({"-d", "linear", "plan", "downgrade", "2b3c", "--from", "heads"});
  ASSERT_EQ(text.exit_code, 0) << describe(text);
  EXPECT_EQ(text.out,
            "downgrade to 2b3c: 1 step\n"
            "  down  3c4d5e6f7081  create orders\n"
            "heads before: 3c4d5e6f7081\n"
            "heads after:  2b3c4d5e6f70\n");
}

TEST(Plan, RelativeDowngradeTarget) {
  const auto result = in_fixtures({"-d", "linear", "plan", "downgrade", "-1", "--from", "heads", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(json_of(result)["heads_after"], nlohmann::json{"2b3c4d5e6f70"});
}

TEST(Plan, MergeGraphUpgradesEveryAncestor) {
  const auto result = in_fixtures({"-d", "native", "plan", "upgrade", "core@head", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto document = json_of(result);
  EXPECT_EQ(document["steps"].size(), 5u) << result.out;
  EXPECT_EQ(document["steps"][0]["revision"], "aaaa00000001");
  EXPECT_EQ(document["steps"][4]["revision"], "eeee00000005");
  EXPECT_EQ(document["heads_after"], nlohmann::json{"eeee00000005"});
}

TEST(Plan, BadTargetIsARepositoryError) {
  const auto result = in_fixtures({"-d", "linear", "plan", "upgrade", "nope"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: Can't locate revision identified by 'nope'\n");
}

TEST(Plan, AmbiguousHeadNamesTheHeads) {
  const auto result = in_fixtures({"-d", "native", "plan", "upgrade", "head", "--json"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  const auto message = json_of(result)["error"]["message"].get<std::string>();
  EXPECT_TRUE(message.starts_with("Multiple head revisions are present for given argument 'head'")) << message;
}

TEST(Plan, WrongDirectionIsAUsageError) {
  const auto result = in_fixtures({"-d", "linear", "plan", "sideways", "heads"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: DIRECTION: sideways not in {upgrade,downgrade}; run 'strata plan --help' for usage\n");
}

}  // namespace
}  // namespace strata::testing
