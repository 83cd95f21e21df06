#include "strata/cli/revision_format.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "strata/cli/revision_json.hpp"

namespace strata::cli {
namespace {

graph::Revision revision(std::string id, std::vector<std::string> revises, std::string message,
                         std::vector<std::string> labels = {}, std::vector<std::string> depends_on = {}) {
  graph::Revision result;
  result.id = std::move(id);
  result.revises = std::move(revises);
  result.message = std::move(message);
  result.branch_labels = std::move(labels);
  result.depends_on = std::move(depends_on);
  result.path = "versions/" + result.id + ".sql";
  return result;
}

// a ── b ──┬── c ──┐
//          └── d ──┴── m (merge)       x (another base, depends on b; a head)
class RevisionFormat : public ::testing::Test {
protected:
  RevisionFormat()
      : m_graph(graph::RevisionGraph::build({
            revision("a", {}, "create users", {"core"}),
            revision("b", {"a"}, "add email"),
            revision("c", {"b"}, "left"),
            revision("d", {"b"}, "right"),
            revision("m", {"c", "d"}, "merge"),
            revision("x", {}, "other base", {}, {"b"}),
        })),
        m_output(m_out, m_err, false) {}

  graph::RevIndex at(std::string_view id) const { return *m_graph.find(id); }

  graph::RevisionGraph m_graph;
  std::ostringstream m_out;
  std::ostringstream m_err;
  Output m_output;
};

TEST_F(RevisionFormat, HistoryLineHasParentsLabelsMarksAndMessage) {
  const LineParts history{.parents = true, .labels = true, .head_marks = true, .tree_marks = true, .message = true};
  EXPECT_EQ(revision_line(m_graph, at("a"), history, m_output), "<base> -> a (core), create users");
  EXPECT_EQ(revision_line(m_graph, at("b"), history, m_output), "a -> b (core) (branchpoint), add email");
  EXPECT_EQ(revision_line(m_graph, at("m"), history, m_output), "c, d -> m (core) (head) (mergepoint), merge");
  EXPECT_EQ(revision_line(m_graph, at("x"), history, m_output), "<base> (b) -> x (head), other base");
}

TEST_F(RevisionFormat, HeadsLineHasLabelsAndHeadMark) {
  EXPECT_EQ(revision_line(m_graph, at("m"), {}, m_output), "m (core) (head)");
  EXPECT_EQ(revision_line(m_graph, at("a"), {}, m_output), "a (core)");
}

TEST_F(RevisionFormat, VerboseEntry) {
  EXPECT_EQ(revision_entry(m_graph, at("b"), m_output),
            "Rev: b (branchpoint)\n"
            "Parent: a\n"
            "Branches into: c, d\n"
            "Branch names: core\n"
            "Path: versions/b.sql\n"
            "\n"
            "    add email");
  EXPECT_EQ(revision_entry(m_graph, at("m"), m_output),
            "Rev: m (head) (mergepoint)\n"
            "Merges: c, d\n"
            "Branch names: core\n"
            "Path: versions/m.sql\n"
            "\n"
            "    merge");
  EXPECT_EQ(revision_entry(m_graph, at("x"), m_output),
            "Rev: x (head)\n"
            "Parent: <base>\n"
            "Also depends on: b\n"
            "Path: versions/x.sql\n"
            "\n"
            "    other base");
}

TEST_F(RevisionFormat, JsonOfARevisionHasTheDocumentedKeysInOrder) {
  EXPECT_EQ(revision_json(m_graph.revision(at("x"))).dump(),
            R"({"revision":"x","revises":[],"branch_labels":[],"depends_on":["b"],"message":"other base",)"
            R"("path":"versions/x.sql"})");
  EXPECT_EQ(revision_json(m_graph.revision(at("a"))).dump(),
            R"({"revision":"a","revises":[],"branch_labels":["core"],"depends_on":[],"message":"create users",)"
            R"("path":"versions/a.sql"})");
}

}  // namespace
}  // namespace strata::cli
