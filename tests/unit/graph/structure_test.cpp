// Heads and bases (revision-graph.md "Heads and bases"), normalised dependencies (revision-graph.md "Normalised
// parents"), label propagation (revision-graph.md "Branch labels"), ancestry and maximal sets.
#include <gtest/gtest.h>

#include "graph_fixture.hpp"

namespace strata::graph::testing {
namespace {

std::vector<std::string> normalized(const RevisionGraph& graph, const std::string& id) {
  const auto down = graph.normalized_down(*graph.find(id));
  return ids(graph, {down.begin(), down.end()});
}

std::vector<std::string> labels_of(const RevisionGraph& graph, const std::string& id) {
  return graph.labels(*graph.find(id));
}

TEST(Structure, HeadsAndBasesVersionedAndReal) {
  const auto graph = RevisionGraph::build(
      {rev("aa"), rev("xx"), rev("bb", {"aa"}, {"xx"}), rev("cc", {"bb"}, {"xx", "aa"}), rev("dd", {}, {"cc"})});
  EXPECT_EQ(ids(graph, graph.heads()), (std::vector<std::string>{"xx", "cc", "dd"}));
  EXPECT_EQ(ids(graph, graph.real_heads()), (std::vector<std::string>{"dd"}));
  EXPECT_EQ(ids(graph, graph.bases()), (std::vector<std::string>{"aa", "xx", "dd"}));
  EXPECT_EQ(ids(graph, graph.real_bases()), (std::vector<std::string>{"aa", "xx"}));
  EXPECT_TRUE(graph.is_head(*graph.find("xx")));
  EXPECT_FALSE(graph.is_real_head(*graph.find("xx")));
}

TEST(Structure, DependencyOnAnAncestorIsKept) {
  const auto graph = RevisionGraph::build({rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2"}), rev("r4", {"r3"}, {"r1"})});
  EXPECT_EQ(normalized(graph, "r4"), (std::vector<std::string>{"r3", "r1"}));
}

TEST(Structure, DependencyInheritedFromAnAncestorIsDropped) {
  const auto graph =
      RevisionGraph::build({rev("aa"), rev("xx"), rev("bb", {"aa"}, {"xx"}), rev("cc", {"bb"}, {"xx", "aa"})});
  EXPECT_EQ(normalized(graph, "cc"), (std::vector<std::string>{"bb", "aa"}));
  EXPECT_EQ(ids(graph, {graph.dependencies(3).begin(), graph.dependencies(3).end()}),
            (std::vector<std::string>{"xx", "aa"}));
}

TEST(Structure, DependentsIncludeDependsOnUsers) {
  const auto graph = RevisionGraph::build(h3());
  const auto ae10 = *graph.find("ae1027a6acf");
  const auto dependents = graph.dependents(*graph.find("55af2cb1c267"));
  EXPECT_EQ(ids(graph, {dependents.begin(), dependents.end()}), (std::vector<std::string>{"2a95102259be"}));
  EXPECT_EQ(graph.children(ae10).size(), 1u);
}

TEST(Structure, LabelsReachDescendantsAndAncestorsOfASimpleChain) {
  const auto graph =
      RevisionGraph::build({rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2"}, {}, {"L"}), rev("r4", {"r3"})});
  for (const auto* id : {"r1", "r2", "r3", "r4"})
    EXPECT_EQ(labels_of(graph, id), (std::vector<std::string>{"L"})) << id;
}

TEST(Structure, LabelsStopAtABranchPoint) {
  const auto graph = RevisionGraph::build(
      {rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2"}, {}, {"L"}), rev("r4", {"r3"}), rev("r5", {"r2"})});
  EXPECT_EQ(labels_of(graph, "r3"), (std::vector<std::string>{"L"}));
  EXPECT_EQ(labels_of(graph, "r4"), (std::vector<std::string>{"L"}));
  EXPECT_TRUE(labels_of(graph, "r2").empty());
  EXPECT_TRUE(labels_of(graph, "r5").empty());
}

TEST(Structure, LabelsDoNotGoDownWhenDescendantsMerge) {
  const auto graph = RevisionGraph::build({rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2"}, {}, {"L"}), rev("s1"),
                                           rev("m1", {"r3", "s1"}), rev("m2", {"m1"})});
  EXPECT_EQ(labels_of(graph, "m1"), (std::vector<std::string>{"L"}));
  EXPECT_EQ(labels_of(graph, "m2"), (std::vector<std::string>{"L"}));
  EXPECT_TRUE(labels_of(graph, "r2").empty());
  EXPECT_TRUE(labels_of(graph, "r1").empty());
  EXPECT_TRUE(labels_of(graph, "s1").empty());
}

TEST(Structure, MergeCarriesBothLabels) {
  const auto graph = RevisionGraph::build(
      {rev("r0"), rev("a1", {"r0"}, {}, {"A"}), rev("b1", {"r0"}, {}, {"B"}), rev("m", {"a1", "b1"})});
  EXPECT_EQ(labels_of(graph, "m"), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(ids(graph, resolve(graph, "A@head")), (std::vector<std::string>{"m"}));
  EXPECT_EQ(ids(graph, resolve(graph, "B@head")), (std::vector<std::string>{"m"}));
}

TEST(Structure, BranchAndMergePoints) {
  const auto graph = RevisionGraph::build(h1());
  EXPECT_TRUE(graph.is_branch_point(*graph.find("1975ea83b712")));
  EXPECT_TRUE(graph.is_merge_point(*graph.find("53fffde5ad5")));
  EXPECT_FALSE(graph.is_merge_point(*graph.find("ae1027a6acf")));
}

TEST(Structure, AncestryAndMaximal) {
  const auto graph = RevisionGraph::build(h3());
  const auto r1975 = *graph.find("1975ea83b712");
  const auto r2a95 = *graph.find("2a95102259be");
  const auto r55af = *graph.find("55af2cb1c267");
  const auto rd747 = *graph.find("d747a8a8879");
  EXPECT_TRUE(graph.is_ancestor(r1975, r2a95));  // through depends_on
  EXPECT_TRUE(graph.is_ancestor(r2a95, r2a95));
  EXPECT_FALSE(graph.is_ancestor(r2a95, r1975));
  EXPECT_FALSE(graph.is_ancestor(rd747, r2a95));
  const std::vector<RevIndex> starts{r2a95};
  EXPECT_EQ(ids(graph, graph.ancestors(starts)),
            (std::vector<std::string>{"1975ea83b712", "ae1027a6acf", "3cac04ae8714", "109ec7d132bf", "29f859a13ea",
                                      "55af2cb1c267", "2a95102259be"}));
  const std::vector<RevIndex> applied{r1975, r55af, r2a95, rd747, r55af};
  EXPECT_EQ(ids(graph, graph.maximal(applied)), (std::vector<std::string>{"d747a8a8879", "2a95102259be"}));
  const std::vector<RevIndex> base{r1975};
  EXPECT_EQ(graph.descendants(base, false).size(), 5u);
  EXPECT_EQ(graph.descendants(base, true).size(), 6u);
}

}  // namespace
}  // namespace strata::graph::testing
