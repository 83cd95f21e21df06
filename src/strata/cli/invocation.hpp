#pragma once
// Everything run_cli takes from the process: streams, terminal, environment, working directory. Passed in, so
// unit tests run commands in-process against string streams and a fake environment.
#include <filesystem>
#include <iosfwd>

#include "strata/config/env_expand.hpp"

namespace strata::cli {

struct Invocation {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;  // colour is decided for each stream on its own
  // The value of an environment variable, or nullopt when unset.
  config::Environment getenv;
  std::filesystem::path cwd;
};

}  // namespace strata::cli
