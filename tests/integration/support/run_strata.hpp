#pragma once
// Runs the real `strata` binary as a child process and captures what it printed and how it exited.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace strata::testing {

struct RunResult {
  int exit_code = -1;  // the process's exit status; 128 + signal number when it was killed by a signal
  std::string out;
  std::string err;
  int pid = 0;  // the child's process id: strata names its PostgreSQL scratch databases after it
};

struct RunOptions {
  std::filesystem::path cwd = {};              // empty: the test's working directory
  std::map<std::string, std::string> env = {}; // set or override these variables
  std::vector<std::string> unset_env = {};     // remove these variables
};

// The binary this build produced ($<TARGET_FILE:strata>).
const std::filesystem::path& strata_binary();
// tests/fixtures in the source tree.
std::filesystem::path fixtures_dir();

// Runs `strata args...`. NO_COLOR is unset and stdout is a pipe, so the output has no colour unless a test asks.
RunResult run_strata(const std::vector<std::string>& args, const RunOptions& options = {});

// For failure messages: "exit 2\n--- stdout\n...\n--- stderr\n...".
std::string describe(const RunResult& result);

}  // namespace strata::testing
