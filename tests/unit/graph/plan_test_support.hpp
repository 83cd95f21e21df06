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

}  // namespace strata::graph::testing
