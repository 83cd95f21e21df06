#include "strata/cli/context.hpp"

#include <system_error>

#include "strata/core/error.hpp"

namespace strata::cli {

namespace fs = std::filesystem;

namespace {

// Default location when neither -d nor strata.toml names one: what `strata init` creates.
constexpr const char* k_default_location = "migrations";

const char* k_no_repository_message =
    "no migration repository found: pass -d DIR, set [repository] path in strata.toml, or run 'strata init' "
    "to create one";

}  // namespace

const Project* Context::project() {
  if (!m_project_loaded) {
    m_project_loaded = true;
    if (!m_global.config_file.empty()) {
      const fs::path file = m_invocation.cwd / m_global.config_file;
      std::error_code error;
      if (!fs::is_regular_file(file, error))
        throw ConfigError(ErrorCode::config_not_found, "config file '" + m_global.config_file + "' does not exist");
      m_project = load_project(file, m_invocation.getenv);
    } else if (const auto file = config::find_config_file(m_invocation.cwd)) {
      m_project = load_project(*file, m_invocation.getenv);
    }
  }
  return m_project ? &*m_project : nullptr;
}

const repo::RepositoryOptions& Context::repository_options() {
  if (m_repository_options) return *m_repository_options;
  repo::RepositoryOptions options;
  options.skip_unreadable = m_global.skip_unreadable;
  const Project* settings = project();
  if (settings != nullptr) {
    options.alembic_names = settings->config.alembic_name_values();
    options.skip_unreadable = options.skip_unreadable || settings->config.skip_unreadable.value;
  }
  // strata.toml's [repository] counts when the file sets it; its default (<root>/migrations) only when it exists.
  const auto from_config = [&]() -> std::vector<fs::path> {
    if (settings == nullptr) return {};
    const auto& paths = settings->config.repository_paths;
    if (paths.origin.kind == config::Origin::Kind::file) return paths.value;
    std::vector<fs::path> existing;
    std::error_code error;
    for (const auto& path : paths.value)
      if (fs::is_directory(path, error)) existing.push_back(path);
    return existing;
  }();
  if (!m_global.dirs.empty()) {
    for (const auto& dir : m_global.dirs) options.locations.emplace_back(dir);
  } else if (!from_config.empty()) {
    options.locations = from_config;
  } else {
    std::error_code error;
    if (!fs::is_directory(m_invocation.cwd / k_default_location, error))
      throw UsageError(ErrorCode::no_repository, k_no_repository_message);
    options.locations.emplace_back(k_default_location);
  }
  m_repository_options = std::move(options);
  return *m_repository_options;
}

const repo::Repository& Context::repository() {
  if (!m_repository) {
    m_repository.emplace(repo::Repository::load(repository_options()));
    for (const auto& warning : m_repository->warnings()) m_out.warning(warning);
  }
  return *m_repository;
}

repo::Scan Context::scan() {
  auto scan = repo::scan_repository(repository_options());
  for (const auto& warning : scan.warnings) m_out.warning(warning);
  return scan;
}

}  // namespace strata::cli
