#include "strata/cli/help.hpp"

#include <algorithm>

#include "strata/cli/command_table.hpp"

namespace strata::cli {

namespace {

struct OptionHelp {
  std::string_view names;
  std::string_view text;
};

// Keep in step with register_global_options in run_cli.cpp.
constexpr OptionHelp k_global_options[] = {
    {"-d, --dir DIR", "a migration folder, native or Alembic (repeat for several locations)"},
    {"--config FILE", "the strata.toml to read (default: the nearest one upwards from here)"},
    {"--skip-unreadable", "load Alembic fields that are not literals as empty, with a warning"},
    {"--json", "print machine-readable JSON on stdout"},
    {"--no-color", "never colour the output (NO_COLOR does the same)"},
    {"-v, --verbose", "print more detail"},
    {"--version", "print the version"},
    {"-h, --help", "show this help"},
};

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

std::string main_help() {
  std::string text =
      "strata: schema migrations for SQL databases, native SQL or Alembic folders\n"
      "\n"
      "usage: strata [OPTIONS] COMMAND [ARGS...]\n"
      "\n"
      "commands:\n";
  std::size_t width = 0;
  for (const auto& command : command_table()) width = std::max(width, command.name.size());
  for (const auto& command : command_table()) {
    text += "  " + padded(std::string(command.name), width + 2) + std::string(command.summary);
    for (const auto alias : command.aliases) text += " (alias: " + std::string(alias) + ")";
    text += '\n';
  }
  text += "\noptions:\n";
  width = 0;
  for (const auto& option : k_global_options) width = std::max(width, option.names.size());
  for (const auto& option : k_global_options)
    text += "  " + padded(std::string(option.names), width + 2) + std::string(option.text) + '\n';
  text += "\nRun 'strata COMMAND --help' for a command's own options.\n";
  return text;
}

}  // namespace strata::cli
