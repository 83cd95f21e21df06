#include "strata/graph/summary.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "strata/graph/graph_data.hpp"

namespace strata::graph {

Summary summarize(const RevisionGraph& graph) {
  Summary summary;
  summary.revisions = graph.size();
  summary.bases = graph.bases();
  summary.heads = graph.heads();
  summary.squashes.assign(graph.squashes().begin(), graph.squashes().end());
  std::map<std::string, std::size_t> labels;
  for (RevIndex index = 0; index < graph.size(); ++index) {
    if (graph.is_merge_point(index)) summary.merges.push_back(index);
    if (graph.is_branch_point(index)) summary.branch_points.push_back(index);
    for (const auto& label : graph.labels(index)) ++labels[label];
  }
  summary.labels.assign(labels.begin(), labels.end());

  // Longest path: parents before children (topological rank), keeping each revision's best predecessor.
  const auto& rank = graph.internals().rank;
  std::vector<RevIndex> order(graph.size());
  std::iota(order.begin(), order.end(), RevIndex{0});
  std::sort(order.begin(), order.end(), [&](RevIndex a, RevIndex b) { return rank[a] < rank[b]; });
  std::vector<std::size_t> length(graph.size(), 1);
  std::vector<RevIndex> previous(graph.size(), detail::k_no_revision);
  RevIndex best = detail::k_no_revision;
  for (const auto node : order) {
    for (const auto parent : graph.parents(node))
      if (length[parent] + 1 > length[node]) {
        length[node] = length[parent] + 1;
        previous[node] = parent;
      }
    if (best == detail::k_no_revision || length[node] > length[best]) best = node;
  }
  for (auto node = best; node != detail::k_no_revision; node = previous[node]) summary.longest_chain.push_back(node);
  std::reverse(summary.longest_chain.begin(), summary.longest_chain.end());
  return summary;
}

}  // namespace strata::graph
