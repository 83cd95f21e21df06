#include "strata/config/resolve.hpp"

#include <system_error>

#include <fmt/format.h>

#include "strata/core/error.hpp"

namespace strata::config {
namespace fs = std::filesystem;

namespace {

// The default repository: the first of these folders that exists. The strata.toml's folder first, so that running
// from a subfolder of the project finds the project's migrations.
Setting<std::vector<fs::path>> default_repository(const Settings& settings, const fs::path& start) {
  std::error_code error;
  for (const auto& folder : {settings.root, start}) {
    if (folder.empty()) continue;
    const auto candidate = (folder / "migrations").lexically_normal();
    if (fs::is_directory(candidate, error)) return {{candidate}, {}};
  }
  return {{}, {}};
}

}  // namespace

Settings resolve(const Inputs& inputs) {
  const auto& command_line = inputs.command_line;
  const auto& working_directory = inputs.working_directory;
  const auto start = inputs.start.empty() ? working_directory : (working_directory / inputs.start).lexically_normal();
  Settings settings;
  if (!command_line.config_file.empty()) {
    std::error_code error;
    if (!fs::is_regular_file(working_directory / command_line.config_file, error))
      throw ConfigError(ErrorCode::config_not_found,
                        fmt::format("config file '{}' does not exist", command_line.config_file.string()));
    settings = load_config(command_line.config_file, inputs.environment, working_directory);
  } else if (const auto file = find_config_file(start)) {
    settings = load_config(*file, inputs.environment, working_directory);
  } else {
    settings = default_config(start);
  }
  settings.working_directory = working_directory;

  if (!command_line.dirs.empty()) {
    settings.repository_paths = {{}, Origin::from_command_line("-d")};
    for (const auto& dir : command_line.dirs)
      settings.repository_paths.value.push_back((working_directory / dir).lexically_normal());
  } else if (settings.repository_paths.origin.kind != Origin::Kind::file) {
    settings.repository_paths = default_repository(settings, start);
  }
  if (command_line.skip_unreadable) settings.skip_unreadable = {true, Origin::from_command_line("--skip-unreadable")};
  LockOverrides locks;
  if (command_line.lock_timeout)
    locks.lock_timeout =
        Setting<std::chrono::milliseconds>{*command_line.lock_timeout, Origin::from_command_line("--lock-timeout")};
  if (command_line.lock_mode)
    locks.lock_mode = Setting<LockMode>{*command_line.lock_mode, Origin::from_command_line("--lock-mode")};
  apply_lock_overrides(settings, locks);

  if (const auto url = inputs.environment("DATABASE_URL"); url && !url->empty())
    settings.database_url = Setting<std::string>{*url, Origin::from_environment("DATABASE_URL")};
  return settings;
}

void apply_lock_overrides(Settings& settings, const LockOverrides& overrides) {
  if (overrides.lock_timeout) {
    settings.lock_timeout = *overrides.lock_timeout;
    for (auto& database : settings.databases)
      if (database.lock_timeout) database.lock_timeout = settings.lock_timeout;
  }
  if (overrides.lock_mode) {
    settings.lock_mode = overrides.lock_mode;
    for (auto& database : settings.databases)
      if (database.lock_mode) database.lock_mode = settings.lock_mode;
  }
}

const std::vector<fs::path>& used_repository_paths(const Settings& settings) {
  if (settings.repository_paths.value.empty())
    throw UsageError(ErrorCode::no_repository,
                     "no migration repository found: pass -d DIR, set [repository] path in strata.toml, or run "
                     "'strata init' to create one");
  return settings.repository_paths.value;
}

}  // namespace strata::config
