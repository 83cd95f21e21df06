#pragma once
// Small helpers for graph tests: revisions written as literals, ids in and out.
#include <string>
#include <vector>

#include "strata/graph/plan.hpp"
#include "strata/graph/revision_graph.hpp"

namespace strata::graph::testing {

inline Revision rev(std::string id, std::vector<std::string> revises = {}, std::vector<std::string> depends_on = {},
                    std::vector<std::string> labels = {}) {
  Revision revision;
  revision.path = "migrations/" + id + ".sql";
  revision.line = 1;
  revision.id = std::move(id);
  revision.revises = std::move(revises);
  revision.depends_on = std::move(depends_on);
  revision.branch_labels = std::move(labels);
  return revision;
}

inline std::vector<std::string> ids(const RevisionGraph& graph, const std::vector<RevIndex>& indexes) {
  return graph.ids(indexes);
}

inline std::vector<RevIndex> indexes(const RevisionGraph& graph, const std::vector<std::string>& names) {
  std::vector<RevIndex> out;
  for (const auto& name : names) out.push_back(*graph.find(name));
  return out;
}

inline std::vector<std::string> step_ids(const RevisionGraph& graph, const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& step : plan.steps) out.push_back(graph.id(step.revision));
  return out;
}

inline std::vector<std::string> problem_messages(const std::vector<Revision>& revisions) {
  std::vector<std::string> out;
  for (const auto& problem : RevisionGraph::try_build(revisions).problems) out.push_back(problem.message);
  return out;
}

// The docs' examples (revision-semantics.md), in load order.
// H1: the diamond 1975 -> {ae10, 27c6} -> 53ff, with shoppingcart on 27c6.
inline std::vector<Revision> h1() {
  return {rev("1975ea83b712"), rev("ae1027a6acf", {"1975ea83b712"}),
          rev("27c6a30d7c24", {"1975ea83b712"}, {}, {"shoppingcart"}),
          rev("53fffde5ad5", {"ae1027a6acf", "27c6a30d7c24"})};
}
// H2: 1975 -> ae10, 1975 -> 27c6 -> d747.
inline std::vector<Revision> h2() {
  return {rev("1975ea83b712"), rev("ae1027a6acf", {"1975ea83b712"}),
          rev("27c6a30d7c24", {"1975ea83b712"}, {}, {"shoppingcart"}), rev("d747a8a8879", {"27c6a30d7c24"})};
}
// H3: the networking example: a second base with cross-lineage depends_on.
inline std::vector<Revision> h3() {
  return {rev("1975ea83b712"),
          rev("ae1027a6acf", {"1975ea83b712"}),
          rev("27c6a30d7c24", {"1975ea83b712"}, {}, {"shoppingcart"}),
          rev("d747a8a8879", {"27c6a30d7c24"}),
          rev("3cac04ae8714", {}, {}, {"networking"}),
          rev("109ec7d132bf", {"3cac04ae8714"}),
          rev("29f859a13ea", {"109ec7d132bf"}),
          rev("55af2cb1c267", {"ae1027a6acf"}),
          rev("2a95102259be", {"29f859a13ea"}, {"55af2cb1c267"})};
}

}  // namespace strata::graph::testing
