#include "strata/cli/command_line.hpp"

#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "support/expect_error.hpp"

namespace strata::cli {
namespace {

using ::strata::testing::expect_error;

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
  expect_error<UsageError>([] { (void)parse_command_line({"hedas"}); }, ErrorCode::unknown_command,
                           "unknown command 'hedas'; did you mean 'heads'?");
  expect_error<UsageError>(
      [] {
        (void)parse_command_line({"--json", "histroy"});
      },
      ErrorCode::unknown_command, "unknown command 'histroy'; did you mean 'history'?");
  expect_error<UsageError>([] { (void)parse_command_line({"hist"}); }, ErrorCode::unknown_command,
                           "unknown command 'hist'; did you mean 'history'?");
  expect_error<UsageError>([] { (void)parse_command_line({"mrege"}); }, ErrorCode::unknown_command,
                           "unknown command 'mrege'; did you mean 'merge'?");
  expect_error<UsageError>([] { (void)parse_command_line({"frobnicate"}); }, ErrorCode::unknown_command,
                           "unknown command 'frobnicate'; run 'strata --help' for the list of commands");
}

TEST(CommandLine, UnknownOptionsAndExtraArgumentsAreRefused) {
  expect_error<UsageError>([] { (void)parse_command_line({"--frob"}); }, ErrorCode::usage,
                           "unknown option '--frob'; run 'strata --help' for usage");
  expect_error<UsageError>(
      [] {
        (void)parse_command_line({"heads", "--frob"});
      },
      ErrorCode::usage, "unknown option '--frob' for 'strata heads'; run 'strata heads --help' for usage");
  expect_error<UsageError>(
      [] {
        (void)parse_command_line({"show", "a", "b"});
      },
      ErrorCode::usage, "unexpected argument 'b' for 'strata show'; run 'strata show --help' for usage");
}

TEST(CommandLine, MissingArgumentsNameTheCommand) {
  expect_error<UsageError>([] { (void)parse_command_line({"show"}); }, ErrorCode::usage,
                           "REV is required; run 'strata show --help' for usage");
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
