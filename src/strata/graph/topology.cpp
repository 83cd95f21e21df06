// Topological ranks and single-parent forests: the two indexes that keep ancestry queries near-linear
// (graph-semantics.md "Why the traversal is fast").
#include <vector>

#include "strata/graph/graph_data.hpp"

namespace strata::graph::detail {

void rank_topologically(GraphData& data) {
  const auto n = static_cast<RevIndex>(data.revisions.size());
  constexpr std::uint32_t k_unranked = static_cast<std::uint32_t>(-1);
  data.rank.assign(n, k_unranked);
  std::vector<char> entered(n, 0);
  std::vector<RevIndex> stack;
  std::uint32_t next_rank = 0;
  // Post-order over revises + depends_on edges: a revision is ranked after everything below it.
  for (RevIndex start = 0; start < n; ++start) {
    if (data.rank[start] != k_unranked) continue;
    stack.push_back(start);
    while (!stack.empty()) {
      const auto node = stack.back();
      if (data.rank[node] != k_unranked) {
        stack.pop_back();
        continue;
      }
      if (entered[node]) {
        data.rank[node] = next_rank++;
        stack.pop_back();
        continue;
      }
      entered[node] = 1;
      for (const auto next : data.parents[node])
        if (data.rank[next] == k_unranked) stack.push_back(next);
      for (const auto next : data.dependencies[node])
        if (data.rank[next] == k_unranked) stack.push_back(next);
    }
  }
}

Forest build_forest(const Adjacency& edges) {
  const auto n = static_cast<RevIndex>(edges.size());
  Forest forest;
  forest.root.assign(n, 0);
  forest.enter.assign(n, 0);
  forest.leave.assign(n, 0);
  // Children in the forest, as a linked list to avoid one vector per revision.
  constexpr RevIndex k_end = static_cast<RevIndex>(-1);
  std::vector<RevIndex> first_child(n, k_end), next_sibling(n, k_end);
  for (RevIndex node = n; node-- > 0;) {
    if (edges[node].size() != 1) continue;
    const auto parent = edges[node].front();
    next_sibling[node] = first_child[parent];
    first_child[parent] = node;
  }
  std::uint32_t clock = 0;
  std::vector<std::pair<RevIndex, RevIndex>> stack;  // node, next child to visit
  for (RevIndex root = 0; root < n; ++root) {
    if (edges[root].size() == 1) continue;
    forest.root[root] = root;
    forest.enter[root] = clock++;
    stack.emplace_back(root, first_child[root]);
    while (!stack.empty()) {
      auto& [node, child] = stack.back();
      if (child == k_end) {
        forest.leave[node] = clock++;
        stack.pop_back();
        continue;
      }
      const auto visit = child;
      child = next_sibling[child];
      forest.root[visit] = root;
      forest.enter[visit] = clock++;
      stack.emplace_back(visit, first_child[visit]);
    }
  }
  return forest;
}

}  // namespace strata::graph::detail
