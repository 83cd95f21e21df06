#pragma once
// Parsing the command line with CLI11: global options, then the chosen command's own options.
#include <optional>
#include <string>
#include <vector>

#include "strata/cli/command_table.hpp"
#include "strata/cli/global_options.hpp"

namespace strata::cli {

struct ParsedCommandLine {
  enum class Action { run, main_help, command_help, version };
  Action action = Action::main_help;
  GlobalOptions global;
  const CommandInfo* command = nullptr;  // Action::run and Action::command_help
  Runner runner;                         // Action::run: reads the parsed option values
  std::string help;                      // Action::command_help: the command's --help text
  bool no_arguments = false;             // nothing at all was given
};

// Throws UsageError for bad arguments, an unknown command (with a "did you mean" suggestion) or an unknown option.
ParsedCommandLine parse_command_line(const std::vector<std::string>& args);

}  // namespace strata::cli
