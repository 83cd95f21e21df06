#include "strata/cli/project.hpp"

namespace strata::cli {

Project load_project(const std::filesystem::path& file, const config::Environment& environment) {
  return Project{.file = file, .config = config::load_config(file, environment)};
}

}  // namespace strata::cli
