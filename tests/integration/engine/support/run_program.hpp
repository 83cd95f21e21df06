#pragma once
// Runs any program (not only strata: the example programs) and captures its output and exit code, like
// run_strata does for the strata binary.
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_strata.hpp"

namespace strata::testing {

RunResult run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                      const RunOptions& options = {});

}  // namespace strata::testing
