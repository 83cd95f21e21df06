// Downgrade (docs/revision-graph.md, "Downgrade"). Roots are the children of the destination (or every base); the
// removed set is everything above the roots, dependents included, that is applied; the order is the revision-graph.md
// "Traversal order" walk from the current heads.
#include <algorithm>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/target.hpp"
#include "strata/util/strings.hpp"

namespace strata::graph {
namespace {

using detail::Cursor;

struct Destination {
  std::optional<std::string> branch;
  Cursor cursor;  // nothing or base: "base"
};

[[noreturn]] void throw_overflow(const std::string& message) {
  throw GraphError(ErrorCode::relative_overflow, message);
}

std::string didnt_produce(const std::string& relative, long steps) {
  return fmt::format("Relative revision {} didn't produce {} migrations", relative, steps < 0 ? -steps : steps);
}

// `-N` and `L@-N` (revision-graph.md "Relative targets"): the one head to walk down from. Several heads are an error in
// strata (Alembic warns and uses the first row of its table, so the result depends on row order).
std::string relative_start(detail::Queries& queries, const std::vector<RevIndex>& rows,
                           const detail::Relative& relative, std::string_view target,
                           std::optional<std::string>& branch) {
  const auto& graph = queries.graph;
  if (relative.branch) {
    auto starts = detail::filter_for_lineage(queries, rows, *relative.branch);
    if (starts.empty()) {
      // The tips (along `revises`) of everything applied, then those on the branch (Alembic #1026, in this order).
      const auto applied = graph.ancestors(rows);
      std::vector<RevIndex> tips;
      for (const auto node : applied) {
        const bool covered = std::any_of(applied.begin(), applied.end(), [&](RevIndex other) {
          return other != node && queries.is_versioned_ancestor(node, other);
        });
        if (!covered) tips.push_back(node);
      }
      starts = detail::filter_for_lineage(queries, tips, *relative.branch);
    }
    if (starts.empty())
      throw GraphError(
          ErrorCode::invalid_downgrade_target,
          fmt::format("Can't downgrade '{}': no applied revision is on branch '{}'", target, *relative.branch));
    if (starts.size() > 1)
      throw GraphError(ErrorCode::ambiguous_downgrade,
                       fmt::format("Can't downgrade '{}': several applied heads are on branch '{}' ({}); name the "
                                   "destination revision explicitly",
                                   target, *relative.branch, detail::join_ids(graph, starts)),
                       graph.ids(starts));
    return graph.id(starts.front());
  }
  if (rows.empty()) throw_overflow(didnt_produce(relative.relative, relative.steps));
  if (rows.size() > 1) {
    const auto heads = detail::join_ids(graph, rows);
    throw GraphError(ErrorCode::ambiguous_downgrade,
                     fmt::format("Relative downgrade '{}' is ambiguous: the database has several heads ({}); use "
                                 "'<branchname>@{}' or name the destination revision explicitly",
                                 target, heads, relative.relative),
                     graph.ids(rows));
  }
  branch = graph.id(rows.front());
  return graph.id(rows.front());
}

Destination parse_destination(detail::Queries& queries, const std::vector<RevIndex>& rows, std::string_view target) {
  Destination destination;
  if (const auto relative = detail::parse_relative(target)) {
    destination.branch = relative->branch;
    if (relative->steps >= 0) {
      if (!relative->symbol) throw_overflow(didnt_produce(relative->relative, relative->steps));
      const auto from = detail::get_revision(queries, *relative->symbol, target);
      const auto end =
          detail::walk_steps(queries, from ? Cursor::at(*from) : Cursor{}, relative->steps, relative->branch);
      if (!end) throw_overflow(fmt::format("Walked too far: '{}' goes beyond the last revision", target));
      destination.cursor = *end;
      return destination;
    }
    const bool from_heads = !relative->symbol;
    const auto symbol =
        from_heads ? relative_start(queries, rows, *relative, target, destination.branch) : *relative->symbol;
    const auto name = destination.branch ? *destination.branch + "@" + symbol : symbol;
    const auto from = detail::get_revision(queries, name, target);
    const auto end = detail::walk_steps(queries, from ? Cursor::at(*from) : Cursor{}, relative->steps, std::nullopt);
    if (!end)
      throw_overflow(from_heads ? didnt_produce(relative->relative, relative->steps)
                                : fmt::format("Walked too far: '{}' goes below base", target));
    destination.cursor = *end;
    return destination;
  }
  // The absolute form splits at the last '@'; the symbol is resolved on its own.
  const auto at = target.rfind('@');
  std::string_view symbol = target;
  if (at != std::string_view::npos) {
    if (at > 0) destination.branch = std::string(target.substr(0, at));
    symbol = target.substr(at + 1);
  }
  if (const auto revision = detail::get_revision(queries, symbol, target)) destination.cursor = Cursor::at(*revision);
  if (destination.branch) detail::resolve_branch(queries, *destination.branch);
  return destination;
}

}  // namespace

namespace detail {

Plan downgrade_steps(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target) {
  detail::Queries queries(graph);
  const auto& data = queries.data;
  Plan plan;
  plan.heads_before = graph.maximal(applied);
  const auto destination = parse_destination(queries, plan.heads_before, target);
  const bool to_base = destination.cursor.kind != Cursor::Kind::revision;

  // A squash is removed as one step: a downgrade cannot stop between the revisions it replaces.
  if (!to_base) {
    const auto squash = graph.replaced_by(destination.cursor.index);
    if (squash && std::find(applied.begin(), applied.end(), *squash) != applied.end()) {
      const auto parents = graph.parents(*squash);
      const std::string parent = parents.empty()
                                     ? std::string("base")
                                     : detail::join_ids(graph, std::vector<RevIndex>(parents.begin(), parents.end()));
      std::vector<std::string> replaced;
      for (RevIndex index = 0; index < graph.size(); ++index)
        if (graph.replaced_by(index) == squash) replaced.push_back(graph.id(index));
      throw GraphError(ErrorCode::downgrade_into_squash,
                       fmt::format("Destination {} is one of the revisions squash {} replaces ({}), and a downgrade "
                                   "removes a squash as one step; downgrade to {}, the squash's parent, instead",
                                   target, graph.id(*squash), util::join(replaced, ", "), parent),
                       {graph.id(destination.cursor.index), graph.id(*squash)});
    }
  }

  std::vector<RevIndex> roots;
  if (to_base) {
    roots = graph.bases();
  } else {
    const auto children = graph.children(destination.cursor.index);
    roots.assign(children.begin(), children.end());
  }
  if (destination.branch && roots.size() > 1) {
    const auto branch = detail::resolve_branch(queries, *destination.branch);
    std::erase_if(roots, [&](RevIndex root) { return !queries.is_versioned_ancestor(root, branch); });
    if (roots.empty())
      throw GraphError(ErrorCode::invalid_downgrade_target,
                       fmt::format("Not a valid downgrade target from current heads: '{}' is not on branch '{}'",
                                   target, *destination.branch));
  }
  auto removed = detail::descendant_flags(data, roots, true);
  const auto active = detail::ancestor_flags(data, plan.heads_before);
  bool any = false;
  for (std::size_t node = 0; node < removed.size(); ++node) {
    removed[node] = removed[node] && active[node];
    any = any || removed[node];
  }
  if (!to_base && !any &&
      std::find(plan.heads_before.begin(), plan.heads_before.end(), destination.cursor.index) ==
          plan.heads_before.end())
    throw GraphError(ErrorCode::invalid_downgrade_target,
                     fmt::format("Destination {} is not a valid downgrade target from current head(s) ({}): nothing "
                                 "above it is applied",
                                 target,
                                 plan.heads_before.empty() ? std::string("none: nothing is applied")
                                                           : detail::join_ids(graph, plan.heads_before)),
                     {graph.id(destination.cursor.index)});

  auto remaining = active;
  for (std::size_t node = 0; node < removed.size(); ++node) remaining[node] = active[node] && !removed[node];
  const auto order = detail::walk_order(queries, removed, plan.heads_before);
  for (const auto revision : order) plan.steps.push_back({revision, Direction::down});
  std::vector<RevIndex> left;
  for (RevIndex node = 0; node < remaining.size(); ++node)
    if (remaining[node]) left.push_back(node);
  plan.heads_after = graph.maximal(left);
  return plan;
}

}  // namespace detail

}  // namespace strata::graph
