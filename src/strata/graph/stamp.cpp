// Stamp (docs/revision-graph.md, "Stamp"). Alembic replaces "the rows related to each destination" one destination at a
// time, which crashes or silently loses a destination when several destinations relate to one row. strata computes the
// result at once: maximal(destinations ∪ rows related to no destination), and refuses the requests that have no clear
// answer.
#include <algorithm>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/target.hpp"

namespace strata::graph {

std::vector<RevIndex> plan_stamp(const RevisionGraph& graph, std::span<const RevIndex> applied,
                                 std::span<const std::string> destinations, bool purge) {
  detail::Queries queries(graph);
  const auto rows = purge ? std::vector<RevIndex>{} : graph.maximal(applied);
  std::vector<char> dropped(graph.size(), 0);
  std::vector<RevIndex> targets;
  for (const auto& destination : destinations) {
    const auto at = destination.rfind('@');
    const bool base = (at == std::string::npos ? destination : destination.substr(at + 1)) == "base";
    if (base && at != std::string::npos && at > 0) {
      // L@base: the rows on L's lineage, dependencies included, go.
      const auto branch = detail::resolve_branch(queries, destination.substr(0, at));
      for (const auto row : rows)
        if (queries.is_ancestor(row, branch) || queries.is_ancestor(branch, row)) dropped[row] = 1;
      continue;
    }
    const auto revisions = detail::get_revisions(queries, destination, destination);
    if (revisions.empty()) {
      for (const auto row : rows) dropped[row] = 1;
      continue;
    }
    for (const auto revision : revisions)
      if (std::find(targets.begin(), targets.end(), revision) == targets.end()) targets.push_back(revision);
  }
  for (const auto target : targets)
    for (const auto other : targets)
      if (other != target && queries.is_ancestor(target, other))
        throw GraphError(ErrorCode::ambiguous_stamp,
                         fmt::format("Can't stamp both {0} and {1}: {0} is an ancestor of {1}; stamp only the one you "
                                     "mean",
                                     graph.id(target), graph.id(other)),
                         {graph.id(target), graph.id(other)});

  std::vector<RevIndex> heads;
  for (const auto row : rows) {
    std::vector<RevIndex> related;
    bool downward = false;
    for (const auto target : targets) {
      const bool below = queries.is_ancestor(target, row);
      if (below || queries.is_ancestor(row, target)) {
        related.push_back(target);
        downward = downward || below;
      }
    }
    // Several destinations above one row are fine (`stamp heads` from a branch point); several that would each
    // replace the row by going down (or mixing directions) leave no single answer.
    if (related.size() > 1 && downward)
      throw GraphError(ErrorCode::ambiguous_stamp,
                       fmt::format("Ambiguous stamp: destinations {} are all related to the current head {}; stamp "
                                   "them one at a time, or use --purge",
                                   detail::join_ids(graph, related), graph.id(row)),
                       graph.ids(related));
    if (related.empty() && !dropped[row]) heads.push_back(row);
  }
  heads.insert(heads.end(), targets.begin(), targets.end());
  return graph.ancestors(graph.maximal(heads));
}

}  // namespace strata::graph
