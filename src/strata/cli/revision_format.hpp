#pragma once
// Alembic's text formats for one revision (docs/revision-graph.md), shared by every command
// that prints revisions, so `heads`, `history`, `branches` and the engine's commands print the same lines.
#include <string>

#include "strata/cli/output.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/revision_graph.hpp"

namespace strata::cli {

struct LineParts {
  bool parents = false;     // "<parents> [(<deps>)] -> " before the id (history)
  bool labels = true;       // " (<labels>)" after the id
  bool head_marks = true;   // " (head)" or " (effective head)"
  bool tree_marks = false;  // " (branchpoint)", " (mergepoint)"
  bool message = false;     // ", <message>" at the end
};

// `<parents> -> <id> (labels) (head) (branchpoint) (mergepoint) (replaces …), <message>`, as chosen by `parts`
// (the squash mark goes with the labels).
std::string revision_line(const graph::RevisionGraph& graph, graph::RevIndex index, const LineParts& parts,
                          const Output& out);

// The multi-line verbose entry (revision-graph.md "Read-only listings"): Rev, Parent/Merges, Also depends on,
// Replaces / Replaced by, Branches into, Branch names, Path,
// a blank line and the message indented by 4 spaces. Ends without a trailing newline.
std::string revision_entry(const graph::RevisionGraph& graph, graph::RevIndex index, const Output& out);

// " (replaces a, b)" for a squash, " (replaced by s)" for a revision a squash replaces, else empty.
std::string squash_mark(const graph::RevisionGraph& graph, graph::RevIndex index, const Output& out);

// Revision ids joined with ", ", each squash followed by " (replaces …)" (ids the graph lacks are shown as they are).
std::string ids_with_squash_marks(const graph::RevisionGraph& graph, const std::vector<std::string>& ids,
                                  const Output& out);

// How a plan step is shown: "up", "down", or "record" (a squash recorded without running, every revision it
// replaces being applied).
std::string step_name(const graph::Step& step);

// `<base>` or the comma-joined parents.
std::string parents_text(const graph::RevisionGraph& graph, graph::RevIndex index);

}  // namespace strata::cli
