#pragma once
#include <string>
#include <vector>

#include "strata/cli/invocation.hpp"

namespace strata::cli {

// The one place that turns exceptions into messages and exit codes. `args` excludes the program name.
// Uses the process's stdout, stderr, environment and working directory.
int run_cli(const std::vector<std::string>& args);

// The same, with the process's side of things passed in (unit tests capture the streams).
int run_cli(const std::vector<std::string>& args, const Invocation& invocation);

}  // namespace strata::cli
