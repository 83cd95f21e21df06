#include "strata/cli/run_cli.hpp"

namespace strata::cli {
int run_cli(const std::vector<std::string>&) { return 0; }
}  // namespace strata::cli
