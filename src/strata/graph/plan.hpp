#pragma once
// Targets (revision-graph.md "Targets", "Relative targets"), plans (revision-graph.md "Traversal order", "Downgrade"), stamps (revision-graph.md "Stamp") and history (revision-graph.md "History ranges"), computed from a database's applied set.
// Errors are GraphError; code() is one of: unknown_revision, ambiguous_revision, not_in_branch, multiple_heads,
// ambiguous_walk, relative_overflow, ambiguous_upgrade, overlapping_targets, ambiguous_downgrade,
// invalid_downgrade_target, ambiguous_stamp, invalid_range, range_not_ancestral. Differences from Alembic:
// docs/graph-semantics.md.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "strata/graph/revision_graph.hpp"

namespace strata::graph {

// Name resolution (revision-graph.md "Targets", "Relative targets"): ids, unique prefixes, labels, head, heads, base, L@head, L@heads, L@X, -N, L@-N.
// An empty result means "base". Errors are GraphError with Alembic-compatible wording and a stable code.
std::vector<RevIndex> resolve(const RevisionGraph& graph, std::string_view target);

enum class Direction { up, down };

struct Step {
  RevIndex revision;
  Direction direction;
};

struct Plan {
  std::vector<Step> steps;            // in execution order
  std::vector<RevIndex> heads_before;  // maximal(applied)
  std::vector<RevIndex> heads_after;   // maximal(applied after the plan)
};

// `applied`: every revision the database has applied (any order). Upgrade never removes; downgrade never adds.
Plan plan_upgrade(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target);
Plan plan_downgrade(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target);

// The applied set after `stamp destinations...` (revision-graph.md "Stamp", computed as maximal(destinations ∪ unrelated heads) and
// closed under ancestors). `purge` starts from nothing. Ambiguous requests are a GraphError.
std::vector<RevIndex> plan_stamp(const RevisionGraph& graph, std::span<const RevIndex> applied,
                                 std::span<const std::string> destinations, bool purge);

// `history -r RANGE` (revision-graph.md "History ranges"): revisions in printed order, newest first. An empty range means `base:heads`.
// `current` is the database's heads, for ranges that mention `current` (empty when no database is involved).
std::vector<RevIndex> history(const RevisionGraph& graph, std::string_view range,
                              std::span<const RevIndex> current = {});

}  // namespace strata::graph
