// Building and validating the graph (revision-graph.md "Validation"): every problem, with its exact text, all collected
// at once.
#include <gtest/gtest.h>

#include "graph_fixture.hpp"
#include "strata/core/error.hpp"
#include "support/expect_error.hpp"

namespace strata::graph::testing {
namespace {

using ::strata::testing::expect_error;

TEST(GraphBuild, AcceptsAValidGraphAndAnswersBasicQueries) {
  const auto graph = RevisionGraph::build(h3());
  EXPECT_EQ(graph.size(), 9u);
  EXPECT_EQ(ids(graph, graph.heads()), (std::vector<std::string>{"d747a8a8879", "55af2cb1c267", "2a95102259be"}));
  EXPECT_EQ(ids(graph, graph.real_heads()), (std::vector<std::string>{"d747a8a8879", "2a95102259be"}));
  EXPECT_EQ(ids(graph, graph.bases()), (std::vector<std::string>{"1975ea83b712", "3cac04ae8714"}));
  EXPECT_TRUE(graph.is_branch_point(*graph.find("1975ea83b712")));
  EXPECT_FALSE(graph.is_merge_point(*graph.find("2a95102259be")));
  EXPECT_EQ(*graph.find_label("networking"), *graph.find("3cac04ae8714"));
  EXPECT_FALSE(graph.find("nope").has_value());
}

TEST(GraphBuild, EmptyGraphIsValid) {
  const auto graph = RevisionGraph::build({});
  EXPECT_EQ(graph.size(), 0u);
  EXPECT_TRUE(graph.heads().empty());
}

TEST(GraphBuild, DuplicateIdNamesBothFiles) {
  auto first = rev("aaaa");
  auto second = rev("aaaa");
  second.path = "migrations/other.sql";
  second.line = 3;
  const auto problems = RevisionGraph::try_build({first, second}).problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "duplicate_revision");
  EXPECT_EQ(problems[0].message,
            "migrations/other.sql:3: revision 'aaaa' is already defined in migrations/aaaa.sql:1; give one of them a "
            "new id");
  EXPECT_EQ(problems[0].paths, (std::vector<std::string>{"migrations/aaaa.sql", "migrations/other.sql"}));
  EXPECT_EQ(problems[0].revisions, (std::vector<std::string>{"aaaa"}));
}

TEST(GraphBuild, UnknownParentSuggestsTheClosestId) {
  const auto problems = RevisionGraph::try_build({rev("abcd1234"), rev("b000", {"abcd1243"})}).problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "unknown_parent");
  EXPECT_EQ(problems[0].message,
            "migrations/b000.sql:1: revision 'b000' revises unknown revision 'abcd1243'; did you mean 'abcd1234'?");
}

TEST(GraphBuild, UnknownParentWithoutSuggestion) {
  EXPECT_EQ(problem_messages({rev("b000", {"zzzzzz"})}),
            (std::vector<std::string>{"migrations/b000.sql:1: revision 'b000' revises unknown revision 'zzzzzz'"}));
}

TEST(GraphBuild, UnknownDependency) {
  const auto problems = RevisionGraph::try_build({rev("aaaa"), rev("bbbb", {"aaaa"}, {"nolabel"})}).problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "unknown_dependency");
  EXPECT_EQ(problems[0].message,
            "migrations/bbbb.sql:1: revision 'bbbb' depends on unknown revision or branch label 'nolabel'");
}

TEST(GraphBuild, BranchLabelAsParentIsRefused) {
  const auto problems = RevisionGraph::try_build({rev("aaaa", {}, {}, {"core"}), rev("bbbb", {"core"})}).problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "label_as_parent");
  EXPECT_EQ(problems[0].message,
            "migrations/bbbb.sql:1: revision 'bbbb' revises 'core', which is a branch label of revision 'aaaa'; "
            "`revises` must name revision ids, so write 'aaaa'");
}

TEST(GraphBuild, BranchLabelAsDependencyResolvesToTheDeclaringRevision) {
  const auto graph =
      RevisionGraph::build({rev("aaaa", {}, {}, {"core"}), rev("aaab", {"aaaa"}), rev("bbbb", {}, {"core"})});
  EXPECT_EQ(ids(graph, {graph.dependencies(2).begin(), graph.dependencies(2).end()}),
            (std::vector<std::string>{"aaaa"}));
}

