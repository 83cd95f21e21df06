// Cycle detection over `revises` and `depends_on` edges. Alembic reports a cycle as a sorted set of revisions;
// strata reports one path per strongly connected component, which says which edge to remove.
#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "strata/graph/graph_data.hpp"

namespace strata::graph::detail {
namespace {

constexpr RevIndex k_none = static_cast<RevIndex>(-1);

template <typename Visit>
void for_each_edge(const GraphData& data, RevIndex node, Visit&& visit) {
  for (const auto next : data.parents[node]) visit(next, false);
  for (const auto next : data.dependencies[node]) visit(next, true);
}

// Tarjan's algorithm without recursion (a 10,000-revision chain would overflow the stack).
std::vector<std::vector<RevIndex>> strongly_connected(const GraphData& data) {
  const auto n = static_cast<RevIndex>(data.revisions.size());
  std::vector<RevIndex> index(n, k_none), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<RevIndex> stack;
  std::vector<std::vector<RevIndex>> components;
  RevIndex counter = 0;
  struct Frame {
    RevIndex node;
    std::size_t edge;
  };
  std::vector<Frame> frames;
  for (RevIndex start = 0; start < n; ++start) {
    if (index[start] != k_none) continue;
    frames.push_back({start, 0});
    index[start] = low[start] = counter++;
    stack.push_back(start);
    on_stack[start] = 1;
    while (!frames.empty()) {
      auto& frame = frames.back();
      const auto node = frame.node;
      const auto& parents = data.parents[node];
      const auto& dependencies = data.dependencies[node];
      const auto degree = parents.size() + dependencies.size();
      if (frame.edge < degree) {
        const auto next = frame.edge < parents.size() ? parents[frame.edge] : dependencies[frame.edge - parents.size()];
        ++frame.edge;
        if (index[next] == k_none) {
          index[next] = low[next] = counter++;
          stack.push_back(next);
          on_stack[next] = 1;
          frames.push_back({next, 0});
        } else if (on_stack[next]) {
          low[node] = std::min(low[node], index[next]);
        }
        continue;
      }
      if (low[node] == index[node]) {
        std::vector<RevIndex> component;
        RevIndex member;
        do {
          member = stack.back();
          stack.pop_back();
          on_stack[member] = 0;
          component.push_back(member);
        } while (member != node);
        if (component.size() > 1) components.push_back(std::move(component));
      }
      frames.pop_back();
      if (!frames.empty()) low[frames.back().node] = std::min(low[frames.back().node], low[node]);
    }
  }
  return components;
}

// A shortest cycle through the component's first revision in load order, by breadth-first search.
std::vector<RevIndex> cycle_path(const GraphData& data, const std::vector<RevIndex>& component, bool& uses_dependency) {
  const auto start = *std::min_element(component.begin(), component.end());
  std::vector<char> member(data.revisions.size(), 0);
  for (const auto node : component) member[node] = 1;
  std::vector<RevIndex> came_from(data.revisions.size(), k_none);
  std::vector<char> via_dependency(data.revisions.size(), 0);
  std::deque<RevIndex> queue{start};
  RevIndex last = k_none;
  bool closing_dependency = false;
  while (!queue.empty() && last == k_none) {
    const auto node = queue.front();
    queue.pop_front();
    for_each_edge(data, node, [&](RevIndex next, bool dependency) {
      if (last != k_none || !member[next]) return;
      if (next == start) {
        last = node;
        closing_dependency = dependency;
      } else if (came_from[next] == k_none) {
        came_from[next] = node;
        via_dependency[next] = dependency;
        queue.push_back(next);
      }
    });
  }
  std::vector<RevIndex> path;
  uses_dependency = closing_dependency;
  for (auto node = last; node != start; node = came_from[node]) {
    path.push_back(node);
    uses_dependency = uses_dependency || via_dependency[node];
  }
  path.push_back(start);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace

void find_cycles(const GraphData& data, std::vector<Problem>& problems) {
  for (const auto& component : strongly_connected(data)) {
    bool uses_dependency = false;
    const auto path = cycle_path(data, component, uses_dependency);
    Problem problem;
    problem.code = ErrorCode::cycle;
    std::string text;
    for (const auto node : path) {
      const auto& revision = data.revisions[node];
      const auto position = where(revision);
      text += position.empty() ? fmt::format("{} -> ", revision.id) : fmt::format("{} ({}) -> ", revision.id, position);
      problem.revisions.push_back(revision.id);
      if (!revision.path.empty()) problem.paths.push_back(revision.path);
    }
    text += data.revisions[path.front()].id;
    problem.message = fmt::format(
        "{} in the revision graph (each revision revises or depends on the next): {}; "
        "remove one of these references",
        uses_dependency ? "dependency cycle" : "cycle", text);
    problems.push_back(std::move(problem));
  }
}

}  // namespace strata::graph::detail
