#include "strata/cli/command_line.hpp"

#include <algorithm>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/command_app.hpp"
#include "strata/config/duration.hpp"
#include "strata/core/error.hpp"
#include "strata/util/edit_distance.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::cli {

namespace {

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& command : command_table()) {
    names.emplace_back(command.name);
    for (const auto alias : command.aliases) names.emplace_back(alias);
  }
  return names;
}

bool one_transposition_apart(std::string_view word, std::string_view candidate) {
  if (word.size() != candidate.size()) return false;
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    if (word[i] == candidate[i]) continue;
    std::string swapped(word);
    std::swap(swapped[i], swapped[i + 1]);
    return swapped == candidate;
  }
  return false;
}

// util::closest_match first; then the typos it counts as two edits (two swapped letters, "hedas"), and a
// prefix of a command ("hist").
std::optional<std::string> suggest_command(const std::string& word) {
  const auto names = command_names();
  if (auto match = util::closest_match(word, names)) return match;
  for (const auto& name : names)
    if (one_transposition_apart(word, name)) return name;
  for (const auto& name : names)
    if (word.size() >= 3 && name.starts_with(word)) return name;
  return std::nullopt;
}

[[noreturn]] void unknown_command(const std::string& word) {
  std::string message = fmt::format("unknown command '{}'", util::excerpt(word));
  if (const auto match = suggest_command(word)) message += fmt::format("; did you mean '{}'?", *match);
  else message += "; run 'strata --help' for the list of commands";
  throw UsageError(ErrorCode::unknown_command, message);
}

constexpr std::size_t k_cli_message_length = 200;

std::string usage_hint(const CommandInfo* command) {
  if (command == nullptr) return "run 'strata --help' for usage";
  return fmt::format("run 'strata {} --help' for usage", command->name);
}

// CLI11's message (lower-cased at the start unless it begins with a name such as REV) and a pointer to --help.
// CLI11 quotes arguments whole, so the message is cut to a short excerpt.
std::string parse_error_text(const CLI::ParseError& error, const CommandInfo* command) {
  std::string text = util::excerpt(error.what(), k_cli_message_length);
  const auto lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
  if (text.size() > 1 && lower(text[1])) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return fmt::format("{}; {}", text, usage_hint(command));
}

}  // namespace

ParsedCommandLine parse_command_line(const std::vector<std::string>& args) {
  ParsedCommandLine parsed;
  parsed.no_arguments = args.empty();
  const auto built = build_command_app(parsed.global);
  CLI::App& app = built->app;
  const bool& help = built->help;
  const bool& version = built->version;
  const auto& table = command_table();
  auto& subcommands = built->subcommands;
  auto& runners = built->runners;
  const auto chosen = [&]() -> std::size_t {
    for (std::size_t i = 0; i < subcommands.size(); ++i)
      if (subcommands[i]->parsed()) return i;
    return subcommands.size();
  };

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    const auto index = chosen();
    if (index == subcommands.size()) {
      parsed.action = ParsedCommandLine::Action::main_help;
      return parsed;
    }
    parsed.action = ParsedCommandLine::Action::command_help;
    parsed.command = &table[index];
    parsed.help = subcommands[index]->help();
    return parsed;
  } catch (const CLI::ParseError& error) {
    const auto index = chosen();
    throw UsageError(ErrorCode::usage, parse_error_text(error, index == subcommands.size() ? nullptr : &table[index]));
  }

  const auto index = chosen();
  const auto remaining = app.remaining();
  if (index == subcommands.size()) {
    for (const auto& word : remaining)
      if (word.empty() || word[0] != '-') unknown_command(word);
    if (!remaining.empty())
      throw UsageError(ErrorCode::usage,
                       fmt::format("unknown option '{}'; {}", util::excerpt(remaining.front()), usage_hint(nullptr)));
    parsed.action = version ? ParsedCommandLine::Action::version : ParsedCommandLine::Action::main_help;
    return parsed;
  }
  parsed.command = &table[index];
  if (!remaining.empty()) {
    const auto& word = remaining.front();
    const bool option = !word.empty() && word[0] == '-';
    throw UsageError(ErrorCode::usage,
                     fmt::format("{} '{}' for 'strata {}'; {}", option ? "unknown option" : "unexpected argument",
                                 util::excerpt(word), parsed.command->name, usage_hint(parsed.command)));
  }
  if (help) {
    parsed.action = ParsedCommandLine::Action::command_help;
    parsed.help = subcommands[index]->help();
    return parsed;
  }
  // The lock options are settings (config::resolve applies them), whichever command declares them; their text was
  // checked when it was parsed.
  if (const auto* option = subcommands[index]->get_option_no_throw("--lock-timeout"); option && option->count() > 0)
    parsed.global.lock_timeout = config::parse_lock_timeout(option->as<std::string>());
  if (const auto* option = subcommands[index]->get_option_no_throw("--lock-mode"); option && option->count() > 0)
    parsed.global.lock_mode = option->as<std::string>();
  parsed.action = ParsedCommandLine::Action::run;
  parsed.runner = std::move(runners[index]);
  return parsed;
}

}  // namespace strata::cli