TEST(GraphBuild, PartialIdsInFilesAreRefused) {
  const auto problems =
      RevisionGraph::try_build({rev("abcdef12"), rev("bbbb", {"abcd"}), rev("cccc", {"abcdef12"}, {"abc"})}).problems;
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "partial_revision_id");
  EXPECT_EQ(problems[0].message,
            "migrations/bbbb.sql:1: revision 'bbbb' revises 'abcd', which is only the start of revision id "
            "'abcdef12'; write the full id");
  EXPECT_EQ(problems[1].message,
            "migrations/cccc.sql:1: revision 'cccc' depends on 'abc', which is only the start of revision id "
            "'abcdef12'; write the full id");
}

TEST(GraphBuild, SelfReferences) {
  const auto problems =
      RevisionGraph::try_build({rev("aaaa", {"aaaa"}), rev("bbbb", {}, {"bbbb"}), rev("cccc", {}, {"own"}, {"own"})})
          .problems;
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "self_reference");
  EXPECT_EQ(problems[0].message, "migrations/aaaa.sql:1: revision 'aaaa' revises itself");
  EXPECT_EQ(problems[1].message, "migrations/bbbb.sql:1: revision 'bbbb' depends on itself");
  EXPECT_EQ(problems[2].message, "migrations/cccc.sql:1: revision 'cccc' depends on itself");
}

TEST(GraphBuild, CycleIsReportedAsAPathWithFiles) {
  const auto problems =
      RevisionGraph::try_build({rev("base"), rev("aaaa", {"cccc"}), rev("bbbb", {"aaaa"}), rev("cccc", {"bbbb"})})
          .problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "cycle");
  EXPECT_EQ(problems[0].message,
            "cycle in the revision graph (each revision revises or depends on the next): aaaa "
            "(migrations/aaaa.sql:1) -> cccc (migrations/cccc.sql:1) -> bbbb (migrations/bbbb.sql:1) -> aaaa; "
            "remove one of these references");
  EXPECT_EQ(problems[0].revisions, (std::vector<std::string>{"aaaa", "cccc", "bbbb"}));
  EXPECT_EQ(problems[0].paths.size(), 3u);
}

TEST(GraphBuild, DependencyCycleSaysSo) {
  const auto problems = RevisionGraph::try_build({rev("aaaa", {}, {"bbbb"}), rev("bbbb", {"aaaa"})}).problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message,
            "dependency cycle in the revision graph (each revision revises or depends on the next): aaaa "
            "(migrations/aaaa.sql:1) -> bbbb (migrations/bbbb.sql:1) -> aaaa; remove one of these references");
}

TEST(GraphBuild, EveryCycleIsReported) {
  const auto problems = RevisionGraph::try_build({rev("aaaa", {"bbbb"}), rev("bbbb", {"aaaa"}), rev("cccc", {"dddd"}),
                                                  rev("dddd", {"cccc"})})
                            .problems;
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].revisions, (std::vector<std::string>{"aaaa", "bbbb"}));
  EXPECT_EQ(problems[1].revisions, (std::vector<std::string>{"cccc", "dddd"}));
}

TEST(GraphBuild, DuplicateLabelNamesBothRevisionsAndFiles) {
  const auto problems =
      RevisionGraph::try_build({rev("aaaa", {}, {}, {"core"}), rev("bbbb", {"aaaa"}, {}, {"core"})}).problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "duplicate_label");
  EXPECT_EQ(problems[0].message,
            "migrations/bbbb.sql:1: branch label 'core' of revision 'bbbb' is already used by revision 'aaaa' "
            "(migrations/aaaa.sql:1)");
  EXPECT_EQ(problems[0].revisions, (std::vector<std::string>{"aaaa", "bbbb"}));
  EXPECT_EQ(problems[0].paths, (std::vector<std::string>{"migrations/aaaa.sql", "migrations/bbbb.sql"}));
}

