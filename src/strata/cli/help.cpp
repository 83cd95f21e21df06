#include "strata/cli/help.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "strata/cli/command_table.hpp"
#include "strata/cli/reference.hpp"

namespace strata::cli {

namespace {

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
    text += fmt::format("  {}{}", padded(std::string(command.name), width + 2), command.summary);
    for (const auto alias : command.aliases) text += fmt::format(" (alias: {})", alias);
    text += '\n';
  }
  text += "\noptions:\n";
  std::vector<std::pair<std::string, std::string>> options;
  width = 0;
  for (const auto& option : global_option_reference()) {
    std::string names;
    for (const auto& name : option.names) names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
    if (!option.value.empty()) names += fmt::format(" {}", option.value);
    width = std::max(width, names.size());
    options.emplace_back(std::move(names), option.description);
  }
  for (const auto& [names, description] : options)
    text += fmt::format("  {}{}\n", padded(names, width + 2), description);
  text += "\nRun 'strata COMMAND --help' for a command's own options.\n";
  return text;
}

}  // namespace strata::cli
