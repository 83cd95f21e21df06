#pragma once
// Runs a program with an explicit argv (no shell) and captures what it prints.
#include <string>
#include <vector>

namespace strata::util {

struct ProcessResult {
  bool started = false;  // false: the program could not be run (not found); `error` says why
  int exit_code = -1;    // exit status; 128 + signal when killed
  std::string out;
  std::string err;
  std::string error;
};

// argv[0] is looked up in PATH. stdin is /dev/null.
ProcessResult run_process(const std::vector<std::string>& argv);

}  // namespace strata::util
