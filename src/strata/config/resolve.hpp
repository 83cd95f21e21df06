#pragma once
// The one place the settings are computed: strata.toml + environment + command line -> Settings, each value with
// its origin. The command line (cli/context.cpp) and the public library (strata::Project::open) both call resolve();
// neither reads strata.toml on its own. Precedence: command line > environment > strata.toml > default.
#include <chrono>
#include <filesystem>
#include <optional>
#include <vector>

#include "strata/config/config.hpp"

namespace strata::config {

// What the command line says about the settings (the public library passes only config_file, for a strata.toml
// path given to Project::open).
struct CommandLine {
  std::filesystem::path config_file;        // --config FILE; empty: look for strata.toml
  std::vector<std::filesystem::path> dirs;  // -d DIR, repeatable: the repository's locations
  bool skip_unreadable = false;             // --skip-unreadable
  // --lock-timeout, --lock-mode (commands that write): they beat strata.toml's values, [databases.NAME] ones too.
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<LockMode> lock_mode;
};

struct Inputs {
  std::filesystem::path working_directory;  // absolute; the caller's, never read here
  // Where the search for strata.toml and the default repository start; empty: the working directory. (The public
  // library's Project::open(folder) starts there; messages still show paths relative to the working directory.)
  std::filesystem::path start;
  Environment environment;  // ${VAR} in strata.toml, and $DATABASE_URL
  CommandLine command_line;
};

// strata.toml: --config FILE (relative to the working directory; a ConfigError when it does not exist), else the
// nearest strata.toml in the start folder or a parent, else none (every value its default).
// The repository: -d DIR..., else strata.toml's [repository] path(s), else <strata.toml's folder>/migrations, else
// <start folder>/migrations, the first that exists; else none (used_repository_paths says what to do).
// $DATABASE_URL, when set and not empty, becomes Settings::database_url.
// Throws ConfigError naming file:line for an invalid strata.toml or a ${VAR} that is not set.
Settings resolve(const Inputs& inputs);

// Lock options given by the caller: the command line's --lock-timeout and --lock-mode, or a library call's
// lock_timeout (the public library's options play the command line's part). Each one given beats strata.toml's
// top-level value and the [databases.NAME] ones, and keeps `origin`. resolve() applies the command line's.
struct LockOverrides {
  std::optional<Setting<std::chrono::milliseconds>> lock_timeout;
  std::optional<Setting<LockMode>> lock_mode;
};
void apply_lock_overrides(Settings& settings, const LockOverrides& overrides);

// The repository's locations; a UsageError saying how to name one when resolve() found none.
const std::vector<std::filesystem::path>& used_repository_paths(const Settings& settings);

}  // namespace strata::config
