#include "strata/cli/authoring.hpp"

#include <gtest/gtest.h>

#include "strata/core/error.hpp"

namespace strata::cli {
namespace {

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
  try {
    refuse_duplicate_parents(graph, {1, 2, 1});
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "Duplicate head revisions specified: 'bbbb00000002'");
    EXPECT_EQ(std::string(error.code_name()), "duplicate_heads");
  }
  EXPECT_NO_THROW(refuse_duplicate_parents(graph, {1, 2}));
}

}  // namespace
}  // namespace strata::cli
