#pragma once
// Options every command accepts, before or after the command name.
#include <string>
#include <vector>

namespace strata::cli {

struct GlobalOptions {
  std::vector<std::string> dirs;  // -d/--dir, repeatable: the repository's locations
  std::string config_file;        // --config FILE (default: strata.toml in the working directory or a parent)
  bool skip_unreadable = false;   // --skip-unreadable: load Alembic fields that are not literals as empty
  bool json = false;              // --json
  bool no_color = false;          // --no-color
  bool verbose = false;           // -v/--verbose
};

}  // namespace strata::cli
