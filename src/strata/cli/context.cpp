#include "strata/cli/context.hpp"

#include <system_error>

#include "strata/config/resolve.hpp"
#include "strata/core/error.hpp"

namespace strata::cli {

const config::Settings& Context::settings() {
  if (!m_settings) {
    config::Inputs inputs;
    inputs.working_directory = m_invocation.cwd;
    inputs.environment = m_invocation.getenv;
    inputs.command_line.config_file = m_global.config_file;
    for (const auto& dir : m_global.dirs) inputs.command_line.dirs.emplace_back(dir);
    inputs.command_line.skip_unreadable = m_global.skip_unreadable;
    inputs.command_line.lock_timeout = m_global.lock_timeout;
    if (m_global.lock_mode)
      inputs.command_line.lock_mode =
          *m_global.lock_mode == "transaction" ? config::LockMode::transaction : config::LockMode::session;
    m_settings = config::resolve(inputs);
  }
  return *m_settings;
}

const repo::RepositoryOptions& Context::repository_options() {
  if (m_repository_options) return *m_repository_options;
  const auto& resolved = settings();
  repo::RepositoryOptions options;
  options.locations = config::used_repository_paths(resolved);
  options.skip_unreadable = resolved.skip_unreadable.value;
  options.alembic_names = resolved.alembic_name_values();
  options.working_directory = m_invocation.cwd;
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
