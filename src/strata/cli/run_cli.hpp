#pragma once
#include <string>
#include <vector>

namespace strata::cli {

// The one place that turns exceptions into messages and exit codes. `args` excludes the program name.
int run_cli(const std::vector<std::string>& args);

}  // namespace strata::cli
