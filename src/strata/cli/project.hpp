#pragma once
// The parts of strata.toml the command line uses, and where the file is.
#include <filesystem>
#include <optional>
#include <vector>

#include "strata/repo/migration_file.hpp"

namespace strata::cli {

inline constexpr const char* k_config_file_name = "strata.toml";

struct Project {
  std::filesystem::path file;                           // the strata.toml that was read
  std::vector<std::filesystem::path> repository_paths;  // [repository] path / paths, resolved against its folder
  repo::AlembicNames alembic_names;                     // [alembic.names]
};

// The nearest strata.toml in `start` or one of its parents.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Reads `file`; a ConfigError naming file:line when it is not valid.
Project load_project(const std::filesystem::path& file);

}  // namespace strata::cli
