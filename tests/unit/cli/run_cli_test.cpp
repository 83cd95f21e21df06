#include "strata/cli/run_cli.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "strata/cli/command_table.hpp"

namespace strata::cli {
namespace {

struct Captured {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs the CLI in-process against string streams, a fake environment and a folder without any repository.
// `terminal`: both streams are terminals, unless `err_terminal` says otherwise for stderr.
Captured run(const std::vector<std::string>& args, bool terminal = false,
             std::map<std::string, std::string, std::less<>> env = {}, std::optional<bool> err_terminal = {}) {
  std::ostringstream out;
  std::ostringstream err;
  const Invocation invocation{
      .out = out,
      .err = err,
      .out_is_terminal = terminal,
      .err_is_terminal = err_terminal.value_or(terminal),
      .getenv = [env](std::string_view name) -> std::optional<std::string> {
        const auto found = env.find(name);
        if (found == env.end()) return std::nullopt;
        return found->second;
      },
      .cwd = std::filesystem::path("/"),
  };
  Captured captured;
  captured.code = run_cli(args, invocation);
  captured.out = out.str();
  captured.err = err.str();
  return captured;
}

TEST(RunCli, HelpListsEveryCommandFromTheTable) {
  const auto result = run({"--help"});
  EXPECT_EQ(result.code, 0);
  for (const auto& command : command_table()) {
    EXPECT_NE(result.out.find("  " + std::string(command.name) + " "), std::string::npos) << command.name;
    EXPECT_NE(result.out.find(std::string(command.summary)), std::string::npos) << command.name;
  }
  EXPECT_NE(result.out.find("--skip-unreadable"), std::string::npos);
}

TEST(RunCli, NoArgumentsPrintsHelpAndExitsWithUsage) {
  const auto result = run({});
  EXPECT_EQ(result.code, 2);
  EXPECT_NE(result.out.find("usage: strata [OPTIONS] COMMAND"), std::string::npos);
}

TEST(RunCli, Version) {
  const auto result = run({"--version"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out.rfind("strata ", 0), 0u) << result.out;
}

TEST(RunCli, UsageErrorsGoToStderrWithExitCode2) {
  const auto result = run({"hedas"});
  EXPECT_EQ(result.code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: unknown command 'hedas'; did you mean 'heads'?\n");
}

TEST(RunCli, JsonErrorsGoToStdout) {
  const auto result = run({"--json", "hedas"});
  EXPECT_EQ(result.code, 2);
  EXPECT_EQ(result.err, "");
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(
      document,
      (nlohmann::json{
          {"error", {{"code", "unknown_command"}, {"message", "unknown command 'hedas'; did you mean 'heads'?"}}}}));
}

TEST(RunCli, ColourOnlyOnATerminalWithoutNoColor) {
  EXPECT_EQ(run({"hedas"}, true).err, "\x1b[1;31merror:\x1b[0m unknown command 'hedas'; did you mean 'heads'?\n");
  EXPECT_EQ(run({"hedas"}, true, {{"NO_COLOR", "1"}}).err, "error: unknown command 'hedas'; did you mean 'heads'?\n");
  EXPECT_EQ(run({"hedas", "--no-color"}, true).err, "error: unknown command 'hedas'; did you mean 'heads'?\n");
  EXPECT_EQ(run({"hedas"}, true, {{"NO_COLOR", ""}}).err,
            "\x1b[1;31merror:\x1b[0m unknown command 'hedas'; did you mean 'heads'?\n");
  EXPECT_EQ(run({"hedas"}, false).err, "error: unknown command 'hedas'; did you mean 'heads'?\n");
}

TEST(RunCli, ColourFollowsEachStream) {
  // `strata hedas 2>err.log` on a terminal: the file gets no escape codes.
  EXPECT_EQ(run({"hedas"}, true, {}, false).err, "error: unknown command 'hedas'; did you mean 'heads'?\n");
  // `strata hedas | less` with stderr on the terminal: the error is still coloured.
  EXPECT_EQ(run({"hedas"}, false, {}, true).err,
            "\x1b[1;31merror:\x1b[0m unknown command 'hedas'; did you mean 'heads'?\n");
}

TEST(RunCli, MissingRepositorySaysWhatToDo) {
  const auto result = run({"heads"});
  EXPECT_EQ(result.code, 2);
  EXPECT_EQ(result.err,
            "error: no migration repository found: pass -d DIR, set [repository] path in strata.toml, or run "
            "'strata init' to create one\n");
}

}  // namespace
}  // namespace strata::cli
