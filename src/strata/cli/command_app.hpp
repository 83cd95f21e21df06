#pragma once
// The CLI11 application with every command of the table registered: what the parser runs, and what the manual
// page and the shell completions are generated from, so the three cannot drift apart.
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "strata/cli/command_table.hpp"
#include "strata/cli/global_options.hpp"

namespace strata::cli {

struct CommandApp {
  CLI::App app;
  std::vector<CLI::App*> subcommands;  // in command-table order
  std::vector<Runner> runners;         // in command-table order
  bool help = false;                   // -h/--help was given
  bool version = false;                // --version was given
};

// Global options are parsed into `global`, which must outlive the result.
std::unique_ptr<CommandApp> build_command_app(GlobalOptions& global);

}  // namespace strata::cli
