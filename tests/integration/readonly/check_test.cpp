// strata check: exit 0 with a count when the repository is sound, exit 1 listing every problem otherwise.
#include <algorithm>

#include "readonly_test.hpp"

namespace strata::testing {
namespace {

std::vector<std::string> codes_of(const nlohmann::json& document) {
  std::vector<std::string> codes;
  for (const auto& problem : document["problems"]) codes.push_back(problem["code"].get<std::string>());
  return codes;
}

bool has(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

TEST(Check, SoundRepositoryPasses) {
  const auto result = in_fixtures({"-d", "linear", "check"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "no problems found in 3 revisions\n");
  const auto json = in_fixtures({"-d", "linear", "check", "--json"});
  EXPECT_EQ(json.exit_code, 0) << describe(json);
  EXPECT_EQ(json_of(json), (nlohmann::json{{"ok", true}, {"problems", nlohmann::json::array()}}));
}

TEST(Check, AlembicRepositoryPasses) {
  const auto result = in_fixtures({"-d", "alembic", "check"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "no problems found in 3 revisions\n");
}

TEST(Check, ListsEveryProblemAndExits1) {
  const auto json = in_fixtures({"-d", "broken", "check", "--json"});
  EXPECT_EQ(json.exit_code, 1) << describe(json);
  const auto document = json_of(json);
  EXPECT_EQ(document["ok"], false);
  const auto codes = codes_of(document);
  // The file with a misspelt key, the duplicate id, the dangling parent, and the head policy.
  EXPECT_GE(codes.size(), 3u) << json.out;
  for (const auto& problem : document["problems"]) {
    EXPECT_EQ(problem.size(), 4u) << problem;
    EXPECT_FALSE(problem["message"].get<std::string>().empty()) << problem;
    EXPECT_TRUE(problem["paths"].is_array()) << problem;
    EXPECT_TRUE(problem["revisions"].is_array()) << problem;
  }
  const auto text = json.out;
  EXPECT_NE(text.find("0e0000000005_typo.sql"), std::string::npos) << text;
  EXPECT_NE(text.find("0f0000000099"), std::string::npos) << text;
  EXPECT_NE(text.find("0b0000000002_copy_of_first_child.sql"), std::string::npos) << text;

  const auto human = in_fixtures({"-d", "broken", "check"});
  EXPECT_EQ(human.exit_code, 1) << describe(human);
  const auto lines = lines_of(human.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), std::to_string(codes.size()) + " problems found in 5 revisions");
  for (const auto& problem : document["problems"]) {
    const auto line = problem["code"].get<std::string>() + ": " + problem["message"].get<std::string>();
    EXPECT_NE(human.out.find(line), std::string::npos) << line << "\n" << human.out;
  }
}

TEST(Check, UnreadableAlembicFieldIsAProblemUnlessSkipped) {
  const auto result = in_fixtures({"-d", "alembic_unreadable", "check", "--json"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  const auto document = json_of(result);
  ASSERT_EQ(document["problems"].size(), 1u) << result.out;
  const auto message = document["problems"][0]["message"].get<std::string>();
  EXPECT_NE(message.find("4c2f9a3b0d12_expand.py:10"), std::string::npos) << message;
  EXPECT_NE(message.find("not statically readable"), std::string::npos) << message;

  const auto skipped = in_fixtures({"-d", "alembic_unreadable", "--skip-unreadable", "check"});
  EXPECT_EQ(skipped.exit_code, 0) << describe(skipped);
  EXPECT_EQ(skipped.out, "no problems found in 2 revisions\n");
  EXPECT_NE(skipped.err.find("warning: "), std::string::npos) << skipped.err;
  EXPECT_NE(skipped.err.find("4c2f9a3b0d12_expand.py:10"), std::string::npos) << skipped.err;
}

TEST(Check, MultipleHeadsWithoutLabelsIsAProblem) {
  TempDir dir;
  write_native(dir.path() / "m", {.id = "aaaa00000001", .message = "base"});
  write_native(dir.path() / "m", {.id = "bbbb00000002", .revises = {"aaaa00000001"}, .message = "left"});
  write_native(dir.path() / "m", {.id = "cccc00000003", .revises = {"aaaa00000001"}, .message = "right"});
  const auto result = run_strata({"-d", "m", "check", "--json"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  const auto document = json_of(result);
  ASSERT_EQ(document["problems"].size(), 1u) << result.out;
  const auto& problem = document["problems"][0];
  EXPECT_EQ(problem["revisions"], (nlohmann::json{"bbbb00000002", "cccc00000003"})) << problem;
}

}  // namespace
}  // namespace strata::testing
