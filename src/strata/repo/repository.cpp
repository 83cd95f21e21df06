#include "strata/repo/repository.hpp"

#include "strata/repo/scan_locations.hpp"

namespace strata::repo {

Scan scan_repository(const RepositoryOptions& options) {
  return detail::scan_locations(options, detail::ScanMode::collect);
}

Repository Repository::load(const RepositoryOptions& options) {
  auto scan = detail::scan_locations(options, detail::ScanMode::stop_at_first);
  std::vector<graph::Revision> revisions;
  revisions.reserve(scan.files.size());
  for (const auto& file : scan.files) revisions.push_back(file.revision);
  auto graph = graph::RevisionGraph::build(std::move(revisions));
  auto files = std::move(scan.files);
  return Repository(std::move(files), std::move(graph), std::move(scan), options.working_directory);
}

Repository::Repository(std::vector<MigrationFile> files, graph::RevisionGraph graph, Scan&& scan,
                       std::filesystem::path working_directory)
    : m_files(std::move(files)),
      m_graph(std::move(graph)),
      m_warnings(std::move(scan.warnings)),
      m_layouts(std::move(scan.layouts)),
      m_version_dirs(std::move(scan.version_dirs)),
      m_working_directory(std::move(working_directory)) {}

}  // namespace strata::repo
