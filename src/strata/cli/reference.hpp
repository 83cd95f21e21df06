#pragma once
// The manual page and the shell completions, generated from the same CLI11 application the parser uses, so a
// new command or option appears in `strata.1` and in every shell's completion without being written twice.
#include <string>
#include <string_view>
#include <vector>

namespace strata::cli {

struct OptionReference {
  std::vector<std::string> names;  // "-d", "--dir"; empty for a positional argument
  std::string value;               // "DIR", "TARGET"; empty for a flag
  std::string description;
};

struct CommandReference {
  std::string name;
  std::vector<std::string> aliases;
  std::string summary;
  std::vector<OptionReference> positionals;
  std::vector<OptionReference> options;  // without -h/--help, which every command has
};

std::vector<OptionReference> global_option_reference();
std::vector<CommandReference> command_reference();

// roff source of strata(1): one subsection per command.
std::string man_page(std::string_view version);

enum class Shell { bash, zsh, fish };
// A script that completes command names and each command's options; throws UsageError for an unknown shell name.
Shell parse_shell(std::string_view name);
std::string completion_script(Shell shell);

}  // namespace strata::cli
