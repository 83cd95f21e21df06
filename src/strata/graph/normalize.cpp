// revision-graph.md "Normalised parents": normalised dependencies and down revisions. A dependency D of R is dropped
// when an ancestor of R along `revises` edges also depends on D (the ancestor already brings D in). Unlike Alembic,
// which keeps the surviving dependencies in a Python set (so their order varies from run to run), strata keeps them in
// file order.
#include <algorithm>
#include <vector>

#include "strata/graph/ancestry.hpp"
#include "strata/graph/graph_data.hpp"

namespace strata::graph::detail {

void normalize_dependencies(GraphData& data) {
  const auto n = static_cast<RevIndex>(data.revisions.size());
  // users[D]: the revisions that depend on D. Only they can make a dependency on D redundant, so each check looks
  // at a handful of candidates instead of every ancestor of R.
  Adjacency users(n);
  for (RevIndex node = 0; node < n; ++node)
    for (const auto dependency : data.dependencies[node]) users[dependency].push_back(node);

  Ancestry versioned(data.parents, data.versioned_forest, data.rank);
  data.normalized_down.assign(n, {});
  data.normalized_up.assign(n, {});
  for (RevIndex node = 0; node < n; ++node) {
    auto& down = data.normalized_down[node];
    down = data.parents[node];
    for (const auto dependency : data.dependencies[node]) {
      const bool inherited = std::any_of(users[dependency].begin(), users[dependency].end(), [&](RevIndex user) {
        return user != node && versioned.is_ancestor(user, node);
      });
      if (!inherited && std::find(down.begin(), down.end(), dependency) == down.end()) down.push_back(dependency);
    }
    for (const auto parent : down) data.normalized_up[parent].push_back(node);
  }
}

}  // namespace strata::graph::detail
