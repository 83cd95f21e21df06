#pragma once
// One setup function per command, each in its own file; command_table.cpp lists them. A command file keeps its own
// types and functions (Options, run...) in namespace <command>_command, so that the files still compile when the
// unity build puts several of them into one translation unit.
#include "strata/cli/command_table.hpp"

namespace strata::cli::commands {

Runner setup_init(CLI::App& app);
Runner setup_revision(CLI::App& app);
Runner setup_merge(CLI::App& app);
Runner setup_heads(CLI::App& app);
Runner setup_bases(CLI::App& app);
Runner setup_branches(CLI::App& app);
Runner setup_history(CLI::App& app);
Runner setup_show(CLI::App& app);
Runner setup_graph(CLI::App& app);
Runner setup_check(CLI::App& app);
Runner setup_plan(CLI::App& app);
Runner setup_squash(CLI::App& app);
Runner setup_report(CLI::App& app);
Runner setup_rebase(CLI::App& app);
Runner setup_lint(CLI::App& app);
Runner setup_config(CLI::App& app);
Runner setup_completion(CLI::App& app);
Runner setup_man_page(CLI::App& app);

}  // namespace strata::cli::commands
