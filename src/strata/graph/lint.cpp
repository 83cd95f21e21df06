// Problems `check` reports on a valid graph: redundant parents and the head policy.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "strata/graph/revision_graph.hpp"
#include "strata/graph/target.hpp"

namespace strata::graph {
namespace {

Problem heads_problem(const RevisionGraph& graph, const std::vector<RevIndex>& heads, const std::string& scope) {
  Problem problem;
  problem.code = ErrorCode::multiple_heads;
  const auto listed = detail::join_ids(graph, heads);
  std::string merge_args;
  for (const auto head : heads) merge_args += fmt::format(" {}", graph.id(head));
  problem.message =
      fmt::format("{} has {} heads ({}); merge them with `strata merge{}`", scope, heads.size(), listed, merge_args);
  for (const auto head : heads) {
    problem.revisions.push_back(graph.id(head));
    if (!graph.revision(head).path.empty()) problem.paths.push_back(graph.revision(head).path);
  }
  return problem;
}

}  // namespace

std::vector<Problem> lint_graph(const RevisionGraph& graph) {
  detail::Queries queries(graph);
  std::vector<Problem> problems;
  for (RevIndex node = 0; node < graph.size(); ++node) {
    const auto parents = graph.parents(node);
    for (const auto redundant : parents)
      for (const auto other : parents) {
        if (other == redundant || !queries.is_ancestor(redundant, other)) continue;
        const auto& revision = graph.revision(node);
        const auto position = detail::where(revision);
        Problem problem;
        problem.code = ErrorCode::redundant_parent;
        problem.message = fmt::format(
            "{}revision '{}' revises both '{}' and its ancestor '{}'; remove '{}' from its "
            "parents",
            position.empty() ? std::string() : fmt::format("{}: ", position), revision.id, graph.id(other),
            graph.id(redundant), graph.id(redundant));
        problem.revisions = {revision.id, graph.id(other), graph.id(redundant)};
        if (!revision.path.empty()) problem.paths.push_back(revision.path);
        problems.push_back(std::move(problem));
        break;
      }
  }
  // Head policy: one head per branch label, and one head among the unlabelled ones.
  std::map<std::string, std::vector<RevIndex>> by_label;
  std::vector<RevIndex> unlabelled;
  for (const auto head : graph.heads()) {
    if (graph.labels(head).empty()) unlabelled.push_back(head);
    for (const auto& label : graph.labels(head)) by_label[label].push_back(head);
  }
  const bool has_labels = !graph.internals().by_label.empty();
  if (unlabelled.size() > 1)
    problems.push_back(
        heads_problem(graph, unlabelled, has_labels ? "the unlabelled part of the graph" : "the revision graph"));
  for (const auto& [label, heads] : by_label)
    if (heads.size() > 1) problems.push_back(heads_problem(graph, heads, fmt::format("branch '{}'", label)));
  return problems;
}

}  // namespace strata::graph
