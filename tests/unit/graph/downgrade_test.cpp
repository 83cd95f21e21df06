// Downgrade plans (revision-graph.md "Relative targets", "Downgrade") on the documentation's examples.
#include <gtest/gtest.h>

#include "plan_test_support.hpp"

namespace strata::graph::testing {
namespace {

TEST(Downgrade, H1ToBaseWalksFromTheMerge) {
  const auto graph = RevisionGraph::build(h1());
  const auto plan = downgrade(graph, applied_below(graph, {r53ff}), "base");
  EXPECT_EQ(plan.steps, (Ids{r53ff, ae10, r27c6, r1975}));
  EXPECT_EQ(plan.heads_before, (Ids{r53ff}));
  EXPECT_TRUE(plan.heads_after.empty());
}

TEST(Downgrade, UnmergeLeavesBothParentsAsHeads) {
  const auto graph = RevisionGraph::build(h1());
  const auto plan = downgrade(graph, applied_below(graph, {r53ff}), ae10);
  EXPECT_EQ(plan.steps, (Ids{r53ff}));
  EXPECT_EQ(plan.heads_after, (Ids{ae10, r27c6}));
  expect_error<GraphError>([&] { downgrade(graph, applied_below(graph, {r53ff}), "-1"); }, ErrorCode::ambiguous_walk);
}

TEST(Downgrade, LabelRelativeRemovesOneBranch) {
  const auto graph = RevisionGraph::build(h1());
  const auto plan = downgrade(graph, applied_below(graph, {ae10, r27c6}), "shoppingcart@-1");
  EXPECT_EQ(plan.steps, (Ids{r27c6}));
  EXPECT_EQ(plan.heads_after, (Ids{ae10}));
}

TEST(Downgrade, MinusOneWithSeveralHeadsIsAnError) {
  const auto graph = RevisionGraph::build(h2());
  expect_error<GraphError>(
      [&] {
        downgrade(graph, applied_below(graph, {ae10, r27c6}), "-1");
      },
      ErrorCode::ambiguous_downgrade,
      "Relative downgrade '-1' is ambiguous: the database has several heads (ae1027a6acf, "
      "27c6a30d7c24); use '<branchname>@-1' or name the destination revision explicitly");
  EXPECT_EQ(downgrade(graph, applied_below(graph, {ae10, r27c6}), ae10 + "@-1").steps, (Ids{ae10}));
  expect_error<GraphError>([&] { downgrade(graph, {}, "-1"); }, ErrorCode::relative_overflow,
                           "Relative revision -1 didn't produce 1 migrations");
  expect_error<GraphError>([&] { downgrade(graph, {r1975}, "-2"); }, ErrorCode::relative_overflow,
                           "Relative revision -2 didn't produce 2 migrations");
}

TEST(Downgrade, OneBranchOnlyWithALabel) {
  const auto graph =
      RevisionGraph::build({rev("r1"), rev("a1", {"r1"}, {}, {"A"}), rev("a2", {"a1"}), rev("b1", {"r1"}, {}, {"B"})});
  const auto applied = applied_below(graph, {"a2", "b1"});
  const auto branch = downgrade(graph, applied, "A@r1");
  EXPECT_EQ(branch.steps, (Ids{"a2", "a1"}));
  EXPECT_EQ(branch.heads_after, (Ids{"b1"}));
  const auto plain = downgrade(graph, applied, "r1");
  EXPECT_EQ(plain.steps, (Ids{"a2", "a1", "b1"}));
  EXPECT_EQ(plain.heads_after, (Ids{"r1"}));
  EXPECT_EQ(downgrade(graph, applied, "A@base").steps, (Ids{"a2", "a1", "b1", "r1"}));
}

TEST(Downgrade, TwoBasesRelativeImpliesTheBranch) {
  // a1 and x1 are both bases; x1 depends on a1; x1 -> x2.
  const auto graph = RevisionGraph::build({rev("a1"), rev("x1", {}, {"a1"}), rev("x2", {"x1"})});
  const auto applied = applied_below(graph, {"x2"});
  const auto relative = downgrade(graph, applied, "-2");
  EXPECT_EQ(relative.steps, (Ids{"x2", "x1"}));
  EXPECT_EQ(relative.heads_after, (Ids{"a1"}));
  const auto explicit_walk = downgrade(graph, applied, "x2-2");
  EXPECT_EQ(explicit_walk.steps, (Ids{"x2", "x1", "a1"}));
  EXPECT_TRUE(explicit_walk.heads_after.empty());
}

TEST(Downgrade, DependentsAreRemovedAcrossLineages) {
  const auto graph = RevisionGraph::build(h3());
  const auto all = ids(graph, graph.ancestors(graph.real_heads()));
  const auto plan = downgrade(graph, all, ae10);
  EXPECT_EQ(plan.steps, (Ids{r2a95, r55af}));
  EXPECT_EQ(plan.heads_after, (Ids{ae10, d747, r29f8}));
  const auto networking = downgrade(graph, all, "networking@base");
  EXPECT_EQ(std::find(networking.steps.begin(), networking.steps.end(), r55af), networking.steps.end());
}

TEST(Downgrade, InvalidDestinations) {
  const auto graph = RevisionGraph::build(h3());
  const auto all = ids(graph, graph.ancestors(graph.real_heads()));
  // 55af's only dependent is a depends_on user: nothing to remove, and it is not a stored head.
  expect_error<GraphError>([&] { downgrade(graph, all, r55af); }, ErrorCode::invalid_downgrade_target,
                           "Destination 55af2cb1c267 is not a valid downgrade target from current "
                           "head(s) (d747a8a8879, 2a95102259be): nothing above it is applied");
  expect_error<GraphError>([&] { downgrade(graph, applied_below(graph, {ae10}), d747); },
                           ErrorCode::invalid_downgrade_target,
                           "Destination d747a8a8879 is not a valid downgrade target from current "
                           "head(s) (ae1027a6acf): nothing above it is applied");
  expect_error<GraphError>([&] { downgrade(graph, {}, ae10); }, ErrorCode::invalid_downgrade_target,
                           "Destination ae1027a6acf is not a valid downgrade target from current "
                           "head(s) (none: nothing is applied): nothing above it is applied");
  // Downgrading to a current head is a no-op.
  EXPECT_TRUE(downgrade(graph, all, d747).steps.empty());
  expect_error<GraphError>([&] { downgrade(graph, all, "+1"); }, ErrorCode::relative_overflow,
                           "Relative revision +1 didn't produce 1 migrations");
}

TEST(Downgrade, LabelRelativeWithoutAStart) {
  const auto graph = RevisionGraph::build({rev("r1"), rev("a1", {"r1"}, {}, {"A"}), rev("b1", {"r1"}, {}, {"B"})});
  expect_error<GraphError>(
      [&] {
        downgrade(graph, {"r1", "b1"}, "A@-1");
      },
      ErrorCode::invalid_downgrade_target, "Can't downgrade 'A@-1': no applied revision is on branch 'A'");
}

TEST(Downgrade, LabelRelativeWithSeveralStarts) {
  // Both applied heads are on r1's lineage.
  const auto graph = RevisionGraph::build({rev("r1"), rev("a1", {"r1"}), rev("b1", {"r1"})});
  expect_error<GraphError>(
      [&] {
        downgrade(graph, {"r1", "a1", "b1"}, "r1@-1");
      },
      ErrorCode::ambiguous_downgrade,
      "Can't downgrade 'r1@-1': several applied heads are on branch 'r1' (a1, b1); name the "
      "destination revision explicitly");
}

TEST(Downgrade, BranchFilterLeavingNoRoot) {
  // r1 has two children (two roots); neither is below X's revision, so the branch filter leaves nothing.
  const auto graph = RevisionGraph::build({rev("r1"), rev("a1", {"r1"}), rev("b1", {"r1"}), rev("x1", {}, {}, {"X"})});
  expect_error<GraphError>(
      [&] {
        downgrade(graph, {"r1", "a1", "b1"}, "X@r1");
      },
      ErrorCode::invalid_downgrade_target,
      "Not a valid downgrade target from current heads: 'X@r1' is not on branch 'X'");
}

TEST(Downgrade, WalkedTooFar) {
  const auto graph = RevisionGraph::build({rev("r1"), rev("r2", {"r1"})});
  expect_error<GraphError>(
      [&] {
        downgrade(graph, {"r1", "r2"}, "r2-3");
      },
      ErrorCode::relative_overflow, "Walked too far: 'r2-3' goes below base");
  expect_error<GraphError>(
      [&] {
        downgrade(graph, {"r1", "r2"}, "r1+5");
      },
      ErrorCode::relative_overflow, "Walked too far: 'r1+5' goes beyond the last revision");
  EXPECT_EQ(downgrade(graph, {"r1", "r2"}, "r2-1").steps, (Ids{"r2"}));
}

}  // namespace
}  // namespace strata::graph::testing
