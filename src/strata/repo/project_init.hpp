#pragma once
// `strata init`: a new project's strata.toml and migrations folder.
#include <filesystem>
#include <string>

namespace strata::repo {

struct InitResult {
  std::filesystem::path config_file;     // <dir>/strata.toml
  std::filesystem::path migrations_dir;  // <dir>/migrations
  bool created_migrations_dir = false;   // false: the folder existed and was kept as it is
};

// The strata.toml that init writes: the repository at migrations/, one SQLite database next to the project.
std::string default_config_text();

// Creates `dir` if needed, then strata.toml and migrations/. Refuses, changing nothing, when strata.toml exists
// (UsageError, code "already_initialized") or when `migrations` exists and is not a folder (RepositoryError).
// Messages show paths relative to `working_directory`.
InitResult init_project(const std::filesystem::path& dir, const std::filesystem::path& working_directory);

}  // namespace strata::repo
