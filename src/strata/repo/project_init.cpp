#include "strata/repo/project_init.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/new_file.hpp"

namespace strata::repo {

std::string default_config_text() {
  return "# strata project configuration.\n"
         "\n"
         "[repository]\n"
         "# Folder(s) of migration files, relative to this file. Several: paths = [\"a\", \"b\"].\n"
         "path = \"migrations\"\n"
         "\n"
         "[databases.default]\n"
         "# sqlite:FILE, or postgresql://user@host/db; ${VAR} and ${VAR:-default} read the environment.\n"
         "url = \"sqlite:strata.db\"\n";
}

InitResult init_project(const std::filesystem::path& dir, const std::filesystem::path& working_directory) {
  const auto project = working_directory / dir;
  InitResult result{project / "strata.toml", project / "migrations", false};
  std::error_code error;
  if (std::filesystem::exists(result.config_file, error))
    throw UsageError(ErrorCode::already_initialized,
                     util::display_path(result.config_file, working_directory) +
                         " already exists; this project is initialised (strata init never overwrites it)");
  if (std::filesystem::exists(result.migrations_dir, error) &&
      !std::filesystem::is_directory(result.migrations_dir, error))
    throw RepositoryError(ErrorCode::file_exists, util::display_path(result.migrations_dir, working_directory), 0,
                          "exists and is not a folder; move it away and run strata init again");
  std::filesystem::create_directories(project, error);
  if (error)
    throw RepositoryError(ErrorCode::write_error, util::display_path(project, working_directory), 0,
                          fmt::format("cannot create the folder: {}", error.message()));
  result.created_migrations_dir = std::filesystem::create_directory(result.migrations_dir, error);
  if (error)
    throw RepositoryError(ErrorCode::write_error, util::display_path(result.migrations_dir, working_directory), 0,
                          fmt::format("cannot create the folder: {}", error.message()));
  write_new_file(result.config_file, default_config_text(), working_directory);
  return result;
}

}  // namespace strata::repo
