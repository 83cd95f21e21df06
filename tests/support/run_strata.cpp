#include "support/run_strata.hpp"

namespace strata::testing {

namespace fs = std::filesystem;

const fs::path& strata_binary() {
  static const fs::path binary{STRATA_BIN_PATH};
  return binary;
}

fs::path fixtures_dir() { return fs::path{STRATA_FIXTURES_DIR}; }

RunResult run_strata(const std::vector<std::string>& args, const RunOptions& options) {
  // NO_COLOR removed unless the test sets it: colour is then decided by stdout being a pipe, as for a user.
  RunOptions without_no_color = options;
  if (options.env.count("NO_COLOR") == 0) without_no_color.unset_env.emplace_back("NO_COLOR");
  return run_program(strata_binary(), args, without_no_color);
}

}  // namespace strata::testing
