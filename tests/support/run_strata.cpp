#include "support/run_strata.hpp"

namespace strata::testing {

namespace fs = std::filesystem;

const fs::path& strata_binary() {
  static const fs::path binary{STRATA_BIN_PATH};
  return binary;
}

fs::path fixtures_dir() { return fs::path{STRATA_FIXTURES_DIR}; }

namespace {

// NO_COLOR removed unless the test sets it: colour is then decided by stdout being a pipe (or file), as for a user.
RunOptions without_no_color(const RunOptions& options) {
  RunOptions result = options;
  if (options.env.count("NO_COLOR") == 0) result.unset_env.emplace_back("NO_COLOR");
  return result;
}

}  // namespace

RunResult run_strata(const std::vector<std::string>& args, const RunOptions& options) {
  return run_program(strata_binary(), args, without_no_color(options));
}

StartedProgram start_strata(const std::vector<std::string>& args, const fs::path& output_file,
                            const RunOptions& options) {
  return StartedProgram(strata_binary(), args, output_file, without_no_color(options));
}

}  // namespace strata::testing
