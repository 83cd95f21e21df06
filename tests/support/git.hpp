#pragma once
// Runs git for tests that need a real work tree (check --against, lint --against, rebase).
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_program.hpp"

namespace strata::testing {

// `git args...` in the work tree `dir` (git -C), as a fixed author and with `main` as the first branch, so commits
// work on any machine.
RunResult run_git(const std::filesystem::path& dir, const std::vector<std::string>& args);

}  // namespace strata::testing
