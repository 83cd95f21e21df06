// Squashes (`replaces`): validation, heads, and the all / none / some rules of plans, plus a property over random
// chains: from every point of a replaced run, upgrade to head runs each replaced change exactly once.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "plan_test_support.hpp"

namespace strata::graph::testing {
namespace {

Revision squash_of(std::string id, std::vector<std::string> revises, std::vector<std::string> replaces) {
  auto revision = rev(std::move(id), std::move(revises));
  revision.replaces = std::move(replaces);
  return revision;
}

// a -> b -> c -> d -> e, with s replacing b..d and e re-pointed to s.
std::vector<Revision> squashed_chain(bool originals = true) {
  std::vector<Revision> revisions{rev("a")};
  if (originals) {
    revisions.push_back(rev("b", {"a"}));
    revisions.push_back(rev("c", {"b"}));
    revisions.push_back(rev("d", {"c"}));
  }
  revisions.push_back(squash_of("s", {"a"}, {"b", "c", "d"}));
  revisions.push_back(rev("e", {"s"}));
  return revisions;
}

std::vector<std::string> codes(const std::vector<Revision>& revisions) {
  std::vector<std::string> out;
  for (const auto& problem : RevisionGraph::try_build(revisions).problems)
    out.push_back(std::string(to_string(problem.code)));
  return out;
}

TEST(Squash, ReplacedRevisionsAreNeverHeads) {
  const auto graph = RevisionGraph::build(squashed_chain());
  EXPECT_EQ(ids(graph, graph.heads()), (Ids{"e"}));
  EXPECT_EQ(ids(graph, graph.real_heads()), (Ids{"e"}));
  EXPECT_FALSE(graph.is_head(*graph.find("d")));
  EXPECT_EQ(graph.id(*graph.replaced_by(*graph.find("c"))), "s");
  EXPECT_FALSE(graph.replaced_by(*graph.find("e")));
  EXPECT_TRUE(lint_graph(graph).empty());
  EXPECT_EQ(upgrade(graph, {}, "head").steps, (Ids{"a", "s", "e"}));
}

TEST(Squash, DeletedOriginalsStillMapToTheirSquash) {
  const auto graph = RevisionGraph::build(squashed_chain(false));
  EXPECT_EQ(graph.id(*graph.squash_replacing("c")), "s");
  EXPECT_FALSE(graph.squash_replacing("e"));
  EXPECT_EQ(ids(graph, graph.heads()), (Ids{"e"}));
}

TEST(Squash, AllAppliedRecordsTheSquashAndRunsNothingOfIt) {
  const auto graph = RevisionGraph::build(squashed_chain());
  const auto plan = plan_upgrade(graph, indexes(graph, {"a", "b", "c", "d"}), "head");
  ASSERT_EQ(plan.steps.size(), 2u);
  EXPECT_EQ(graph.id(plan.steps[0].revision), "s");
  EXPECT_TRUE(plan.steps[0].record_only);
  EXPECT_EQ(graph.id(plan.steps[1].revision), "e");
  EXPECT_FALSE(plan.steps[1].record_only);
  EXPECT_EQ(ids(graph, plan.heads_before), (Ids{"s"}));
  EXPECT_EQ(ids(graph, plan.heads_after), (Ids{"e"}));
}

TEST(Squash, AllAppliedWithDeletedOriginals) {
  const auto graph = RevisionGraph::build(squashed_chain(false));
  const std::vector<std::string> absent{"b", "c", "d"};
  const auto plan = plan_upgrade(graph, indexes(graph, {"a"}), "head", absent);
  EXPECT_EQ(step_ids(graph, plan), (Ids{"s", "e"}));
  EXPECT_TRUE(plan.steps[0].record_only);
  EXPECT_EQ(ids(graph, effective_applied(graph, indexes(graph, {"a"}), absent)), (Ids{"a", "s"}));
}

TEST(Squash, NoneAppliedRunsTheSquashOnce) {
  const auto graph = RevisionGraph::build(squashed_chain());
  const auto plan = plan_upgrade(graph, indexes(graph, {"a"}), "head");
  EXPECT_EQ(step_ids(graph, plan), (Ids{"s", "e"}));
  EXPECT_FALSE(plan.steps[0].record_only);
}

TEST(Squash, SomeAppliedRunsTheMissingOriginalsThenRecordsTheSquash) {
  const auto graph = RevisionGraph::build(squashed_chain());
  const auto plan = plan_upgrade(graph, indexes(graph, {"a", "b"}), "head");
  EXPECT_EQ(step_ids(graph, plan), (Ids{"c", "d", "s", "e"}));
  EXPECT_FALSE(plan.steps[0].record_only);
  EXPECT_TRUE(plan.steps[2].record_only);
  EXPECT_EQ(ids(graph, plan.heads_before), (Ids{"b"}));
  EXPECT_EQ(ids(graph, plan.heads_after), (Ids{"e"}));
}

TEST(Squash, SomeAppliedWithDeletedOriginalsIsRefusedNamingWhatIsMissing) {
  const auto graph = RevisionGraph::build(squashed_chain(false));
  const std::vector<std::string> absent{"b"};
  expect_error<GraphError>(
      [&] { plan_upgrade(graph, indexes(graph, {"a"}), "head", absent); }, ErrorCode::squash_partly_applied,
      "squash s replaces b, c, d; this database applied b but not c, d, and their files "
      "were deleted, so neither they nor the squash can run; nothing was changed\nhint: restore the deleted "
      "files (`git log --diff-filter=D --name-only` shows the commit that deleted them) and upgrade again, or "
      "apply c, d by hand and record the squash with `strata stamp s`");
  // A target below the squash does not need it.
  EXPECT_TRUE(plan_upgrade(graph, indexes(graph, {"a"}), "a", absent).steps.empty());
  expect_error<GraphError>([&] { plan_downgrade(graph, indexes(graph, {"a"}), "base", absent); },
                           ErrorCode::squash_partly_applied);
}

TEST(Squash, DowngradeRemovesTheSquashAsOneStep) {
  const auto graph = RevisionGraph::build(squashed_chain());
  // Applied through the squash: the store holds s and every replaced revision.
  const auto plan = plan_downgrade(graph, indexes(graph, {"a", "b", "c", "d", "s", "e"}), "a");
  EXPECT_EQ(step_ids(graph, plan), (Ids{"e", "s"}));
  EXPECT_EQ(ids(graph, plan.heads_before), (Ids{"e"}));
  EXPECT_EQ(ids(graph, plan.heads_after), (Ids{"a"}));
  // Applied as originals, squash not yet recorded: the squash's down section undoes them all.
  EXPECT_EQ(downgrade(graph, {"a", "b", "c", "d"}, "a").steps, (Ids{"s"}));
  // Partly applied originals go down one by one.
  EXPECT_EQ(downgrade(graph, {"a", "b", "c"}, "base").steps, (Ids{"c", "b", "a"}));
  EXPECT_EQ(downgrade(graph, {"a", "b", "c"}, "b").steps, (Ids{"c"}));
  // Through the squash, a downgrade cannot stop between the revisions it replaces.
  expect_error<GraphError>(
      [&] {
        plan_downgrade(graph, indexes(graph, {"a", "b", "c", "d", "s", "e"}), "c");
      },
      ErrorCode::downgrade_into_squash,
      "Destination c is one of the revisions squash s replaces (b, c, d), and a "
      "downgrade removes a squash as one step; downgrade to a, the squash's parent, instead");
}

TEST(Squash, TheSquashsParentIsNoBranchPoint) {
  const auto graph = RevisionGraph::build(squashed_chain());
  EXPECT_FALSE(graph.is_branch_point(*graph.find("a")));
  auto forked = squashed_chain();
  forked.push_back(rev("f", {"a"}));
  EXPECT_TRUE(RevisionGraph::build(forked).is_branch_point(0));
}

TEST(Squash, UpgradeToAReplacedRevisionAfterTheSquashRanIsANoOp) {
  const auto graph = RevisionGraph::build(squashed_chain());
  EXPECT_TRUE(upgrade(graph, {"a", "b", "c", "d", "s"}, "c").steps.empty());
  EXPECT_EQ(upgrade(graph, {}, "c").steps, (Ids{"a", "b", "c"}));
}

TEST(Squash, MaximalPutsReplacedRevisionsBelowTheirSquash) {
  const auto graph = RevisionGraph::build(squashed_chain());
  EXPECT_EQ(ids(graph, graph.maximal(indexes(graph, {"a", "b", "c", "d", "s"}))), (Ids{"s"}));
  EXPECT_EQ(ids(graph, graph.maximal(indexes(graph, {"a", "b", "c"}))), (Ids{"c"}));
}

TEST(Squash, ValidationOfReplaces) {
  // A run that skips a revision.
  EXPECT_EQ(codes({rev("a"), rev("b", {"a"}), rev("c", {"b"}), squash_of("s", {"a"}, {"b", "d"}), rev("d", {"c"})}),
            (Ids{"replaces_not_contiguous", "replaced_has_outside_child"}));
  EXPECT_EQ(problem_messages({rev("a"), rev("b", {"a"}), rev("c", {"b"}), squash_of("s", {"a"}, {"c"})}),
            (Ids{"migrations/s.sql:1: squash 's' replaces a run that is not contiguous: 'c' (migrations/c.sql:1) "
                 "revises 'b', where the first replaced revision must revise what the squash revises ('a'); list "
                 "the run oldest first, one lineage without gaps"}));
  // Some files deleted, others still there.
  EXPECT_EQ(problem_messages({rev("a"), rev("b", {"a"}), squash_of("s", {"a"}, {"b", "c"})}),
            (Ids{"migrations/s.sql:1: squash 's' replaces 'c', which is not in the repository, while 'b' is; "
                 "restore the missing file, or delete every replaced file with `strata squash --finalize s`"}));
  // Something outside the run builds on a replaced revision.
  EXPECT_EQ(problem_messages(
                {rev("a"), rev("b", {"a"}), rev("c", {"b"}), squash_of("s", {"a"}, {"b", "c"}), rev("x", {"b"})}),
            (Ids{"migrations/x.sql:1: revision 'x' revises 'b', which squash 's' (migrations/s.sql:1) replaces; "
                 "make it revise 's' instead"}));
  EXPECT_EQ(codes({rev("a"), rev("b", {"a"}), squash_of("s", {"a"}, {"b"}), rev("x", {"s"}, {"b"})}),
            (Ids{"replaced_is_dependency"}));
  EXPECT_EQ(codes({rev("a"), rev("b", {"a"}), squash_of("s", {"a"}, {"b"}), squash_of("t", {"a"}, {"b"})}),
            (Ids{"replaced_twice"}));
  EXPECT_EQ(codes({rev("a"), squash_of("s", {"a"}, {"s"})}), (Ids{"replaces_not_contiguous"}));
}

// Property: a random chain with a random replaced run; a database at every point of the run (and the same points
// reached through the squash) upgrades to head running each replaced change exactly once, ending with every
// original recorded, as a database that never saw the squash would.
TEST(Squash, EveryStartingPointEndsWithEachChangeAppliedOnce) {
  std::mt19937 random(20261202);
  for (int trial = 0; trial < 200; ++trial) {
    const int length = 2 + static_cast<int>(random() % 12);
    const int first = static_cast<int>(random() % length);
    const int last = first + static_cast<int>(random() % (length - first));
    std::vector<std::string> chain;
    for (int i = 0; i < length; ++i) chain.push_back("r" + std::to_string(i));
    std::vector<std::string> replaced(chain.begin() + first, chain.begin() + last + 1);
    for (const bool originals : {true, false}) {
      std::vector<Revision> revisions;
      for (int i = 0; i < length; ++i) {
        const bool in_run = i >= first && i <= last;
        if (in_run && !originals) continue;
        std::vector<std::string> parents;
        if (i > 0) parents.push_back(i == last + 1 ? "sq" : chain[i - 1]);
        revisions.push_back(rev(chain[i], parents));
      }
      revisions.push_back(squash_of(
          "sq", first > 0 ? std::vector<std::string>{chain[first - 1]} : std::vector<std::string>{}, replaced));
      const auto graph = RevisionGraph::build(revisions);
      ASSERT_EQ(graph.heads().size(), 1u);
      // Databases at each prefix of the chain (0 = empty); without original files only "none" and "all" can move.
      for (int prefix = 0; prefix <= length; ++prefix) {
        std::set<std::string> recorded(chain.begin(), chain.begin() + prefix);
        const bool partly = prefix > first && prefix <= last;
        std::vector<RevIndex> applied;
        std::vector<std::string> absent;
        for (const auto& id : recorded) {
          if (const auto index = graph.find(id)) applied.push_back(*index);
          else absent.push_back(id);
        }
        if (partly && !originals) {
          expect_error<GraphError>([&] { plan_upgrade(graph, applied, "head", absent); },
                                   ErrorCode::squash_partly_applied);
          continue;
        }
        std::map<std::string, int> runs;
        for (const auto& step : plan_upgrade(graph, applied, "head", absent).steps) {
          const auto& id = graph.id(step.revision);
          ASSERT_FALSE(recorded.contains(id)) << "re-records " << id;
          recorded.insert(id);
          if (step.record_only) continue;
          if (id == "sq") {
            for (const auto& member : replaced) {
              ++runs[member];
              recorded.insert(member);
            }
          } else {
            ++runs[id];
          }
        }
        for (int i = 0; i < length; ++i) {
          EXPECT_EQ(runs[chain[i]], i < prefix ? 0 : 1) << "trial " << trial << " prefix " << prefix << " " << chain[i];
          EXPECT_TRUE(recorded.contains(chain[i]));
        }
        EXPECT_TRUE(recorded.contains("sq"));
      }
    }
  }
}

}  // namespace
}  // namespace strata::graph::testing
