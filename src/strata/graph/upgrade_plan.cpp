// Upgrade (docs/revision-graph.md, "Upgrade"). needed = anc(targets) - anc(applied); order = reverse(walk(needed,
// targets)). Upgrade never removes.
#include <algorithm>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/target.hpp"

namespace strata::graph {
namespace {

using detail::Cursor;

[[noreturn]] void throw_overflow(const std::string& written, long steps) {
  throw GraphError(ErrorCode::relative_overflow, fmt::format("Relative revision {} didn't produce {} migrations",
                                                             written, steps < 0 ? -steps : steps));
}

// revision-graph.md "Relative targets": where `+N` starts when no revision is named.
Cursor upgrade_start(detail::Queries& queries, const std::vector<RevIndex>& rows, const detail::Relative& relative) {
  const auto& graph = queries.graph;
  std::vector<RevIndex> starts = rows;
  if (relative.branch) {
    starts = detail::filter_for_lineage(queries, rows, *relative.branch);
    if (starts.empty()) {
      // No current head on the branch: the tips of the applied revisions on its lineage.
      const auto applied = graph.ancestors(rows);
      const auto on_branch = detail::filter_for_lineage(queries, applied, *relative.branch);
      std::vector<char> below(graph.size(), 0);
      for (const auto node : on_branch)
        for (const auto down : graph.normalized_down(node)) below[down] = 1;
      for (const auto node : on_branch)
        if (!below[node]) starts.push_back(node);
    }
  }
  if (starts.size() > 1)
    throw GraphError(ErrorCode::ambiguous_upgrade,
                     fmt::format("Ambiguous upgrade from multiple current revisions ({}); use '<branchname>@{}' or "
                                 "name the target revision",
                                 detail::join_ids(graph, starts), relative.relative),
                     graph.ids(starts));
  return starts.empty() ? Cursor{} : Cursor::at(starts.front());
}

}  // namespace

namespace detail {

std::vector<RevIndex> upgrade_targets(Queries& queries, const std::vector<RevIndex>& rows, std::string_view target,
                                      bool stop_at_end) {
  const auto relative = detail::parse_relative(target);
  if (!relative) return detail::get_revisions(queries, target, target);
  if (relative->steps > 0) {
    Cursor start;
    if (!relative->symbol) {
      start = upgrade_start(queries, rows, *relative);
    } else if (const auto from = detail::get_revision(queries, *relative->symbol, target)) {
      start = Cursor::at(*from);
    }
    const auto end = detail::walk_steps(queries, start, relative->steps, relative->branch, stop_at_end);
    if (!end || end->kind != Cursor::Kind::revision)
      throw_overflow(relative->symbol ? std::string(target) : relative->relative, relative->steps);
    return {end->index};
  }
  if (!relative->symbol) throw_overflow(std::to_string(relative->steps), relative->steps);
  const auto name = relative->branch ? *relative->branch + "@" + *relative->symbol : *relative->symbol;
  const auto from = detail::get_revision(queries, name, target);
  const auto end =
      detail::walk_steps(queries, from ? Cursor::at(*from) : Cursor{}, relative->steps, std::nullopt, stop_at_end);
  if (!end) throw_overflow(std::string(target), relative->steps);
  if (end->kind != Cursor::Kind::revision) return {};
  return {end->index};
}

// "Requested revision X overlaps with other requested revisions Y": Y are targets below target X.
void check_overlap(Queries& queries, const std::vector<RevIndex>& targets) {
  // One flood over the strict ancestors of all targets finds whether any target is below another; only then
  // look for the pairs to name.
  const auto& data = queries.data;
  std::vector<RevIndex> downs;
  for (const auto target : targets)
    downs.insert(downs.end(), data.normalized_down[target].begin(), data.normalized_down[target].end());
  const auto below = ancestor_flags(data, downs);
  if (std::none_of(targets.begin(), targets.end(), [&](RevIndex target) { return below[target] != 0; })) return;
  const auto& graph = queries.graph;
  for (const auto target : targets) {
    std::vector<RevIndex> overlaps;
    for (const auto other : targets)
      if (other != target && queries.is_ancestor(other, target)) overlaps.push_back(other);
    if (!overlaps.empty())
      throw GraphError(ErrorCode::overlapping_targets,
                       fmt::format("Requested revision {} overlaps with other requested revisions {}", graph.id(target),
                                   join_ids(graph, overlaps)),
                       graph.ids(overlaps));
  }
}

Plan upgrade_steps(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target) {
  detail::Queries queries(graph);
  Plan plan;
  plan.heads_before = graph.maximal(applied);
  auto targets = detail::upgrade_targets(queries, plan.heads_before, target);
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  detail::check_overlap(queries, targets);

  const auto done = detail::ancestor_flags(queries.data, plan.heads_before);
  auto todo = detail::ancestor_flags(queries.data, targets);
  for (std::size_t node = 0; node < todo.size(); ++node) todo[node] = todo[node] && !done[node];
  auto order = detail::walk_order(queries, todo, targets);
  std::reverse(order.begin(), order.end());
  for (const auto revision : order) plan.steps.push_back({revision, Direction::up});

  auto after = plan.heads_before;
  after.insert(after.end(), targets.begin(), targets.end());
  plan.heads_after = graph.maximal(after);
  return plan;
}

}  // namespace detail

}  // namespace strata::graph
