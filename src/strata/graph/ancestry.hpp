#pragma once
// Internal: "is A an ancestor of D?" without materialised ancestor sets. A depth-first search from D downwards,
// jumping over whole single-parent chains with the forest intervals and skipping every revision whose
// topological rank is below A's (it cannot lead to A). The visited marks are generation-stamped, so a query costs
// only what it visits.
#include <cstdint>
#include <optional>
#include <vector>

#include "strata/graph/graph_data.hpp"

namespace strata::graph::detail {

class Ancestry {
public:
  Ancestry(const Adjacency& edges, const Forest& forest, const std::vector<std::uint32_t>& rank)
      : m_edges(edges), m_forest(forest), m_rank(rank), m_stamp(rank.size(), 0) {}

  // Reflexive: is_ancestor(x, x) is true.
  bool is_ancestor(RevIndex ancestor, RevIndex descendant) {
    std::size_t unlimited = SIZE_MAX;
    return *is_ancestor_within(ancestor, descendant, unlimited);
  }

  // As is_ancestor, but gives up (nullopt) once `budget` revisions have been visited; `budget` is decremented by
  // the work done, so one budget can be shared by several queries.
  std::optional<bool> is_ancestor_within(RevIndex ancestor, RevIndex descendant, std::size_t& budget) {
    if (ancestor == descendant) return true;
    if (m_rank[ancestor] > m_rank[descendant]) return false;
    if (++m_generation == 0) {
      std::fill(m_stamp.begin(), m_stamp.end(), 0);
      m_generation = 1;
    }
    m_stack.clear();
    m_stack.push_back(descendant);
    while (!m_stack.empty()) {
      const auto node = m_stack.back();
      m_stack.pop_back();
      if (budget-- == 0) return std::nullopt;
      if (m_forest.contains(ancestor, node)) return true;
      const auto root = m_forest.root[node];
      if (m_stamp[root] == m_generation) continue;
      m_stamp[root] = m_generation;
      for (const auto next : m_edges[root])
        if (m_rank[next] >= m_rank[ancestor]) m_stack.push_back(next);
    }
    return false;
  }

private:
  const Adjacency& m_edges;
  const Forest& m_forest;
  const std::vector<std::uint32_t>& m_rank;
  std::vector<std::uint32_t> m_stamp;
  std::uint32_t m_generation = 0;
  std::vector<RevIndex> m_stack;
};

}  // namespace strata::graph::detail
