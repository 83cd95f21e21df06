#pragma once
// Targets (revision-graph.md "Targets", "Relative targets"), plans (revision-graph.md "Traversal order", "Downgrade"),
// stamps (revision-graph.md "Stamp") and history (revision-graph.md "History ranges"), computed from a database's
// applied set. Errors are GraphError; code() is one of: unknown_revision, ambiguous_revision, not_in_branch,
// multiple_heads, ambiguous_walk, relative_overflow, ambiguous_upgrade, overlapping_targets, ambiguous_downgrade,
// invalid_downgrade_target, ambiguous_stamp, invalid_range, range_not_ancestral, squash_partly_applied. Differences
// from Alembic: docs/graph-semantics.md.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "strata/graph/revision_graph.hpp"

namespace strata::graph {

// Name resolution (revision-graph.md "Targets", "Relative targets"): ids, unique prefixes, labels, head, heads, base,
// L@head, L@heads, L@X, -N, L@-N. An empty result means "base". Errors are GraphError with Alembic-compatible wording
// and a stable code.
std::vector<RevIndex> resolve(const RevisionGraph& graph, std::string_view target);

// The public one (strata/error.hpp), so that an error can say which way a migration failed.
using Direction = strata::Direction;

struct Step {
  RevIndex revision;
  Direction direction;
  // Only record the revision as applied, without running it: a squash whose replaced revisions are all applied.
  bool record_only = false;
};

struct Plan {
  std::vector<Step> steps;             // in execution order
  std::vector<RevIndex> heads_before;  // maximal(applied)
  std::vector<RevIndex> heads_after;   // maximal(applied after the plan)
};

// `applied`: every revision the database has applied (any order). Upgrade never removes; downgrade never adds.
// `replaced_absent`: applied revisions the repository has no file for, but that a squash replaces.
//
// Squashes follow Django's `replaces` rules. A squash counts as applied when every revision it replaces is: an
// upgrade starts with a record_only step for it. A database that applied none of them runs the squash (the engine
// records the replaced revisions with it). One that applied some runs the missing originals, then a record_only
// step for the squash; when a missing original has no file, that is a GraphError "squash_partly_applied". A
// downgrade removes an applied squash as one step.
Plan plan_upgrade(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target,
                  std::span<const std::string> replaced_absent = {});
Plan plan_downgrade(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target,
                    std::span<const std::string> replaced_absent = {});

// What the database has applied once squashes are counted: a squash is in when every revision it replaces is
// applied, and the replaced revisions (with files) are in when their squash is. Load order.
std::vector<RevIndex> effective_applied(const RevisionGraph& graph, std::span<const RevIndex> applied,
                                        std::span<const std::string> replaced_absent = {});

// The applied set after `stamp destinations...` (revision-graph.md "Stamp", computed as maximal(destinations ∪
// unrelated heads) and closed under ancestors). `purge` starts from nothing. Ambiguous requests are a GraphError.
std::vector<RevIndex> plan_stamp(const RevisionGraph& graph, std::span<const RevIndex> applied,
                                 std::span<const std::string> destinations, bool purge);

// `history -r RANGE` (revision-graph.md "History ranges"): revisions in printed order, newest first. An empty range
// means `base:heads`. `current` is the database's heads, for ranges that mention `current` (empty when no database is
// involved).
std::vector<RevIndex> history(const RevisionGraph& graph, std::string_view range,
                              std::span<const RevIndex> current = {});

}  // namespace strata::graph
