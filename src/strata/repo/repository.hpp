#pragma once
// A repository: one or more locations (native folders or Alembic folders) read into files and one graph.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/core/problem.hpp"
#include "strata/graph/revision_graph.hpp"
#include "strata/repo/migration_file.hpp"

namespace strata::repo {

enum class Layout { native, alembic };

struct RepositoryOptions {
  std::vector<std::filesystem::path> locations;  // -d/--dir (repeatable) or [repository] path(s)
  bool skip_unreadable = false;                  // load Alembic fields that are not literals as empty, with a warning
  AlembicNames alembic_names;
  // What relative locations start from and what shown paths are relative to: the caller's working directory (the
  // library never reads the process's). Empty: locations are used as written.
  std::filesystem::path working_directory;
};

// Files read from disk, before the graph is built. `problems` lists every file that could not be parsed
// (and unreadable Alembic fields when not skipped); the files that parsed are kept, in load order.
struct Scan {
  std::vector<MigrationFile> files;
  std::vector<Problem> problems;
  std::vector<std::string> warnings;
  std::vector<Layout> layouts;                      // per location
  std::vector<std::filesystem::path> version_dirs;  // per location: where new revisions are written
};

// Detects each location's layout (a native folder; an Alembic `versions/` folder, or its parent holding env.py),
// scans sub-folders recursively, and parses every file. Load order: location order, then sorted relative path.
// A location that does not exist is a RepositoryError.
Scan scan_repository(const RepositoryOptions& options);

class Repository {
public:
  // Scans and builds the graph; throws RepositoryError / GraphError on the first problems found.
  static Repository load(const RepositoryOptions& options);

  const graph::RevisionGraph& graph() const noexcept { return m_graph; }
  // The file of a revision: same index as the graph.
  const MigrationFile& file(graph::RevIndex index) const { return m_files.at(index); }
  const std::vector<MigrationFile>& files() const noexcept { return m_files; }
  const std::vector<std::string>& warnings() const noexcept { return m_warnings; }
  const std::vector<Layout>& layouts() const noexcept { return m_layouts; }
  const std::vector<std::filesystem::path>& version_dirs() const noexcept { return m_version_dirs; }
  // RepositoryOptions::working_directory: what the files' paths (Revision::path) are shown relative to.
  const std::filesystem::path& working_directory() const noexcept { return m_working_directory; }

private:
  Repository(std::vector<MigrationFile> files, graph::RevisionGraph graph, Scan&& scan,
             std::filesystem::path working_directory);
  std::vector<MigrationFile> m_files;
  graph::RevisionGraph m_graph;
  std::vector<std::string> m_warnings;
  std::vector<Layout> m_layouts;
  std::vector<std::filesystem::path> m_version_dirs;
  std::filesystem::path m_working_directory;
};

}  // namespace strata::repo
