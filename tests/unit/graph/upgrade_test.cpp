// Upgrade plans (revision-graph.md "Relative targets", "Traversal order", "Upgrade") on the documentation's examples.
#include <gtest/gtest.h>

#include "plan_test_support.hpp"

namespace strata::graph::testing {
namespace {

TEST(Upgrade, H1DiamondHeadFromEmpty) {
  const auto graph = RevisionGraph::build(h1());
  const auto plan = upgrade(graph, {}, "head");
  EXPECT_EQ(plan.steps, (Ids{r1975, r27c6, ae10, r53ff}));
  EXPECT_TRUE(plan.heads_before.empty());
  EXPECT_EQ(plan.heads_after, (Ids{r53ff}));
}

TEST(Upgrade, H2BranchWhoseHeadLoadsFirstIsAppliedLast) {
  const auto graph = RevisionGraph::build(h2());
  const auto plan = upgrade(graph, {}, "heads");
  EXPECT_EQ(plan.steps, (Ids{r1975, r27c6, d747, ae10}));
  EXPECT_EQ(plan.heads_after, (Ids{ae10, d747}));
}

TEST(Upgrade, H3NetworkingPullsInTheOtherLineage) {
  const auto graph = RevisionGraph::build(h3());
  EXPECT_EQ(upgrade(graph, {}, "networking@head").steps, (Ids{r1975, ae10, r55af, r3cac, r109e, r29f8, r2a95}));
  const auto all = upgrade(graph, {}, "heads");
  EXPECT_EQ(all.steps.size(), 9u);
  EXPECT_EQ(all.heads_after, (Ids{d747, r2a95}));  // 55af is an effective head, not stored
}

TEST(Upgrade, NeverReappliesAndIgnoresTargetsBelowTheHeads) {
  const auto graph = RevisionGraph::build(h2());
  EXPECT_EQ(upgrade(graph, {r1975, r27c6}, "heads").steps, (Ids{d747, ae10}));
  const auto noop = upgrade(graph, {r1975, r27c6, d747}, r27c6);
  EXPECT_TRUE(noop.steps.empty());
  EXPECT_EQ(noop.heads_after, (Ids{d747}));
  EXPECT_TRUE(upgrade(graph, {}, "base").steps.empty());
}

TEST(Upgrade, HeadWithSeveralHeadsIsAnError) {
  const auto graph = RevisionGraph::build(h2());
  expect_error<GraphError>([&] { upgrade(graph, {}, "head"); }, ErrorCode::multiple_heads);
}

TEST(Upgrade, RelativePlusFromTheCurrentHead) {
  const auto graph = RevisionGraph::build(
      {rev("aaa1"), rev("aab2", {"aaa1"}), rev("abc", {"aab2"}), rev("b0001", {"abc"}), rev("b0002", {"b0001"})});
  EXPECT_EQ(upgrade(graph, {"aaa1", "aab2"}, "+2").steps, (Ids{"abc", "b0001"}));
  EXPECT_EQ(upgrade(graph, {}, "+1").steps, (Ids{"aaa1"}));
  expect_error<GraphError>([&] { upgrade(graph, {"aaa1"}, "+9"); }, ErrorCode::relative_overflow,
                           "Relative revision +9 didn't produce 9 migrations");
  EXPECT_EQ(upgrade(graph, {}, "aab2+1").steps, (Ids{"aaa1", "aab2", "abc"}));
  expect_error<GraphError>([&] { upgrade(graph, {}, "aab2+9"); }, ErrorCode::relative_overflow,
                           "Relative revision aab2+9 didn't produce 9 migrations");
  EXPECT_EQ(upgrade(graph, {}, "b0002-2").steps, (Ids{"aaa1", "aab2", "abc"}));
  EXPECT_TRUE(upgrade(graph, {}, "aab2-2").steps.empty());  // reaches base: nothing to do
  expect_error<GraphError>([&] { upgrade(graph, {}, "-1"); }, ErrorCode::relative_overflow,
                           "Relative revision -1 didn't produce 1 migrations");
}

TEST(Upgrade, RelativePlusOnABranch) {
  const auto graph = RevisionGraph::build(
      {rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2"}, {}, {"lab"}), rev("r4", {"r3"}), rev("r5", {"r2"})});
  EXPECT_EQ(upgrade(graph, {"r1", "r2", "r5"}, "lab@+1").steps, (Ids{"r3"}));
  EXPECT_EQ(upgrade(graph, {}, "lab@+1").steps, (Ids{"r1"}));
  EXPECT_EQ(upgrade(graph, {"r1", "r2", "r3"}, "lab@+1").steps, (Ids{"r4"}));
}

TEST(Upgrade, RelativeErrors) {
  const auto graph = RevisionGraph::build(h2());
  expect_error<GraphError>(
      [&] {
        upgrade(graph, {r1975, ae10, r27c6}, "+1");
      },
      ErrorCode::ambiguous_upgrade,
      "Ambiguous upgrade from multiple current revisions (ae1027a6acf, 27c6a30d7c24); use "
      "'<branchname>@+1' or name the target revision");
  expect_error<GraphError>([&] { upgrade(graph, {r1975}, "+1"); }, ErrorCode::ambiguous_walk,
                           "Ambiguous walk: revision 1975ea83b712 has several children (ae1027a6acf, "
                           "27c6a30d7c24); name the revision explicitly or use '<branchname>@+N'");
  EXPECT_EQ(upgrade(graph, {r1975}, "shoppingcart@+1").steps, (Ids{r27c6}));
}

TEST(Upgrade, RelativeFromNothingWithSeveralBases) {
  const auto graph = RevisionGraph::build({rev("a1"), rev("b1")});
  expect_error<GraphError>([&] { upgrade(graph, {}, "+1"); }, ErrorCode::ambiguous_walk,
                           "Ambiguous walk: the start has several bases (a1, b1); name the revision explicitly or use "
                           "'<branchname>@+N'");
}

TEST(Upgrade, OverlappingTargets) {
  // Versioned heads can overlap through depends_on: xx is a head although cc depends on it.
  const auto graph = RevisionGraph::build({rev("aa"), rev("xx", {"aa"}), rev("cc", {"aa"}, {"xx"})});
  expect_error<GraphError>([&] { upgrade(graph, {}, "aa@heads"); }, ErrorCode::overlapping_targets,
                           "Requested revision cc overlaps with other requested revisions xx");
  EXPECT_EQ(upgrade(graph, {}, "heads").steps, (Ids{"aa", "xx", "cc"}));
}

}  // namespace
}  // namespace strata::graph::testing
