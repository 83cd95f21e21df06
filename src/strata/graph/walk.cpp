// revision-graph.md "Traversal order": the traversal order that upgrade (reversed), downgrade and history print.
// Alembic keeps a full ancestor set per active branch and recomputes it at every merge, branch point or dependency
// (quadratic, graph-semantics.md "Why the traversal is fast"). Here the question "is c below another active branch?" is
// answered, for convex sets, by a counter of not-yet-emitted children of c inside todo; a search runs only when the
// answer is yes, to find which branch to switch to. (Why the counter is exact: every revision between an active branch
// and c is unemitted todo, because the walk emits descendants before ancestors; see docs/graph-semantics.md.)
#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

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
  // Alembic's list of active branches, as keys: replacing a branch's revision keeps its key, a new branch is
  // appended with a larger key, so the list order is the key order and "the first branch" is the smallest key.
  constexpr std::uint64_t k_no_branch = UINT64_MAX;
  std::set<std::uint64_t> live;
  std::vector<RevIndex> node_of;                    // key -> its current revision
  std::vector<std::uint64_t> blocker;               // key -> cached first branch that needs its revision, or k_no_branch
  std::vector<std::vector<std::uint64_t>> waiting;  // key -> keys whose cached blocker it is
  std::vector<char> in_active(n, 0);
  std::vector<std::uint64_t> key_of(n, 0);
  auto add_branch = [&](RevIndex node) {
    const std::uint64_t key = node_of.size();
    node_of.push_back(node);
    blocker.push_back(k_no_branch);
    waiting.emplace_back();
    live.insert(live.end(), key);
    in_active[node] = 1;
    key_of[node] = key;
  };
  std::vector<RevIndex> initial;
  for (const auto start : starts)
    if (todo[start] && !in_active[start]) {
      in_active[start] = 1;
      initial.push_back(start);
    }
  std::sort(initial.begin(), initial.end());  // load order
  for (const auto node : initial) add_branch(node);

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
  // Upwards from `current` through unemitted todo (for a convex todo, everything between `current` and the
  // branches that need it): the smallest key above it. nullopt when `budget` runs out.
  auto search_upwards = [&](RevIndex current, std::size_t budget) -> std::optional<std::uint64_t> {
    ++generation;
    std::uint64_t best = k_no_branch;
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
    return best;
  };
  // The first branch (other than `self`) that has `self`'s revision below it, or k_no_branch.
  auto find_blocker = [&](std::uint64_t self) -> std::uint64_t {
    const auto current = node_of[self];
    if (!convex) {
      for (const auto key : live)
        if (key != self && queries.is_ancestor(current, node_of[key])) return key;
      return k_no_branch;
    }
    // Downward checks from the branches in list order are cheap on long chains and many short branches; the
    // upward search is cheap on wide graphs. Alternate with growing budgets: the cost stays within a small
    // factor of the cheaper strategy.
    for (std::size_t budget = k_first_budget;; budget *= 4) {
      std::size_t forward = budget;
      bool exhausted = false;
      for (auto it = live.begin(); it != live.end() && !exhausted; ++it) {
        if (*it == self) continue;
        if (forward-- == 0) {  // stepping over a branch counts too, so a long list also hands over
          exhausted = true;
          break;
        }
        const auto answer = queries.is_ancestor_within(current, node_of[*it], forward);
        if (!answer) exhausted = true;
        else if (*answer) return *it;
      }
      if (!exhausted) return k_no_branch;
      if (const auto found = search_upwards(current, budget)) return *found;
    }
  };
  // A cached blocker stays right until that branch moves or ends: branches only move down (they never gain
  // revisions above them) and new branches come later in the list.
  auto forget_blocked_by = [&](std::uint64_t key) {
    for (const auto waiter : waiting[key]) blocker[waiter] = k_no_branch;
    waiting[key].clear();
  };

  std::vector<RevIndex> out;
  std::vector<RevIndex> next;
  auto position = live.begin();
  while (!live.empty()) {
    const auto key = *position;
    const auto current = node_of[key];
    if (!convex || pending[current] > 0) {
      if (blocker[key] == k_no_branch) {
        blocker[key] = find_blocker(key);
        if (blocker[key] != k_no_branch) waiting[blocker[key]].push_back(key);
      }
      if (blocker[key] != k_no_branch) {
        position = live.find(blocker[key]);
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
    forget_blocked_by(key);
    if (next.empty()) {
      // Alembic: i := max(i - 1, 0) after removing entry i.
      position = live.erase(position);
      if (position != live.begin()) position = std::prev(position);
    } else {
      node_of[key] = next.front();
      in_active[next.front()] = 1;
      key_of[next.front()] = key;
      for (std::size_t k = 1; k < next.size(); ++k) add_branch(next[k]);
    }
  }
  return out;
}

std::vector<char> ancestor_flags(const GraphData& data, const std::vector<RevIndex>& starts) {
  return reach(data.normalized_down, starts);
}

std::vector<char> descendant_flags(const GraphData& data, const std::vector<RevIndex>& starts, bool with_dependents) {
  return reach(with_dependents ? data.dependents : data.children, starts);
}

}  // namespace strata::graph::detail
