#pragma once
// The command table (style habit 2): every command is one entry. Help is generated from it, an unknown command
// is matched against it for "did you mean", and run_cli loads only what the entry says it needs.
//
// Adding a command: write commands/<name>.cpp with `Runner setup_<name>(CLI::App&)` (register options, return
// the function that runs with the parsed values), declare it in commands/commands.hpp, add one line to the table
// in command_table.cpp and the file to CMakeLists.txt.
#include <functional>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace strata::cli {

class Context;

// How far run_cli loads before calling the command; the command may still ask its Context for more.
enum class Needs {
  nothing,     // init, help
  config,      // strata.toml if there is one
  repository,  // the migration repository's locations (discovered before the command runs)
  database,    // a database URL as well (engine commands)
};

// Runs a command whose options have been parsed; returns the exit code (0, or 1 when a check found problems).
using Runner = std::function<int(Context&)>;
// Registers a command's options and arguments on its sub-app and returns its runner, which reads them.
using Setup = Runner (*)(CLI::App& app);

struct CommandInfo {
  std::string_view name;
  std::vector<std::string_view> aliases;
  std::string_view summary;  // one line, shown by `strata --help`
  Needs needs;
  Setup setup;
};

const std::vector<CommandInfo>& command_table();

}  // namespace strata::cli
