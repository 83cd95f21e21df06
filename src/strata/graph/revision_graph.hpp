#pragma once
// The revision DAG (docs/revision-graph.md). Built once, fully validated, then read-only.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "strata/core/problem.hpp"
#include "strata/graph/revision.hpp"

namespace strata::graph {

class RevisionGraph;
namespace detail {
struct GraphData;
}

struct GraphBuild;

class RevisionGraph {
public:
  // Validates everything and builds; `revisions` must be in load order.
  static GraphBuild try_build(std::vector<Revision> revisions);
  // As try_build, but throws GraphError carrying every problem.
  static RevisionGraph build(std::vector<Revision> revisions);

  std::size_t size() const noexcept;
  const Revision& revision(RevIndex index) const;
  const std::string& id(RevIndex index) const;
  std::optional<RevIndex> find(std::string_view exact_id) const;
  // The revision that declares `label`.
  std::optional<RevIndex> find_label(std::string_view label) const;

  std::span<const RevIndex> parents(RevIndex index) const;          // `revises`, file order
  std::span<const RevIndex> dependencies(RevIndex index) const;     // resolved `depends_on`
  std::span<const RevIndex> normalized_down(RevIndex index) const;  // revision-graph.md "Normalised parents"
  std::span<const RevIndex> children(RevIndex index) const;         // load order
  std::span<const RevIndex> dependents(RevIndex index) const;       // children + depends_on users, load order
  // Declared and propagated labels (revision-graph.md "Branch labels"), sorted.
  const std::vector<std::string>& labels(RevIndex index) const;

  std::vector<RevIndex> heads() const;       // versioned heads, load order
  std::vector<RevIndex> real_heads() const;  // no dependents either
  std::vector<RevIndex> bases() const;       // no parents
  std::vector<RevIndex> real_bases() const;  // no parents and no dependencies
  bool is_head(RevIndex index) const;
  bool is_real_head(RevIndex index) const;
  bool is_branch_point(RevIndex index) const;  // two or more children
  bool is_merge_point(RevIndex index) const;   // two or more parents

  // Is `ancestor` in anc(`descendant`) (reflexive, through normalised down revisions)? Each call allocates
  // O(size()) scratch; for many questions about one set prefer ancestors(), descendants() or maximal().
  bool is_ancestor(RevIndex ancestor, RevIndex descendant) const;
  // anc(starts): every start and all its ancestors through normalised down revisions, in load order.
  std::vector<RevIndex> ancestors(std::span<const RevIndex> starts) const;
  // The maximal elements of `applied` (no other member descends from them): a database's heads.
  std::vector<RevIndex> maximal(std::span<const RevIndex> applied) const;
  // starts and everything above them, in load order: through children and depends_on users when
  // `include_dependencies`, through children only otherwise.
  std::vector<RevIndex> descendants(std::span<const RevIndex> starts, bool include_dependencies = true) const;
  // The revision ids of `indexes`, in the same order (for messages and output).
  std::vector<std::string> ids(std::span<const RevIndex> indexes) const;

  // The indexes behind the queries, for strata::graph's own algorithms (walk, plans).
  const detail::GraphData& internals() const noexcept;

private:
  struct Data;
  explicit RevisionGraph(std::shared_ptr<const Data> data);
  std::shared_ptr<const Data> m_data;
};

// Everything that stops a graph from being built (duplicate ids, dangling parents or dependencies, a label used
// as a parent, self-references, cycles reported as a path, duplicate labels, a label equal to an id, illegal id
// characters). Each problem names the file(s) and revision(s).
struct GraphBuild {
  std::optional<RevisionGraph> graph;  // empty when `problems` is not
  std::vector<Problem> problems;
};

// Problems that do not stop the graph from being used, but that `check` reports: redundant parents (a revision
// that revises its own ancestor too), and the head policy (more than one head per branch label, or more than one
// head when there are no labels).
std::vector<Problem> lint_graph(const RevisionGraph& graph);

}  // namespace strata::graph
