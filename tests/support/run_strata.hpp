#pragma once
// Runs the real `strata` binary as a child process (run_program) and captures what it printed and how it exited,
// or starts it and lets it run (StartedProgram).
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
// Starts `strata args...` without waiting for it (StartedProgram), its output going to `output_file`; NO_COLOR as
// for run_strata.
StartedProgram start_strata(const std::vector<std::string>& args, const std::filesystem::path& output_file,
                            const RunOptions& options = {});

}  // namespace strata::testing
