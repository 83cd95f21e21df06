#include "strata/cli/command_line.hpp"

#include <gtest/gtest.h>

#include "strata/core/error.hpp"

namespace strata::cli {
namespace {

std::string usage_error(const std::vector<std::string>& args) {
  try {
    parse_command_line(args);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "no error";
}

TEST(CommandLine, GlobalOptionsGoBeforeOrAfterTheCommand) {
  const auto before = parse_command_line({"--json", "-d", "a", "--dir", "b", "heads"});
  ASSERT_EQ(before.action, ParsedCommandLine::Action::run);
  EXPECT_EQ(before.command->name, "heads");
  EXPECT_TRUE(before.global.json);
  EXPECT_EQ(before.global.dirs, (std::vector<std::string>{"a", "b"}));

  const auto after = parse_command_line({"history", "--json", "--skip-unreadable", "-d", "x", "--no-color"});
  ASSERT_EQ(after.action, ParsedCommandLine::Action::run);
  EXPECT_EQ(after.command->name, "history");
  EXPECT_TRUE(after.global.json);
  EXPECT_TRUE(after.global.skip_unreadable);
  EXPECT_TRUE(after.global.no_color);
  EXPECT_EQ(after.global.dirs, std::vector<std::string>{"x"});
}

TEST(CommandLine, AliasesRunTheirCommand) {
  const auto parsed = parse_command_line({"new", "-m", "add users"});
  ASSERT_EQ(parsed.action, ParsedCommandLine::Action::run);
  EXPECT_EQ(parsed.command->name, "revision");
}

TEST(CommandLine, HelpAndVersion) {
  EXPECT_EQ(parse_command_line({}).action, ParsedCommandLine::Action::main_help);
  EXPECT_TRUE(parse_command_line({}).no_arguments);
  EXPECT_EQ(parse_command_line({"--help"}).action, ParsedCommandLine::Action::main_help);
  EXPECT_EQ(parse_command_line({"--version"}).action, ParsedCommandLine::Action::version);
  const auto command_help = parse_command_line({"plan", "--help"});
  EXPECT_EQ(command_help.action, ParsedCommandLine::Action::command_help);
  EXPECT_NE(command_help.help.find("--from"), std::string::npos) << command_help.help;
}

TEST(CommandLine, UnknownCommandGetsASuggestion) {
  EXPECT_EQ(usage_error({"hedas"}), "unknown command 'hedas'; did you mean 'heads'?");
  EXPECT_EQ(usage_error({"--json", "histroy"}), "unknown command 'histroy'; did you mean 'history'?");
  EXPECT_EQ(usage_error({"hist"}), "unknown command 'hist'; did you mean 'history'?");
  EXPECT_EQ(usage_error({"mrege"}), "unknown command 'mrege'; did you mean 'merge'?");
  EXPECT_EQ(usage_error({"frobnicate"}), "unknown command 'frobnicate'; run 'strata --help' for the list of commands");
}

TEST(CommandLine, UnknownOptionsAndExtraArgumentsAreRefused) {
  EXPECT_EQ(usage_error({"--frob"}), "unknown option '--frob'; run 'strata --help' for usage");
  EXPECT_EQ(usage_error({"heads", "--frob"}),
            "unknown option '--frob' for 'strata heads'; run 'strata heads --help' for usage");
  EXPECT_EQ(usage_error({"show", "a", "b"}),
            "unexpected argument 'b' for 'strata show'; run 'strata show --help' for usage");
}

TEST(CommandLine, MissingArgumentsNameTheCommand) {
  EXPECT_EQ(usage_error({"show"}), "REV is required; run 'strata show --help' for usage");
}

TEST(CommandLine, EveryTableEntryIsReachableByNameAndAlias) {
  for (const auto& command : command_table()) {
    const auto parsed = parse_command_line({std::string(command.name), "--help"});
    EXPECT_EQ(parsed.command, &command) << command.name;
    for (const auto alias : command.aliases)
      EXPECT_EQ(parse_command_line({std::string(alias), "--help"}).command, &command) << alias;
  }
}

}  // namespace
}  // namespace strata::cli
