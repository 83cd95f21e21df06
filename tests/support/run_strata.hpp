#pragma once
// Runs the real `strata` binary as a child process (run_program) and captures what it printed and how it exited.
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_program.hpp"

namespace strata::testing {

// The binary this build produced ($<TARGET_FILE:strata>).
const std::filesystem::path& strata_binary();
// tests/fixtures in the source tree.
std::filesystem::path fixtures_dir();

// Runs `strata args...`. NO_COLOR is unset and stdout is a pipe, so the output has no colour unless a test asks.
RunResult run_strata(const std::vector<std::string>& args, const RunOptions& options = {});

}  // namespace strata::testing
