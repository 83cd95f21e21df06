#pragma once
// Internal: the pieces of the target grammar (revision-graph.md "Targets", "Relative targets") shared by resolve, the
// plans, stamp and history.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/graph/ancestry.hpp"
#include "strata/graph/graph_data.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/revision_graph.hpp"

namespace strata::graph::detail {

// Both ancestry relations of one graph, with their scratch space; one per top-level call.
class Queries {
public:
  explicit Queries(const RevisionGraph& revision_graph)
      : graph(revision_graph),
        data(revision_graph.internals()),
        m_normalized(data.normalized_down, data.normalized_forest, data.rank),
        m_versioned(data.parents, data.versioned_forest, data.rank) {}

  const RevisionGraph& graph;
  const GraphData& data;

  // Through normalised down revisions (dependencies included); reflexive.
  bool is_ancestor(RevIndex ancestor, RevIndex descendant) { return m_normalized.is_ancestor(ancestor, descendant); }
  std::optional<bool> is_ancestor_within(RevIndex ancestor, RevIndex descendant, std::size_t& budget) {
    return m_normalized.is_ancestor_within(ancestor, descendant, budget);
  }
  // Through `revises` only; reflexive.
  bool is_versioned_ancestor(RevIndex ancestor, RevIndex descendant) {
    return m_versioned.is_ancestor(ancestor, descendant);
  }
  // revision-graph.md "Targets": one is an ancestor of the other along `revises`.
  bool shares_lineage(RevIndex target, RevIndex against) {
    return is_versioned_ancestor(against, target) || is_versioned_ancestor(target, against);
  }

private:
  Ancestry m_normalized;
  Ancestry m_versioned;
};

// A point of a relative walk: "nothing" (before any revision), the pseudo-revision "base", or a revision.
struct Cursor {
  enum class Kind { nothing, base, revision };
  Kind kind = Kind::nothing;
  RevIndex index = 0;
  static Cursor at(RevIndex index) { return {Kind::revision, index}; }
};

// `[branch@][symbol](+|-)digits`, matched against the whole text.
struct Relative {
  std::optional<std::string> branch;
  std::optional<std::string> symbol;
  long steps = 0;
  std::string relative;  // "+2", "-1": as written
};
std::optional<Relative> parse_relative(std::string_view text);

// An id, a unique prefix (candidates: ids and labels of 4+ characters) or a label; `branch` filters prefix
// candidates and must share lineage with the result.
RevIndex resolve_identifier(Queries& queries, const std::string& text, const std::optional<std::string>& branch);
// A branch named by a label, or by an id or prefix.
RevIndex resolve_branch(Queries& queries, const std::string& branch);
// `targets` that share lineage with `branch`.
std::vector<RevIndex> filter_for_lineage(Queries& queries, const std::vector<RevIndex>& targets,
                                         const std::string& branch);
// The full name grammar (revision-graph.md "Targets", "Relative targets"); `argument` is echoed in the multiple-heads
// message. `reached_base`, when given, is set if a `-N` walk from some head ended at the pseudo-revision base (which is
// not in the result).
std::vector<RevIndex> get_revisions(Queries& queries, std::string_view text, std::string_view argument,
                                    bool* reached_base = nullptr);
// As get_revisions, but one revision at most (nothing for `base`).
std::optional<RevIndex> get_revision(Queries& queries, std::string_view text, std::string_view argument);
// revision-graph.md "Relative targets": walk |steps| up (steps > 0) or down; nullopt when the walk goes too far, unless
// `stop_at_end`, which returns the last point reached instead (history's relative ends).
std::optional<Cursor> walk_steps(Queries& queries, Cursor start, long steps, const std::optional<std::string>& branch,
                                 bool stop_at_end = false);
// revision-graph.md "Relative targets": the targets of an upgrade (or of a history range's end) given the current heads
// `rows`.
std::vector<RevIndex> upgrade_targets(Queries& queries, const std::vector<RevIndex>& rows, std::string_view target,
                                      bool stop_at_end = false);
// "Requested revision X overlaps with other requested revisions Y".
void check_overlap(Queries& queries, const std::vector<RevIndex>& targets);

// revision-graph.md "Traversal order": emit `todo` (flags, consumed) walking down from `starts`; descendants before
// ancestors. Members of todo that the walk cannot reach stay set.
std::vector<RevIndex> walk_order(Queries& queries, std::vector<char>& todo, const std::vector<RevIndex>& starts);

// Flags for `starts` and all their ancestors (normalised edges).
std::vector<char> ancestor_flags(const GraphData& data, const std::vector<RevIndex>& starts);
// Flags for `starts` and all their descendants (dependents, or children only).
std::vector<char> descendant_flags(const GraphData& data, const std::vector<RevIndex>& starts, bool with_dependents);

std::string join_ids(const RevisionGraph& graph, const std::vector<RevIndex>& indexes);

// The plans without squash rules (upgrade_plan.cpp, downgrade_plan.cpp); squash_plan.cpp adds them.
Plan upgrade_steps(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target);
Plan downgrade_steps(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target);

}  // namespace strata::graph::detail