TEST(GraphBuild, LabelEqualToAnId) {
  const auto problems = RevisionGraph::try_build({rev("aaaa", {}, {}, {"bbbb"}), rev("bbbb", {"aaaa"})}).problems;
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "label_is_revision_id");
  EXPECT_EQ(problems[0].message,
            "migrations/aaaa.sql:1: branch label 'bbbb' of revision 'aaaa' is also the id of revision 'bbbb' "
            "(migrations/bbbb.sql:1); rename the label");
}

TEST(GraphBuild, IllegalCharactersInIds) {
  const auto problems = RevisionGraph::try_build({rev("aa-a"), rev("b@b+b"), rev("c:c"), rev("d d"), rev("")}).problems;
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(std::string(to_string(problems[0].code)), "illegal_revision_id");
  EXPECT_EQ(problems[0].message,
            "migrations/aa-a.sql:1: Character(s) '-' not allowed in revision identifier 'aa-a'"
            "; a revision id uses letters, digits, '_' and '.' (not first)");
  EXPECT_EQ(problems[1].message,
            "migrations/b@b+b.sql:1: Character(s) '@, +' not allowed in revision identifier 'b@b+b'"
            "; a revision id uses letters, digits, '_' and '.' (not first)");
  EXPECT_EQ(problems[2].message,
            "migrations/c:c.sql:1: Character(s) ':' not allowed in revision identifier 'c:c'"
            "; a revision id uses letters, digits, '_' and '.' (not first)");
  EXPECT_EQ(problems[3].message,
            "migrations/d d.sql:1: Character(s) ' ' not allowed in revision identifier 'd d'"
            "; a revision id uses letters, digits, '_' and '.' (not first)");
  EXPECT_EQ(problems[4].message, "migrations/.sql:1: empty revision identifier");
}

TEST(GraphBuild, IdsAreSafeFileNamesAndNeverRawControlCharacters) {
  const auto problems = RevisionGraph::try_build({rev("../evil"), rev("a\x1b[2Jb"), rev(".hidden"),
                                                  rev(std::string(300, 'a')), rev("ok.v2_x")})
                            .problems;
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].message,
            "migrations/../evil.sql:1: Character(s) '/' not allowed in revision identifier '../evil'; a revision id "
            "uses letters, digits, '_' and '.' (not first)");
  EXPECT_EQ(problems[1].message,
            "migrations/a\x1b[2Jb.sql:1: Character(s) '\\x1b, [' not allowed in revision identifier 'a\\x1b[2Jb'; "
            "a revision id uses letters, digits, '_' and '.' (not first)");
  EXPECT_EQ(problems[2].message,
            "migrations/.hidden.sql:1: revision identifier '.hidden' starts with '.'; a revision id uses letters, "
            "digits, '_' and '.' (not first)");
  EXPECT_EQ(problems[3].message, "migrations/" + std::string(300, 'a') + ".sql:1: revision identifier '" +
                                     std::string(60, 'a') + "...' is 300 bytes long; the limit is 255");
}

TEST(GraphBuild, PositionIsOmittedWhenUnknown) {
  auto revision = rev("aaaa", {"zzzzzzzz"});
  revision.line = 0;
  EXPECT_EQ(problem_messages({revision}),
            (std::vector<std::string>{"migrations/aaaa.sql: revision 'aaaa' revises unknown revision 'zzzzzzzz'"}));
  revision.path.clear();
  EXPECT_EQ(problem_messages({revision}),
            (std::vector<std::string>{"revision 'aaaa' revises unknown revision 'zzzzzzzz'"}));
}

TEST(GraphBuild, AllProblemsAreCollectedAndBuildThrowsThemAll) {
  const std::vector<Revision> revisions{rev("aaaa"), rev("aaaa"), rev("bbbb", {"nope"}), rev("c-c")};
  EXPECT_EQ(RevisionGraph::try_build(revisions).problems.size(), 3u);
  EXPECT_FALSE(RevisionGraph::try_build(revisions).graph.has_value());
  {
    const auto error = expect_error<GraphError>([&] { RevisionGraph::build(revisions); }, ErrorCode::invalid_graph);
    EXPECT_EQ(error.problems().size(), 3u);
  }
}

}  // namespace
}  // namespace strata::graph::testing
