// §5: the traversal order that upgrade (reversed), downgrade and history print. Alembic keeps a full ancestor set
// per active branch and recomputes it at every merge, branch point or dependency (quadratic, §17). Here the
// question "is c below another active branch?" is answered, for convex sets, by a counter of not-yet-emitted
// children of c inside todo; a search runs only when the answer is yes, to find which branch to switch to.
// (Why the counter is exact: every revision between an active branch and c is unemitted todo, because the walk
// emits descendants before ancestors; see docs/graph-semantics.md.)
#include <algorithm>
#include <optional>

#include "strata/graph/target.hpp"

namespace strata::graph::detail {

namespace {

constexpr std::size_t k_first_budget = 64;  // revisions visited by each strategy in the first round

// Is every revision between two members of `todo` (along normalised edges) in `todo` too? Then the cheap
// blocking test of walk_order applies. Flood down from the non-members just below todo; hitting a member again
// means a gap.
bool is_convex(const GraphData& data, const std::vector<char>& todo) {
  std::vector<char> seen(todo.size(), 0);
  std::vector<RevIndex> stack;
  for (RevIndex node = 0; node < todo.size(); ++node)
    if (todo[node])
      for (const auto down : data.normalized_down[node])
        if (!todo[down] && !seen[down]) {
          seen[down] = 1;
          stack.push_back(down);
        }
  while (!stack.empty()) {
    const auto node = stack.back();
    stack.pop_back();
    for (const auto down : data.normalized_down[node]) {
      if (todo[down]) return false;
      if (!seen[down]) {
        seen[down] = 1;
        stack.push_back(down);
      }
    }
  }
  return true;
}

}  // namespace

std::vector<RevIndex> walk_order(Queries& queries, std::vector<char>& todo, const std::vector<RevIndex>& starts) {
  const auto& data = queries.data;
  const auto n = data.revisions.size();
  const bool convex = is_convex(data, todo);
  // Alembic's list of active branches. Each slot keeps a key that orders slots as the list does (replacing a
  // slot keeps its key, appending takes a new, larger one), so "the first branch in the list" is the smallest key.
  std::vector<RevIndex> active;
  std::vector<std::uint64_t> keys;
  std::uint64_t next_key = 0;
  std::vector<char> in_active(n, 0);
  std::vector<std::uint64_t> key_of(n, 0);
  for (const auto start : starts)
    if (todo[start] && !in_active[start]) {
      in_active[start] = 1;
      active.push_back(start);
    }
  std::sort(active.begin(), active.end());  // load order
  for (const auto node : active) {
    keys.push_back(next_key);
    key_of[node] = next_key++;
  }

  // pending[c]: members of todo, not yet emitted, with c among their normalised down revisions. For a convex todo
  // "another active branch still needs c" holds exactly when pending[c] > 0.
  std::vector<std::uint32_t> pending(n, 0);
  for (RevIndex node = 0; node < n; ++node)
    if (todo[node])
      for (const auto down : data.normalized_down[node])
        if (todo[down]) ++pending[down];

  std::vector<std::uint32_t> stamp(n, 0);
  std::uint32_t generation = 0;
  std::vector<RevIndex> stack;
  // The first active branch (other than `current`'s own) that has `current` below it, or active.size().
  // Upwards from `current` through unemitted todo (for a convex todo, everything between `current` and the
  // branches that need it): the branch with the smallest key. nullopt when `budget` runs out.
  auto search_upwards = [&](RevIndex current, std::size_t budget) -> std::optional<std::size_t> {
    ++generation;
    std::uint64_t best = UINT64_MAX;
    stack.assign(1, current);
    stamp[current] = generation;
    while (!stack.empty()) {
      if (budget-- == 0) return std::nullopt;
      const auto node = stack.back();
      stack.pop_back();
      if (node != current && in_active[node]) best = std::min(best, key_of[node]);
      for (const auto up : data.normalized_up[node])
        if (todo[up] && stamp[up] != generation) {
          stamp[up] = generation;
          stack.push_back(up);
        }
    }
    for (std::size_t j = 0; j < active.size(); ++j)
      if (keys[j] == best) return j;
    return active.size();
  };
  // The first active branch (other than `self`) that has active[self] below it, or active.size().
  auto find_blocker = [&](std::size_t self) -> std::size_t {
    const auto current = active[self];
    if (!convex) {
      for (std::size_t j = 0; j < active.size(); ++j)
        if (j != self && queries.is_ancestor(current, active[j])) return j;
      return active.size();
    }
    // Downward checks from the branches in list order are cheap on long chains and many short branches; the
    // upward search is cheap on wide graphs. Alternate with growing budgets: the cost stays within a small
    // factor of the cheaper strategy.
    for (std::size_t budget = k_first_budget;; budget *= 4) {
      std::size_t forward = budget;
      bool exhausted = false;
      for (std::size_t j = 0; j < active.size() && !exhausted; ++j) {
        if (j == self) continue;
        const auto answer = queries.is_ancestor_within(current, active[j], forward);
        if (!answer)
          exhausted = true;
        else if (*answer)
          return j;
      }
      if (!exhausted) return active.size();
      if (const auto found = search_upwards(current, budget)) return *found;
    }
  };

  std::vector<RevIndex> out;
  std::vector<RevIndex> next;
  std::size_t i = 0;
  while (!active.empty()) {
    const auto current = active[i];
    if (!convex || pending[current] > 0) {
      const auto blocker = find_blocker(i);
      if (blocker != active.size()) {
        i = blocker;
        continue;
      }
    }
    if (todo[current]) {
      out.push_back(current);
      todo[current] = 0;
      for (const auto down : data.normalized_down[current])
        if (todo[down]) --pending[down];
    }
    next.clear();
    for (const auto down : data.normalized_down[current])
      if (todo[down] && !in_active[down]) next.push_back(down);
    in_active[current] = 0;
    if (next.empty()) {
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(i));
      keys.erase(keys.begin() + static_cast<std::ptrdiff_t>(i));
      i = i > 0 ? i - 1 : 0;
    } else {
      active[i] = next.front();
      in_active[next.front()] = 1;
      key_of[next.front()] = keys[i];
      for (std::size_t k = 1; k < next.size(); ++k) {
        active.push_back(next[k]);
        keys.push_back(next_key);
        key_of[next[k]] = next_key++;
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
