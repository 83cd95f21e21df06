// The binary's own surface: help, version, unknown commands and options, exit codes.
#include <regex>

#include "readonly_test.hpp"

namespace strata::testing {
namespace {

TEST(CommandLine, HelpListsTheCommands) {
  const auto result = run_strata({"--help"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  for (const char* command :
       {"init", "revision", "merge", "heads", "bases", "branches", "history", "show", "graph", "check", "plan"})
    EXPECT_NE(result.out.find(std::string("\n  ") + command + " "), std::string::npos) << command;
  EXPECT_NE(result.out.find("(alias: new)"), std::string::npos);
}

TEST(CommandLine, CommandHelp) {
  const auto result = run_strata({"history", "--help"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_NE(result.out.find("--rev-range"), std::string::npos) << result.out;
}

TEST(CommandLine, NoArgumentsIsAUsageError) {
  const auto result = run_strata({});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_NE(result.out.find("usage: strata"), std::string::npos);
}

TEST(CommandLine, Version) {
  const auto result = run_strata({"--version"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  // The commit is the checkout's (or "unknown" for a build outside git), so only its shape is fixed.
  EXPECT_TRUE(
      std::regex_match(result.out, std::regex(R"(strata 0\.1\.0 \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)\n)")))
      << result.out;
}

TEST(CommandLine, UnknownCommandGetsASuggestion) {
  const auto result = run_strata({"histroy"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: unknown command 'histroy'; did you mean 'history'?\n");
  const auto json = run_strata({"--json", "hedas"});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_EQ(json_of(json), nlohmann::json::parse(R"({"error": {"code": "unknown_command",
      "message": "unknown command 'hedas'; did you mean 'heads'?"}})"));
}

TEST(CommandLine, UnknownOptionNamesTheCommand) {
  const auto result = in_fixtures({"-d", "linear", "heads", "--frobnicate"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: unknown option '--frobnicate' for 'strata heads'; run 'strata heads --help' for usage\n");
}

TEST(CommandLine, MissingArgument) {
  const auto result = in_fixtures({"-d", "linear", "show"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: REV is required; run 'strata show --help' for usage\n");
}

TEST(CommandLine, NoColourWhenStdoutIsNotATerminal) {
  const auto result = in_fixtures({"-d", "linear", "heads"});
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << result.out;
}

}  // namespace
}  // namespace strata::testing
