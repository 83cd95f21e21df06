// Properties over 300 random graphs (fixed seeds): plans are topologically valid, upgrade never re-applies,
// upgrade-then-downgrade returns to nothing, heads are exactly the revisions without children, and the
// maximal sets a plan reports never overlap.
#include <gtest/gtest.h>

#include <set>

#include "random_graphs.hpp"
#include "strata/core/error.hpp"

namespace strata::graph::testing {
namespace {

constexpr int k_graphs = 300;

void expect_no_overlap(const RevisionGraph& graph, const std::vector<RevIndex>& heads) {
  for (const auto a : heads)
    for (const auto b : heads)
      if (a != b) {
        EXPECT_FALSE(graph.is_ancestor(a, b)) << graph.id(a) << " below " << graph.id(b);
      }
}

// Every upgrade step comes after its normalised down revisions; nothing applied is applied again.
void expect_valid_upgrade(const RevisionGraph& graph, std::vector<char> applied, const Plan& plan) {
  for (const auto& step : plan.steps) {
    EXPECT_EQ(step.direction, Direction::up);
    EXPECT_FALSE(applied[step.revision]) << "re-applies " << graph.id(step.revision);
    for (const auto down : graph.normalized_down(step.revision))
      EXPECT_TRUE(applied[down]) << graph.id(step.revision) << " before " << graph.id(down);
    applied[step.revision] = 1;
  }
  expect_no_overlap(graph, plan.heads_after);
  std::vector<RevIndex> after;
  for (RevIndex i = 0; i < graph.size(); ++i)
    if (applied[i]) after.push_back(i);
  EXPECT_EQ(graph.maximal(after), plan.heads_after);
}

// Every downgrade step removes a revision none of whose applied dependents remain.
std::vector<char> expect_valid_downgrade(const RevisionGraph& graph, std::vector<char> applied, const Plan& plan) {
  for (const auto& step : plan.steps) {
    EXPECT_EQ(step.direction, Direction::down);
    EXPECT_TRUE(applied[step.revision]) << "removes unapplied " << graph.id(step.revision);
    for (RevIndex other = 0; other < graph.size(); ++other) {
      if (!applied[other]) continue;
      const auto down = graph.normalized_down(other);
      EXPECT_EQ(std::find(down.begin(), down.end(), step.revision), down.end())
          << graph.id(step.revision) << " removed while " << graph.id(other) << " is applied";
    }
    applied[step.revision] = 0;
  }
  expect_no_overlap(graph, plan.heads_after);
  return applied;
}

TEST(GraphProperties, RandomGraphs) {
  for (int seed = 1; seed <= k_graphs; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(static_cast<unsigned>(seed));
    Shape shape;
    shape.size = 1 + rng() % 40;
    const auto graph = RevisionGraph::build(random_revisions(rng, shape));
    const auto n = graph.size();

    for (RevIndex i = 0; i < n; ++i) {
      EXPECT_EQ(graph.is_head(i), graph.children(i).empty());
      const auto heads = graph.heads();
      EXPECT_EQ(std::find(heads.begin(), heads.end(), i) != heads.end(), graph.children(i).empty());
      EXPECT_EQ(graph.is_real_head(i), graph.dependents(i).empty());
    }

    // Everything from nothing, then everything away again.
    const auto all = plan_upgrade(graph, {}, "heads");
    expect_valid_upgrade(graph, std::vector<char>(n, 0), all);
    EXPECT_EQ(all.steps.size(), n);
    std::vector<RevIndex> everything(n);
    for (RevIndex i = 0; i < n; ++i) everything[i] = i;
    const auto down = plan_downgrade(graph, everything, "base");
    EXPECT_EQ(down.steps.size(), n);
    const auto left = expect_valid_downgrade(graph, std::vector<char>(n, 1), down);
    EXPECT_TRUE(down.heads_after.empty());
    EXPECT_EQ(std::count(left.begin(), left.end(), 1), 0);

    // From random applied states: upgrade to heads and to a revision; downgrade to a revision.
    for (int round = 0; round < 4; ++round) {
      const std::vector<RevIndex> picks{static_cast<RevIndex>(rng() % n), static_cast<RevIndex>(rng() % n)};
      const auto applied_list = graph.ancestors(picks);
      std::vector<char> applied(n, 0);
      for (const auto i : applied_list) applied[i] = 1;
      const auto target = graph.id(static_cast<RevIndex>(rng() % n));

      const auto up = plan_upgrade(graph, applied_list, "heads");
      expect_valid_upgrade(graph, applied, up);
      EXPECT_EQ(up.heads_before, graph.maximal(applied_list));
      const auto to_target = plan_upgrade(graph, applied_list, target);
      expect_valid_upgrade(graph, applied, to_target);
      try {
        const auto back = plan_downgrade(graph, applied_list, target);
        const auto remaining = expect_valid_downgrade(graph, applied, back);
        // What remains is closed under ancestors and its maximal set is what the plan reports.
        std::vector<RevIndex> rest;
        for (RevIndex i = 0; i < n; ++i)
          if (remaining[i]) rest.push_back(i);
        EXPECT_EQ(graph.ancestors(rest), rest);
        EXPECT_EQ(graph.maximal(rest), back.heads_after);
      } catch (const GraphError& error) {
        EXPECT_EQ(std::string(error.code_name()), "invalid_downgrade_target") << error.what();
      }
    }
  }
}

}  // namespace
}  // namespace strata::graph::testing
