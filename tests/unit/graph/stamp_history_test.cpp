// stamp (revision-graph.md "Stamp", with strata's maximal-set fix), history ranges (revision-graph.md "History ranges")
// and lint_graph.
#include <gtest/gtest.h>

#include "plan_test_support.hpp"

namespace strata::graph::testing {
namespace {

Ids stamp(const RevisionGraph& graph, const Ids& applied, const Ids& destinations, bool purge = false) {
  return ids(graph, plan_stamp(graph, indexes(graph, applied), destinations, purge));
}

Ids heads_of(const RevisionGraph& graph, const Ids& applied) {
  return ids(graph, graph.maximal(indexes(graph, applied)));
}

TEST(Stamp, UpwardDownwardAndUnrelated) {
  const auto h1graph = RevisionGraph::build(h1());
  EXPECT_EQ(heads_of(h1graph, stamp(h1graph, applied_below(h1graph, {ae10, r27c6}), {r53ff})), (Ids{r53ff}));
  const auto h2graph = RevisionGraph::build(h2());
  EXPECT_EQ(stamp(h2graph, applied_below(h2graph, {d747, ae10}), {r1975}), (Ids{r1975}));
  const auto h3graph = RevisionGraph::build(h3());
  EXPECT_EQ(heads_of(h3graph, stamp(h3graph, {}, {d747, r2a95})), (Ids{d747, r2a95}));
  EXPECT_EQ(heads_of(h3graph, stamp(h3graph, applied_below(h3graph, {d747}), {"networking@head"})), (Ids{d747, r2a95}));
}

TEST(Stamp, HeadsFromABranchPointIsNotAmbiguous) {
  const auto graph = RevisionGraph::build(h2());
  EXPECT_EQ(heads_of(graph, stamp(graph, {r1975}, {"heads"})), (Ids{ae10, d747}));
}

TEST(Stamp, BaseAndBranchBase) {
  const auto graph =
      RevisionGraph::build({rev("r1"), rev("a1", {"r1"}, {}, {"A"}), rev("a2", {"a1"}), rev("x1", {}, {}, {"X"})});
  const auto applied = applied_below(graph, {"a2", "x1"});
  EXPECT_EQ(stamp(graph, applied, {"X@base"}), (Ids{"r1", "a1", "a2"}));
  EXPECT_TRUE(stamp(graph, applied, {"base"}).empty());
  EXPECT_EQ(stamp(graph, applied, {"a1"}, true), (Ids{"r1", "a1"}));
}

TEST(Stamp, AmbiguousRequestsAreRefused) {
  const auto h1graph = RevisionGraph::build(h1());
  expect_error<GraphError>(
      [&] {
        stamp(h1graph, applied_below(h1graph, {r53ff}), {ae10, r27c6});
      },
      ErrorCode::ambiguous_stamp,
      "Ambiguous stamp: destinations ae1027a6acf, 27c6a30d7c24 are all related to the current "
      "head 53fffde5ad5; stamp them one at a time, or use --purge");
  EXPECT_EQ(heads_of(h1graph, stamp(h1graph, applied_below(h1graph, {r53ff}), {ae10, r27c6}, true)),
            (Ids{ae10, r27c6}));
  const auto h2graph = RevisionGraph::build(h2());
  expect_error<GraphError>(
      [&] {
        stamp(h2graph, applied_below(h2graph, {d747}), {d747, r27c6});
      },
      ErrorCode::ambiguous_stamp,
      "Can't stamp both 27c6a30d7c24 and d747a8a8879: 27c6a30d7c24 is an ancestor of "
      "d747a8a8879; stamp only the one you mean");
}

Ids hist(const RevisionGraph& graph, std::string_view range, const Ids& current = {}) {
  const auto indexes_of_current = indexes(graph, current);
  return ids(graph, history(graph, range, indexes_of_current));
}

TEST(History, WholeGraphNewestFirst) {
  const auto graph = RevisionGraph::build(h2());
  EXPECT_EQ(hist(graph, ""), (Ids{ae10, d747, r27c6, r1975}));
  EXPECT_EQ(hist(graph, "base:heads"), hist(graph, ""));
  EXPECT_EQ(hist(graph, ":"), hist(graph, ""));
}

TEST(History, Ranges) {
  const auto graph = RevisionGraph::build(
      {rev("aaa1"), rev("aab2", {"aaa1"}), rev("abc", {"aab2"}), rev("b0001", {"abc"}), rev("b0002", {"b0001"})});
  EXPECT_EQ(hist(graph, "aab2:"), (Ids{"b0002", "b0001", "abc", "aab2"}));
  EXPECT_EQ(hist(graph, ":abc"), (Ids{"abc", "aab2", "aaa1"}));
  EXPECT_EQ(hist(graph, "aab2:+2"), (Ids{"b0001", "abc", "aab2"}));
  EXPECT_EQ(hist(graph, "-2:"), (Ids{"b0002", "b0001", "abc"}));
  EXPECT_EQ(hist(graph, "aab2:+9"), (Ids{"b0002", "b0001", "abc", "aab2"}));  // relative ends stop at the tip
  EXPECT_EQ(hist(graph, "current:", {"abc"}), (Ids{"b0002", "b0001", "abc"}));
  EXPECT_EQ(hist(graph, ":current", {"abc"}), (Ids{"abc", "aab2", "aaa1"}));
  EXPECT_EQ(hist(graph, "current:+1", {"abc"}), (Ids{"b0001", "abc"}));
}

TEST(History, BranchBaseKeepsOnlyThatLine) {
  const auto graph = RevisionGraph::build(h2());
  EXPECT_EQ(hist(graph, "shoppingcart@base:"), (Ids{d747, r27c6, r1975}));
  EXPECT_EQ(hist(graph, ":shoppingcart@head"), (Ids{d747, r27c6, r1975}));
}

TEST(History, Errors) {
  const auto graph = RevisionGraph::build(h2());
  expect_error<GraphError>([&] { hist(graph, "heads"); }, ErrorCode::invalid_range,
                           "History range 'heads' is not of the form [start]:[end], [start]:, or :[end]; e.g. strata "
                           "history -r base:heads");
  expect_error<GraphError>([&] { hist(graph, "a:b:c"); }, ErrorCode::invalid_range,
                           "History range 'a:b:c' is not of the form [start]:[end], [start]:, or :[end]; e.g. strata "
                           "history -r base:heads");
  expect_error<GraphError>(
      [&] { hist(graph, std::string(100000, ':')); }, ErrorCode::invalid_range,
      "History range '" + std::string(60, ':') +
          "...' is not of the form [start]:[end], [start]:, or :[end]; e.g. strata history -r base:heads");
  expect_error<GraphError>([&] { hist(graph, "ae10:d747"); }, ErrorCode::range_not_ancestral,
                           "Requested range ae10:d747 does not refer to ancestor/descendant revisions along "
                           "the same branch");
  expect_error<GraphError>([&] { hist(graph, "1975ea83b712@base:"); }, ErrorCode::invalid_range,
                           "History range 1975ea83b712@base:heads: revision 1975ea83b712 carries no branch label; "
                           "start the range with a branch label instead");
  const auto labelled = RevisionGraph::build({rev("r1", {}, {}, {"A", "B"}), rev("r2", {"r1"})});
  expect_error<GraphError>([&] { hist(labelled, "r1@base:"); }, ErrorCode::invalid_range,
                           "History range r1@base:heads: revision r1 carries several branch labels; start the range "
                           "with a branch label instead");
  EXPECT_EQ(hist(labelled, "A@base:"), (Ids{"r2", "r1"}));
  // x2 is reached from a1 only through depends_on: not along the same branch.
  const auto deps = RevisionGraph::build({rev("a1"), rev("x1", {}, {"a1"}), rev("x2", {"x1"})});
  expect_error<GraphError>([&] { hist(deps, "a1:x2"); }, ErrorCode::range_not_ancestral,
                           "Requested range a1:x2 does not refer to ancestor/descendant revisions along the "
                           "same branch");
}

TEST(Lint, RedundantParent) {
  const auto graph = RevisionGraph::build({rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2", "r1"})});
  const auto problems = lint_graph(graph);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "redundant_parent");
  EXPECT_EQ(problems[0].message,
            "migrations/r3.sql:1: revision 'r3' revises both 'r2' and its ancestor 'r1'; remove 'r1' from its "
            "parents");
}

TEST(Lint, HeadPolicy) {
  EXPECT_TRUE(lint_graph(RevisionGraph::build(h1())).empty());
  // One unlabelled head and one head of shoppingcart: fine.
  EXPECT_TRUE(lint_graph(RevisionGraph::build(h2())).empty());

  const auto unlabelled = lint_graph(RevisionGraph::build({rev("r1"), rev("r2", {"r1"}), rev("r3", {"r1"})}));
  ASSERT_EQ(unlabelled.size(), 1u);
  EXPECT_EQ(std::string(to_string(unlabelled[0].code)), "multiple_heads");
  EXPECT_EQ(unlabelled[0].message, "the revision graph has 2 heads (r2, r3); merge them with `strata merge r2 r3`");
  EXPECT_EQ(unlabelled[0].paths, (Ids{"migrations/r2.sql", "migrations/r3.sql"}));

  const auto labelled = lint_graph(RevisionGraph::build({rev("r1"), rev("a1", {"r1"}, {}, {"A"}), rev("a2", {"a1"}),
                                                         rev("a3", {"a1"}), rev("b1", {"r1"}), rev("b2", {"r1"})}));
  ASSERT_EQ(labelled.size(), 2u);
  EXPECT_EQ(labelled[0].message,
            "the unlabelled part of the graph has 2 heads (b1, b2); merge them with `strata merge b1 b2`");
  EXPECT_EQ(labelled[1].message, "branch 'A' has 2 heads (a2, a3); merge them with `strata merge a2 a3`");
}

}  // namespace
}  // namespace strata::graph::testing
