#include "strata/cli/authoring.hpp"

#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "support/expect_error.hpp"

namespace strata::cli {
namespace {

using ::strata::testing::expect_error;

graph::Revision revision(std::string id, std::vector<std::string> revises, std::vector<std::string> labels = {}) {
  graph::Revision result;
  result.id = std::move(id);
  result.revises = std::move(revises);
  result.branch_labels = std::move(labels);
  result.path = result.id + ".sql";
  return result;
}

graph::RevisionGraph sample() {
  return graph::RevisionGraph::build({
      revision("aaaa00000001", {}, {"core"}),
      revision("bbbb00000002", {"aaaa00000001"}),
      revision("cccc00000003", {}, {"audit"}),
  });
}

TEST(ResolveDependsOn, ExpandsPrefixesAndKeepsLabels) {
  const auto graph = sample();
  EXPECT_EQ(resolve_depends_on(graph, {"bbbb", "audit", "aaaa00000001"}),
            (std::vector<std::string>{"bbbb00000002", "audit", "aaaa00000001"}));
  // `core` names aaaa00000001's label: kept as written; a repeat is dropped.
  EXPECT_EQ(resolve_depends_on(graph, {"core", "core"}), std::vector<std::string>{"core"});
}

TEST(ResolveDependsOn, UnknownValueIsAGraphError) {
  const auto graph = sample();
  EXPECT_THROW(resolve_depends_on(graph, {"zzzz"}), GraphError);
}

TEST(RefuseDuplicateParents, NamesTheRevision) {
  const auto graph = sample();
  {
    const auto error = expect_error<UsageError>(
        [&] {
          refuse_duplicate_parents(graph, {1, 2, 1});
        },
        ErrorCode::duplicate_heads);
    EXPECT_STREQ(error.what(), "Duplicate head revisions specified: 'bbbb00000002'");
  }
  EXPECT_NO_THROW(refuse_duplicate_parents(graph, {1, 2}));
}

}  // namespace
}  // namespace strata::cli
