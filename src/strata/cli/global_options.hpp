#pragma once
// Options every command accepts, before or after the command name.
#include <chrono>
#include <optional>
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
  // --lock-timeout, --lock-mode: declared by the commands that write (add_lock_options), but settings that
  // config::resolve applies like every other, so parse_command_line moves them here.
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<std::string> lock_mode;
};

}  // namespace strata::cli
