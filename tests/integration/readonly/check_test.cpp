// strata check: exit 0 with a count when the repository is sound, exit 1 listing every problem otherwise.
#include "readonly_test.hpp"

namespace strata::testing {
namespace {

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
  // The file with a misspelt key, the duplicate id, the dangling parent.
  EXPECT_EQ(codes, (std::vector<std::string>{"parse_error", "duplicate_revision", "unknown_parent"})) << json.out;
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
  EXPECT_EQ(human.out,
            "parse_error: broken/0e0000000005_typo.sql:2: unknown header key 'revisez'; did you mean 'revises'?\n"
            "  files: broken/0e0000000005_typo.sql\n"
            "duplicate_revision: broken/0b0000000002_first_child.sql:1: revision '0b0000000002' is already defined "
            "in broken/0b0000000002_copy_of_first_child.sql:1; give one of them a new id\n"
            "  files: broken/0b0000000002_copy_of_first_child.sql, broken/0b0000000002_first_child.sql\n"
            "  revisions: 0b0000000002\n"
            "unknown_parent: broken/0d0000000004_dangling_parent.sql:1: revision '0d0000000004' revises unknown "
            "revision '0f0000000099'; did you mean '0a0000000001'?\n"
            "  files: broken/0d0000000004_dangling_parent.sql\n"
            "  revisions: 0d0000000004\n"
            "3 problems found in 5 revisions\n");
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
  EXPECT_EQ(document["problems"][0]["message"],
            "alembic_unreadable/versions/4c2f9a3b0d12_expand.py:10: branch_labels = (cli.EXPAND_BRANCH,) is not "
            "statically readable (cli.EXPAND_BRANCH is not a literal); give the value of cli.EXPAND_BRANCH in "
            "strata.toml [alembic.names], or pass --skip-unreadable to load branch_labels as empty");
  EXPECT_EQ(document["problems"][0]["paths"], nlohmann::json{"alembic_unreadable/versions/4c2f9a3b0d12_expand.py"});

  const auto skipped = in_fixtures({"-d", "alembic_unreadable", "--skip-unreadable", "check"});
  EXPECT_EQ(skipped.exit_code, 0) << describe(skipped);
  EXPECT_EQ(skipped.out, "no problems found in 2 revisions\n");
  EXPECT_EQ(skipped.err,
            "warning: alembic_unreadable/versions/4c2f9a3b0d12_expand.py:10: branch_labels = (cli.EXPAND_BRANCH,) "
            "is not statically readable (cli.EXPAND_BRANCH is not a literal); loaded with branch_labels empty "
            "(--skip-unreadable)\n");
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
  const auto text = run_strata({"-d", "m", "check"}, {.cwd = dir.path()});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(lines_of(text.out).front(),
            problem["code"].get<std::string>() + ": " + problem["message"].get<std::string>());
  EXPECT_EQ(lines_of(text.out).back(), "1 problem found in 3 revisions");
}

}  // namespace
}  // namespace strata::testing
