#pragma once
// What a command runs with: its output, the global options, and the project, loaded lazily and at most once
// (run_cli loads up front what the command table says the command needs).
#include <filesystem>
#include <optional>
#include <vector>

#include "strata/cli/global_options.hpp"
#include "strata/cli/invocation.hpp"
#include "strata/cli/output.hpp"
#include "strata/config/config.hpp"
#include "strata/repo/repository.hpp"

namespace strata::cli {

class Context {
public:
  Context(const Invocation& invocation, const GlobalOptions& global, Output& out)
      : m_invocation(invocation), m_global(global), m_out(out) {}

  Output& out() noexcept { return m_out; }
  const GlobalOptions& global() const noexcept { return m_global; }
  const Invocation& invocation() const noexcept { return m_invocation; }

  // strata.toml + environment + command line, resolved once by config::resolve (the rules are there and in
  // docs/configuration.md). settings().file is empty when there is no strata.toml.
  const config::Settings& settings();
  // The repository's locations and reading options, from settings(). A UsageError saying what to do when none is
  // found.
  const repo::RepositoryOptions& repository_options();
  // Scans and builds the graph once; prints the scan's warnings (--skip-unreadable) on stderr.
  const repo::Repository& repository();
  // Scans without building (for `check`, which lists every problem instead of stopping at the first).
  repo::Scan scan();

private:
  const Invocation& m_invocation;
  const GlobalOptions& m_global;
  Output& m_out;
  std::optional<config::Settings> m_settings;
  std::optional<repo::RepositoryOptions> m_repository_options;
  std::optional<repo::Repository> m_repository;
};

}  // namespace strata::cli
