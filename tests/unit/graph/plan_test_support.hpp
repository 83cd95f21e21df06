#pragma once
// Helpers for plan tests: apply by ids, read steps and heads as ids; errors are checked with expect_error.
#include <string>
#include <vector>

#include "graph_fixture.hpp"
#include "strata/core/error.hpp"
#include "support/expect_error.hpp"

namespace strata::graph::testing {

using ::strata::testing::expect_error;

struct PlanIds {
  std::vector<std::string> steps;
  std::vector<std::string> heads_before;
  std::vector<std::string> heads_after;
};

inline PlanIds upgrade(const RevisionGraph& graph, const std::vector<std::string>& applied, std::string_view target) {
  const auto plan = plan_upgrade(graph, indexes(graph, applied), target);
  return {step_ids(graph, plan), ids(graph, plan.heads_before), ids(graph, plan.heads_after)};
}

inline PlanIds downgrade(const RevisionGraph& graph, const std::vector<std::string>& applied, std::string_view target) {
  const auto plan = plan_downgrade(graph, indexes(graph, applied), target);
  return {step_ids(graph, plan), ids(graph, plan.heads_before), ids(graph, plan.heads_after)};
}

// Everything below `heads`, as an applied set.
inline std::vector<std::string> applied_below(const RevisionGraph& graph, const std::vector<std::string>& heads) {
  return ids(graph, graph.ancestors(indexes(graph, heads)));
}

using Ids = std::vector<std::string>;

// The ids of the docs' examples (graph_fixture.hpp), named by their first digits.
inline const std::string r1975 = "1975ea83b712", ae10 = "ae1027a6acf", r27c6 = "27c6a30d7c24", r53ff = "53fffde5ad5",
                         d747 = "d747a8a8879", r3cac = "3cac04ae8714", r109e = "109ec7d132bf", r29f8 = "29f859a13ea",
                         r55af = "55af2cb1c267", r2a95 = "2a95102259be";

}  // namespace strata::graph::testing
