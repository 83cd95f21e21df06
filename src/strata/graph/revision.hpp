#pragma once
// A revision as read from a file: a value, knowing nothing of graphs or databases.
#include <cstdint>
#include <string>
#include <vector>

namespace strata::graph {

// Index of a revision in a RevisionGraph: its position in load order (location order, then sorted relative path).
using RevIndex = std::uint32_t;

struct Revision {
  std::string id;
  std::vector<std::string> revises;        // parents (Alembic's down_revision), in file order
  std::vector<std::string> depends_on;     // full ids or branch labels, as written
  std::vector<std::string> branch_labels;  // labels declared on this revision
  std::vector<std::string> replaces;       // a squash: the run of revisions it stands in for, oldest first
  std::string message;
  std::string path;  // the file, as shown to users (relative to the working directory when possible)
  int line = 0;      // line of the `revision` header in `path` (0 when unknown)
};

}  // namespace strata::graph
