#pragma once
// Alembic's text formats for one revision (docs/revision-graph.md), shared by every command
// that prints revisions, so `heads`, `history`, `branches` and the engine's commands print the same lines.
#include <string>

#include "strata/cli/output.hpp"
#include "strata/graph/revision_graph.hpp"

namespace strata::cli {

struct LineParts {
  bool parents = false;      // "<parents> [(<deps>)] -> " before the id (history)
  bool labels = true;        // " (<labels>)" after the id
  bool head_marks = true;    // " (head)" or " (effective head)"
  bool tree_marks = false;   // " (branchpoint)", " (mergepoint)"
  bool message = false;      // ", <message>" at the end
};

// `<parents> -> <id> (labels) (head) (branchpoint) (mergepoint), <message>`, as chosen by `parts`.
std::string revision_line(const graph::RevisionGraph& graph, graph::RevIndex index, const LineParts& parts,
                          const Output& out);

// The multi-line verbose entry (revision-graph.md "Read-only listings"): Rev, Parent/Merges, Also depends on, Branches into, Branch names, Path,
// a blank line and the message indented by 4 spaces. Ends without a trailing newline.
std::string revision_entry(const graph::RevisionGraph& graph, graph::RevIndex index, const Output& out);

// `<base>` or the comma-joined parents.
std::string parents_text(const graph::RevisionGraph& graph, graph::RevIndex index);

}  // namespace strata::cli
