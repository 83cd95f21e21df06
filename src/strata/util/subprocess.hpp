#pragma once
// Running a program with an explicit argv (no shell): its standard input given as text, its standard output and
// error captured. Input and output are pumped together, so a child that writes while it reads never blocks.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace strata::util {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when the child was killed by a signal
  std::string out;
  std::string err;
};

// Throws std::system_error when the program cannot be started (not found, not executable).
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          std::string_view input = {});

}  // namespace strata::util
