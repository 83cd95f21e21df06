#pragma once
// `${VAR}` and `${VAR:-default}` in strata.toml's strings: the one expansion (docs/configuration.md has the rules).
// The environment is passed in, never read from a global, so parsing is pure and tests choose the variables.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::config {

// Looks a variable up: its value, or nothing when it is unset. The one type for an environment: the command line
// passes the process's (cli/run_cli.cpp), the public library its caller's map.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

// An environment from a fixed list, for tests and for the public library.
Environment fixed_environment(std::vector<std::pair<std::string, std::string>> variables);

struct Expansion {
  std::string value;
  std::vector<std::string> variables;  // the variables that were read, in order of appearance
  std::string unset;                   // a variable without default that is not set (value is then meaningless)
  std::string syntax_error;            // e.g. an unclosed `${`, described for a message
};

// Replaces every `${NAME}` and `${NAME:-default}` (the default is used when NAME is unset or empty, as in the
// shell). A `$` not followed by `{` is kept, so passwords with `$` in them need no escaping.
Expansion expand_variables(std::string_view text, const Environment& environment);

}  // namespace strata::config
