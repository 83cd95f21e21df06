#pragma once
// Internal: the arrays behind RevisionGraph, shared by the files that build them (validate, normalize, labels,
// reach). Not part of the public contract; include only from src/strata/graph/*.cpp.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <span>
#include <vector>

#include "strata/core/problem.hpp"
#include "strata/graph/revision.hpp"

namespace strata::graph::detail {

using Adjacency = std::vector<std::vector<RevIndex>>;

inline constexpr RevIndex k_no_revision = static_cast<RevIndex>(-1);

// Marks every revision reachable from `starts` along `edges` (starts included): the one flood behind ancestor and
// descendant queries.
std::vector<char> reach(const Adjacency& edges, std::span<const RevIndex> starts);

// A forest over "exactly one parent" edges with Euler-tour intervals. Chains are the common shape of a history,
// and inside one tree "is X below Y" is an interval test, so ancestry queries only branch at merges.
struct Forest {
  std::vector<RevIndex> root;  // the nearest node at or below, following single-parent edges, with != 1 parent
  std::vector<std::uint32_t> enter;
  std::vector<std::uint32_t> leave;
  bool contains(RevIndex ancestor, RevIndex node) const {
    return root[ancestor] == root[node] && enter[ancestor] <= enter[node] && leave[node] <= leave[ancestor];
  }
};

struct GraphData {
  std::vector<Revision> revisions;
  std::unordered_map<std::string, RevIndex> by_id;
  std::unordered_map<std::string, RevIndex> by_label;  // declaring revision

  Adjacency parents;                             // `revises`, file order
  Adjacency dependencies;                        // resolved `depends_on`, file order, no duplicates
  Adjacency normalized_down;                     // revision-graph.md "Normalised parents"
  Adjacency normalized_up;                       // reverse of normalized_down, load order
  Adjacency children;                            // reverse of parents, load order
  Adjacency dependents;                          // children + depends_on users, load order
  std::vector<std::vector<std::string>> labels;  // revision-graph.md "Branch labels", sorted

  // Squashes (`replaces`): the squash replacing each revision (k_no_revision if none); every replaced id, its
  // file present or not, to its squash; the squashes in topological order.
  std::vector<RevIndex> replaced_by;
  std::unordered_map<std::string, RevIndex> squash_of;
  std::vector<RevIndex> squashes;

  std::vector<std::uint32_t> rank;  // topological rank: every ancestor has a smaller rank
  Forest versioned_forest;          // over `parents`
  Forest normalized_forest;         // over `normalized_down`
};

// Checks the revisions and fills by_id, by_label, parents and dependencies. Returns every problem found; the graph
// is only usable when the result is empty.
std::vector<Problem> validate(GraphData& data);
// Checks every `replaces` list (requires by_id, parents, dependencies) and fills replaced_by and squash_of.
std::vector<Problem> check_replaces(GraphData& data);
// Computes rank (requires an acyclic graph).
void rank_topologically(GraphData& data);
// Builds a forest over single-parent edges of `edges`.
Forest build_forest(const Adjacency& edges);
// revision-graph.md "Normalised parents": normalized_down and normalized_up (requires parents, dependencies, rank and
// versioned_forest).
void normalize_dependencies(GraphData& data);
// revision-graph.md "Branch labels" (requires children, dependents, parents).
void propagate_labels(GraphData& data);

// "path:line" (or just the path) for messages.
std::string where(const Revision& revision);
// A problem of `revision`: the message prefixed with where(revision), its path and id listed.
Problem problem_at(ErrorCode code, const Revision& revision, const std::string& message);

}  // namespace strata::graph::detail
