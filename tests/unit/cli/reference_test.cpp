// The manual page and the completions come from the command table: every command is in them, option names are
// escaped for roff, and an unknown shell is a usage error with the exact text.
#include "strata/cli/reference.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "strata/cli/command_table.hpp"
#include "strata/core/error.hpp"
#include "support/expect_error.hpp"

namespace strata::cli {
namespace {

using ::strata::testing::expect_error;

std::string roff_name(std::string_view name) {
  std::string out;
  for (const char c : name) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

TEST(Reference, ManPageHasOneSectionPerCommand) {
  const auto page = man_page("9.9.9 (commit abc)");
  EXPECT_EQ(page.rfind(".TH STRATA 1 \"\" \"strata 9.9.9 (commit abc)\" \"User Commands\"\n", 0), 0u);
  for (const auto& command : command_table()) {
    const auto heading = ".SS \"strata " + roff_name(command.name) + "\"\n";
    EXPECT_NE(page.find(heading), std::string::npos) << command.name;
  }
}

TEST(Reference, ManPageEscapesOptionNamesButNotProse) {
  const auto page = man_page("1");
  EXPECT_NE(page.find(".TP\n\\fB\\-\\-lock\\-timeout\\fR \\fISECONDS\\fR\n"), std::string::npos);
  EXPECT_NE(page.find("print machine-readable JSON on stdout\n"), std::string::npos);
  EXPECT_EQ(page.find("\n."
                      "\n"),
            std::string::npos);  // no empty request lines
}

TEST(Reference, CommandReferenceListsOptionsAndPositionals) {
  const auto commands = command_reference();
  ASSERT_EQ(commands.size(), command_table().size());
  const auto upgrade =
      std::find_if(commands.begin(), commands.end(), [](const auto& c) { return c.name == "upgrade"; });
  ASSERT_NE(upgrade, commands.end());
  ASSERT_EQ(upgrade->positionals.size(), 1u);
  EXPECT_EQ(upgrade->positionals[0].value, "TARGET");
  const auto backup = std::find_if(upgrade->options.begin(), upgrade->options.end(),
                                   [](const auto& o) { return o.names == std::vector<std::string>{"--backup"}; });
  ASSERT_NE(backup, upgrade->options.end());
  EXPECT_EQ(backup->value, "PATH");
  for (const auto& option : upgrade->options) EXPECT_NE(option.names.front(), "--help");
}

TEST(Reference, EveryShellCompletesEveryCommand) {
  for (const auto shell : {Shell::bash, Shell::zsh, Shell::fish}) {
    const auto script = completion_script(shell);
    for (const auto& command : command_table())
      EXPECT_NE(script.find(std::string(command.name)), std::string::npos) << command.name;
  }
  EXPECT_NE(completion_script(Shell::bash).find("complete -o filenames -F _strata strata\n"), std::string::npos);
  EXPECT_EQ(completion_script(Shell::zsh).rfind("#compdef strata\n", 0), 0u);
  EXPECT_NE(completion_script(Shell::fish).find("complete -c strata -f -n __fish_use_subcommand -a 'upgrade'"),
            std::string::npos);
}

TEST(Reference, UnknownShellIsAUsageError) {
  {
    const auto error = expect_error<UsageError>([&] { (void)parse_shell("tcsh"); }, ErrorCode::unknown_shell);
    EXPECT_STREQ(error.what(), "unknown shell 'tcsh'; use one of: bash, zsh, fish (e.g. 'strata completion bash')");
  }
}

}  // namespace
}  // namespace strata::cli
