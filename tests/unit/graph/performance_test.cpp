// 10,000-revision graphs must build and plan in milliseconds (graph-semantics.md "Why the traversal is fast": Alembic
// is quadratic on dependency chains). No timing assertions: the test only has to finish; timings go to the test log.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "random_graphs.hpp"

namespace strata::graph::testing {
namespace {

constexpr std::size_t k_revisions = 10000;

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

void exercise(const std::string& name, std::vector<Revision> revisions) {
  auto start = std::chrono::steady_clock::now();
  const auto graph = RevisionGraph::build(std::move(revisions));
  const double build = elapsed_ms(start);
  start = std::chrono::steady_clock::now();
  const auto up = plan_upgrade(graph, {}, "heads");
  const double upgrade = elapsed_ms(start);
  ASSERT_EQ(up.steps.size(), graph.size());
  std::vector<RevIndex> everything(graph.size());
  for (RevIndex i = 0; i < graph.size(); ++i) everything[i] = i;
  start = std::chrono::steady_clock::now();
  const auto down = plan_downgrade(graph, everything, "base");
  const double downgrade = elapsed_ms(start);
  ASSERT_EQ(down.steps.size(), graph.size());
  start = std::chrono::steady_clock::now();
  const auto heads = graph.heads();
  const auto listed = history(graph, "");
  const double queries = elapsed_ms(start);
  EXPECT_FALSE(heads.empty());
  EXPECT_EQ(listed.size(), graph.size());
  std::cout << name << ": build " << build << " ms, upgrade heads " << upgrade << " ms, downgrade base " << downgrade
            << " ms, heads + history " << queries << " ms\n";
}

// Appending (not "r" + ...) sidesteps GCC 12's false -Wrestrict warning in optimised builds.
std::string name(const char* prefix, std::size_t i) { return std::string(prefix).append(std::to_string(i)); }

std::vector<Revision> chain(bool with_dependencies) {
  std::mt19937 rng(42);
  std::vector<Revision> revisions;
  for (std::size_t i = 0; i < k_revisions; ++i) {
    std::vector<std::string> revises, depends;
    if (i > 0) revises.push_back(name("r", i - 1));
    if (with_dependencies && i > 1) depends.push_back(name("r", rng() % (i - 1)));
    revisions.push_back(rev(name("r", i), revises, depends));
  }
  return revisions;
}

TEST(GraphPerformance, Chain) { exercise("chain", chain(false)); }

TEST(GraphPerformance, ChainWhereEveryRevisionDependsOnAnOlderOne) { exercise("dependency chain", chain(true)); }

// (i * 7919) mod (i - 1): a spread of old targets, then 2,000 revisions that all depend on r7919; this makes
// the revision-graph.md "Traversal order" walk switch branches very often (quadratic in Alembic's formulation).
TEST(GraphPerformance, ChainWithManyDependenciesOnOneRevision) {
  std::vector<Revision> revisions;
  for (std::size_t i = 0; i < k_revisions; ++i) {
    std::vector<std::string> revises, depends;
    if (i > 0) revises.push_back(name("r", i - 1));
    if (i > 1) depends.push_back(name("r", (i * 7919) % (i - 1)));
    revisions.push_back(rev(name("r", i), revises, depends));
  }
  exercise("fan-in chain", std::move(revisions));
}

TEST(GraphPerformance, BranchyGraph) {
  std::mt19937 rng(7);
  Shape shape;
  shape.size = k_revisions;
  shape.base = 0.01;
  shape.merge = 0.1;
  shape.dependency = 0.1;
  shape.label = 0.0;
  exercise("branchy", random_revisions(rng, shape));
}

TEST(GraphPerformance, ManyShortBranches) {
  std::vector<Revision> revisions{rev("root")};
  for (std::size_t i = 0; i + 1 < k_revisions / 2; ++i) {
    revisions.push_back(rev(name("a", i), {"root"}));
    revisions.push_back(rev(name("b", i), {name("a", i)}));
  }
  exercise("short branches", std::move(revisions));
}

}  // namespace
}  // namespace strata::graph::testing
