#pragma once
// A revision as read from a file: a value, knowing nothing of graphs or databases.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::graph {

// Index of a revision in a RevisionGraph: its position in load order (location order, then sorted relative path).
using RevIndex = std::uint32_t;

struct Revision {
  std::string id;
  std::vector<std::string> revises;        // parents (Alembic's down_revision), in file order
  std::vector<std::string> depends_on;     // full ids or branch labels, as written
  std::vector<std::string> branch_labels;  // labels declared on this revision
  std::string message;
  std::string path;  // the file, as shown to users (relative to the working directory when possible)
  int line = 0;      // line of the `revision` header in `path` (0 when unknown)
};

// Longest revision id accepted, in bytes.
constexpr std::size_t k_max_revision_id_length = 255;

// Why `id` cannot be a revision id, or nothing when it can. Ids are file names and words of the target grammar,
// so they hold ASCII letters, digits, '_' and '.' (not first), at most k_max_revision_id_length bytes; the
// message quotes the id escaped and shortened. Files, the command line and the graph all check ids here.
std::optional<std::string> revision_id_problem(std::string_view id);

}  // namespace strata::graph
