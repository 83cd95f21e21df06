// §5: the traversal order that upgrade (reversed), downgrade and history print. Alembic keeps a full ancestor set
// per active branch and recomputes it at every merge, branch point or dependency (quadratic, §17). Here the
// question "is c below another active branch?" is answered, for convex sets, by a counter of not-yet-emitted
// children of c inside todo; a search runs only when the answer is yes, to find which branch to switch to.
#include <algorithm>

#include "strata/graph/target.hpp"

namespace strata::graph::detail {

std::vector<RevIndex> walk_order(Queries& queries, std::vector<char>& todo, const std::vector<RevIndex>& starts,
                                 bool convex) {
  const auto& data = queries.data;
  const auto n = data.revisions.size();
  std::vector<char> in_active(n, 0);
  std::vector<RevIndex> active;
  for (const auto start : starts)
    if (todo[start] && !in_active[start]) {
      in_active[start] = 1;
      active.push_back(start);
    }
  std::sort(active.begin(), active.end());  // load order

  // pending[c]: members of todo, not yet emitted, with c among their normalised down revisions.
  std::vector<std::uint32_t> pending;
  if (convex) {
    pending.assign(n, 0);
    for (RevIndex node = 0; node < n; ++node)
      if (todo[node])
        for (const auto down : data.normalized_down[node])
          if (todo[down]) ++pending[down];
  }

  std::vector<RevIndex> out;
  std::vector<RevIndex> next;
  std::size_t i = 0;
  while (!active.empty()) {
    const auto current = active[i];
    if (!convex || pending[current] > 0) {
      // Another active branch that still needs `current` is walked first: the first such one in list order.
      std::size_t blocker = active.size();
      for (std::size_t j = 0; j < active.size() && blocker == active.size(); ++j)
        if (j != i && queries.is_ancestor(current, active[j])) blocker = j;
      if (blocker != active.size()) {
        i = blocker;
        continue;
      }
    }
    if (todo[current]) {
      out.push_back(current);
      todo[current] = 0;
      if (convex)
        for (const auto down : data.normalized_down[current])
          if (todo[down]) --pending[down];
    }
    next.clear();
    for (const auto down : data.normalized_down[current])
      if (todo[down] && !in_active[down]) next.push_back(down);
    in_active[current] = 0;
    if (next.empty()) {
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(i));
      i = i > 0 ? i - 1 : 0;
    } else {
      active[i] = next.front();
      in_active[next.front()] = 1;
      for (std::size_t k = 1; k < next.size(); ++k) {
        active.push_back(next[k]);
        in_active[next[k]] = 1;
      }
    }
  }
  return out;
}

namespace {

std::vector<char> flood(const Adjacency& edges, const std::vector<RevIndex>& starts) {
  std::vector<char> marked(edges.size(), 0);
  std::vector<RevIndex> stack;
  for (const auto start : starts)
    if (!marked[start]) {
      marked[start] = 1;
      stack.push_back(start);
    }
  while (!stack.empty()) {
    const auto node = stack.back();
    stack.pop_back();
    for (const auto next : edges[node])
      if (!marked[next]) {
        marked[next] = 1;
        stack.push_back(next);
      }
  }
  return marked;
}

}  // namespace

std::vector<char> ancestor_flags(const GraphData& data, const std::vector<RevIndex>& starts) {
  return flood(data.normalized_down, starts);
}

std::vector<char> descendant_flags(const GraphData& data, const std::vector<RevIndex>& starts, bool with_dependents) {
  return flood(with_dependents ? data.dependents : data.children, starts);
}

}  // namespace strata::graph::detail
