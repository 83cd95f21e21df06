#pragma once
// Runs a program as a child process and captures how it exited and what it printed: any program (the example
// programs, git, sqlite3), and through run_strata.hpp the strata binary this build produced.
#include <filesystem>
#include <map>
#include <optional>
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
  std::filesystem::path cwd = {};               // empty: the test's working directory
  std::map<std::string, std::string> env = {};  // set or override these variables
  std::vector<std::string> unset_env = {};      // remove these variables
  std::optional<std::string> stdin_text = {};   // nothing: stdin is /dev/null
};

// Runs `program args...` (a path; a bare name is looked up in $PATH) and waits for it. Both output streams are
// read while it runs, so a child that prints a lot never blocks. Throws std::runtime_error when it cannot start.
RunResult run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                      const RunOptions& options = {});

// For failure messages: "exit 2\n--- stdout\n...\n--- stderr\n...".
std::string describe(const RunResult& result);

}  // namespace strata::testing
