#pragma once
// The project's strata.toml, as the command line found and read it.
#include <filesystem>

#include "strata/config/config.hpp"

namespace strata::cli {

struct Project {
  std::filesystem::path file;  // the strata.toml that was read
  config::Config config;       // its values, each with its origin
};

// Reads `file` with `${VAR}` expansion from `environment`; a ConfigError naming file:line when it is not valid.
Project load_project(const std::filesystem::path& file, const config::Environment& environment);

}  // namespace strata::cli
