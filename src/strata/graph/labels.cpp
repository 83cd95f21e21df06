// Branch-label propagation (docs/revision-graph.md, "Branch labels"). A label reaches every descendant (along
// `revises`) of the revision declaring it, and its ancestors too while the labelled line is one simple chain (Alembic
// walks down from the last descendant it visited, which reaches below the declaring revision only in that case).
#include <algorithm>
#include <vector>

#include "strata/graph/graph_data.hpp"

namespace strata::graph::detail {
namespace {

bool is_chain_link(const GraphData& data, RevIndex node) {
  return data.dependents[node].size() < 2 && data.parents[node].size() < 2;
}

}  // namespace

void propagate_labels(GraphData& data) {
  const auto n = static_cast<RevIndex>(data.revisions.size());
  data.labels.assign(n, {});
  std::vector<char> seen(n, 0);
  std::vector<RevIndex> stack, visited;
  for (RevIndex declaring = 0; declaring < n; ++declaring) {
    const auto& declared = data.revisions[declaring].branch_labels;
    if (declared.empty()) continue;
    auto label = [&](RevIndex node) {
      auto& labels = data.labels[node];
      labels.insert(labels.end(), declared.begin(), declared.end());
    };
    // Descendants, including the declaring revision.
    visited.clear();
    stack.assign(1, declaring);
    seen[declaring] = 1;
    bool chain = true;
    while (!stack.empty()) {
      const auto node = stack.back();
      stack.pop_back();
      visited.push_back(node);
      label(node);
      chain = chain && is_chain_link(data, node);
      for (const auto child : data.children[node])
        if (!seen[child]) {
          seen[child] = 1;
          stack.push_back(child);
        }
    }
    for (const auto node : visited) seen[node] = 0;
    if (!chain) continue;
    // Ancestors, down to (not including) the first branch point or merge point.
    for (auto node = declaring; data.parents[node].size() == 1;) {
      node = data.parents[node].front();
      if (!is_chain_link(data, node)) break;
      label(node);
    }
  }
  for (auto& labels : data.labels) {
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  }
}

}  // namespace strata::graph::detail
