// Name resolution (revision-graph.md "Targets", "Relative targets"): exact ids, prefixes, labels, symbols, branch
// forms, -N; and the exact errors.
#include <gtest/gtest.h>

#include "plan_test_support.hpp"
#include "support/expect_error.hpp"

namespace strata::graph::testing {
namespace {

using ::strata::testing::expect_error;

std::vector<std::string> resolved(const RevisionGraph& graph, std::string_view target) {
  return ids(graph, resolve(graph, target));
}

RevisionGraph prefixes() {
  return RevisionGraph::build(
      {rev("aaa1"), rev("aab2", {"aaa1"}), rev("abc", {"aab2"}), rev("b0001", {"abc"}), rev("b0002", {"abc"})});
}

TEST(Resolve, ExactMatchWinsOverPrefix) {
  const auto graph = RevisionGraph::build({rev("a0a08"), rev("a0a08f98", {"a0a08"})});
  EXPECT_EQ(resolved(graph, "a0a08"), (std::vector<std::string>{"a0a08"}));
  EXPECT_EQ(resolved(graph, "a0a08f"), (std::vector<std::string>{"a0a08f98"}));
}

TEST(Resolve, PrefixOfAnyLengthWhenUnique) {
  const auto graph = prefixes();
  EXPECT_EQ(resolved(graph, "aaa"), (std::vector<std::string>{"aaa1"}));
  EXPECT_EQ(resolved(graph, "abc"), (std::vector<std::string>{"abc"}));
  EXPECT_EQ(resolved(graph, "b0001"), (std::vector<std::string>{"b0001"}));
}

TEST(Resolve, ShortIdsAreNeverPrefixCandidates) {
  expect_error<GraphError>([] { resolve(prefixes(), "ab"); }, ErrorCode::unknown_revision,
                           "Can't locate revision identified by 'ab'; did you mean 'abc'?");
  expect_error<GraphError>([] { resolve(prefixes(), "zz"); }, ErrorCode::unknown_revision,
                           "Can't locate revision identified by 'zz'; please ensure at least four characters are "
                           "present for partial revision identifier matches");
}

TEST(Resolve, AmbiguousPrefixListsCandidates) {
  expect_error<GraphError>([] { resolve(prefixes(), "b0"); }, ErrorCode::ambiguous_revision,
                           "Can't locate revision identified by 'b0': it is the start of several revisions: "
                           "'b0001', 'b0002'; give more characters");
}

TEST(Resolve, UnknownSuggestsTheClosestName) {
  expect_error<GraphError>([] { resolve(prefixes(), "b0003"); }, ErrorCode::unknown_revision,
                           "Can't locate revision identified by 'b0003'; did you mean 'b0001'?");
  expect_error<GraphError>([] { resolve(prefixes(), "zzzzzzzz"); }, ErrorCode::unknown_revision,
                           "Can't locate revision identified by 'zzzzzzzz'");
}

TEST(Resolve, LabelsResolveExactlyAndByPrefix) {
  const auto graph = RevisionGraph::build(
      {rev("ffff0001", {}, {}, {"shoppingcart"}), rev("abcd1234"), rev("eeee0001", {}, {}, {"abcd_feature"})});
  EXPECT_EQ(resolved(graph, "shoppingcart"), (std::vector<std::string>{"ffff0001"}));
  EXPECT_EQ(resolved(graph, "sho"), (std::vector<std::string>{"ffff0001"}));
  EXPECT_EQ(resolved(graph, "shop@head"), (std::vector<std::string>{"ffff0001"}));
  expect_error<GraphError>([&] { resolve(graph, "abcd"); }, ErrorCode::ambiguous_revision,
                           "Can't locate revision identified by 'abcd': it is the start of several revisions: "
                           "'abcd1234', 'abcd_feature'; give more characters");
}

TEST(Resolve, IdAndLabelOfOneRevisionAreNotAmbiguous) {
  const auto graph = RevisionGraph::build({rev("shop1234", {}, {}, {"shopping"})});
  EXPECT_EQ(resolved(graph, "shop"), (std::vector<std::string>{"shop1234"}));
}

TEST(Resolve, Symbols) {
  const auto graph = RevisionGraph::build(h2());
  EXPECT_TRUE(resolve(graph, "base").empty());
  EXPECT_EQ(resolved(graph, "heads"), (std::vector<std::string>{"ae1027a6acf", "d747a8a8879"}));
  EXPECT_EQ(resolved(graph, "ae10@head"), (std::vector<std::string>{"ae1027a6acf"}));
  EXPECT_EQ(resolved(graph, "1975ea83b712@heads"), (std::vector<std::string>{"ae1027a6acf", "d747a8a8879"}));
  EXPECT_EQ(resolved(graph, "shoppingcart@head"), (std::vector<std::string>{"d747a8a8879"}));
  EXPECT_EQ(resolved(graph, "shoppingcart@27c6"), (std::vector<std::string>{"27c6a30d7c24"}));
  EXPECT_TRUE(resolve(graph, "shoppingcart@base").empty());
  EXPECT_TRUE(resolve(RevisionGraph::build({}), "head").empty());
  EXPECT_TRUE(resolve(RevisionGraph::build({}), "heads").empty());
}

TEST(Resolve, HeadWithSeveralHeadsIsTheAlembicError) {
  const auto graph = RevisionGraph::build(h2());
  const auto error = expect_error<GraphError>(
      [&] { resolve(graph, "head"); }, ErrorCode::multiple_heads,
      "Multiple head revisions are present for given argument 'head'; please specify a "
      "specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads "
      "(heads: ae1027a6acf, d747a8a8879)");
  expect_error<GraphError>(
      [&] { resolve(graph, "1975@head"); }, ErrorCode::multiple_heads,
      "Multiple head revisions are present for given argument '1975@head'; please specify a "
      "specific target revision, '<branchname>@1975@head' to narrow to a specific head, or 'heads' for all "
      "heads (heads: ae1027a6acf, d747a8a8879)");
  EXPECT_EQ(error.revisions(), (std::vector<std::string>{"ae1027a6acf", "d747a8a8879"}));
}

TEST(Resolve, HeadUsesVersionedHeadsAndHeadsUsesRealHeads) {
  // revision-graph.md "Heads and bases": aa, xx bases; bb(down aa, dep xx); cc(down bb, dep xx, aa); dd(no down, dep
  // cc).
  const auto graph = RevisionGraph::build(
      {rev("aa"), rev("xx"), rev("bb", {"aa"}, {"xx"}), rev("cc", {"bb"}, {"xx", "aa"}), rev("dd", {}, {"cc"})});
  EXPECT_EQ(resolved(graph, "heads"), (std::vector<std::string>{"dd"}));
  expect_error<GraphError>([&] { resolve(graph, "head"); }, ErrorCode::multiple_heads);
}

TEST(Resolve, BranchMembership) {
  const auto graph = RevisionGraph::build(h2());
  expect_error<GraphError>([&] { resolve(graph, "shoppingcart@ae10"); }, ErrorCode::not_in_branch,
                           "Can't locate revision identified by 'ae10': revision ae1027a6acf is not a member of "
                           "branch 'shoppingcart'");
  expect_error<GraphError>([&] { resolve(graph, "nosuch@head"); }, ErrorCode::unknown_revision,
                           "Can't locate revision identified by 'nosuch'");
  // A prefix that is ambiguous overall can be unique within the branch.
  const auto branchy =
      RevisionGraph::build({rev("r000"), rev("aaaa1", {"r000"}, {}, {"left"}), rev("aaaa2", {"r000"}, {}, {"right"})});
  EXPECT_EQ(resolved(branchy, "right@aaaa"), (std::vector<std::string>{"aaaa2"}));
}

TEST(Resolve, RelativeFromHeads) {
  const auto chain =
      RevisionGraph::build({rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2"}), rev("r4", {"r3"}), rev("r5", {"r4"})});
  EXPECT_EQ(resolved(chain, "-1"), (std::vector<std::string>{"r4"}));
  EXPECT_EQ(resolved(chain, "-4"), (std::vector<std::string>{"r1"}));
  EXPECT_TRUE(resolve(chain, "-5").empty());  // the pseudo-revision base
  expect_error<GraphError>([&] { resolve(chain, "-6"); }, ErrorCode::relative_overflow,
                           "Relative revision -6 didn't produce 6 migrations from head r5");
  expect_error<GraphError>([&] { resolve(chain, "+1"); }, ErrorCode::unknown_revision);

  const auto graph = RevisionGraph::build(h2());
  EXPECT_EQ(resolved(graph, "-1"), (std::vector<std::string>{"1975ea83b712", "27c6a30d7c24"}));
  EXPECT_EQ(resolved(graph, "shoppingcart@-1"), (std::vector<std::string>{"27c6a30d7c24"}));
}

TEST(Resolve, AmbiguousWalkThroughAMerge) {
  const auto graph = RevisionGraph::build(h1());
  expect_error<GraphError>([&] { resolve(graph, "-1"); }, ErrorCode::ambiguous_walk,
                           "Ambiguous walk: revision 53fffde5ad5 has several parents (ae1027a6acf, 27c6a30d7c24); "
                           "name the revision explicitly or use '<branchname>@-N'");
}

// Found by fuzzing (tests/fuzz/corpus/target/regression_relative_beyond_long): a count beyond `long` threw
// std::out_of_range out of the graph library; it is a relative_overflow like any count larger than the graph.
TEST(Resolve, RelativeCountBeyondLongIsOutOfRange) {
  const auto graph = RevisionGraph::build(h1());
  {
    const auto error =
        expect_error<GraphError>([&] { resolve(graph, "-99999999999999999999"); }, ErrorCode::relative_overflow);
    EXPECT_STREQ(error.what(),
                 "Relative revision -99999999999999999999 is out of range; the repository has 4 revisions");
  }
  EXPECT_THROW(
      plan_downgrade(graph, indexes(graph, {"1975ea83b712", "27c6a30d7c24"}), "shoppingcart@-" + std::string(60, '2')),
      GraphError);
}

}  // namespace
}  // namespace strata::graph::testing
