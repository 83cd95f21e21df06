#include "strata/cli/revision_format.hpp"

#include <vector>

#include "strata/util/excerpt.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli {

namespace {

std::string comma_ids(const graph::RevisionGraph& graph, std::span<const graph::RevIndex> indexes) {
  std::vector<std::string> ids;
  ids.reserve(indexes.size());
  for (const auto index : indexes) ids.push_back(graph.id(index));
  return util::join(ids, ", ");
}

std::string head_mark(const graph::RevisionGraph& graph, graph::RevIndex index) {
  if (graph.is_real_head(index)) return "(head)";
  if (graph.is_head(index)) return "(effective head)";
  return {};
}

}  // namespace

std::string parents_text(const graph::RevisionGraph& graph, graph::RevIndex index) {
  const auto parents = graph.parents(index);
  if (parents.empty()) return "<base>";
  return comma_ids(graph, parents);
}

std::string revision_line(const graph::RevisionGraph& graph, graph::RevIndex index, const LineParts& parts,
                          const Output& out) {
  const auto& revision = graph.revision(index);
  std::string text;
  if (parts.parents) {
    text += parents_text(graph, index);
    if (!revision.depends_on.empty()) text += " (" + util::join(revision.depends_on, ", ") + ")";
    text += " -> ";
  }
  text += out.paint(revision.id, Style::id);
  const auto& labels = graph.labels(index);
  if (parts.labels && !labels.empty()) text += " (" + util::join(labels, ", ") + ")";
  if (parts.head_marks) {
    const auto mark = head_mark(graph, index);
    if (!mark.empty()) text += " " + out.paint(mark, Style::mark);
  }
  if (parts.tree_marks) {
    if (graph.is_branch_point(index)) text += " " + out.paint("(branchpoint)", Style::mark);
    if (graph.is_merge_point(index)) text += " " + out.paint("(mergepoint)", Style::mark);
  }
  // A message read from an Alembic docstring may hold anything; it reaches the terminal escaped.
  if (parts.message) text += ", " + util::escaped(revision.message);
  return text;
}

std::string revision_entry(const graph::RevisionGraph& graph, graph::RevIndex index, const Output& out) {
  const auto& revision = graph.revision(index);
  std::string text = "Rev: " + out.paint(revision.id, Style::id);
  if (graph.is_head(index)) text += " " + out.paint("(head)", Style::mark);
  if (graph.is_branch_point(index)) text += " " + out.paint("(branchpoint)", Style::mark);
  if (graph.is_merge_point(index)) text += " " + out.paint("(mergepoint)", Style::mark);
  text += '\n';
  text += (graph.is_merge_point(index) ? "Merges: " : "Parent: ") + parents_text(graph, index) + '\n';
  if (!revision.depends_on.empty()) text += "Also depends on: " + util::join(revision.depends_on, ", ") + '\n';
  if (graph.is_branch_point(index)) text += "Branches into: " + comma_ids(graph, graph.children(index)) + '\n';
  const auto& labels = graph.labels(index);
  if (!labels.empty()) text += "Branch names: " + util::join(labels, ", ") + '\n';
  text += "Path: " + util::escaped(revision.path) + '\n';
  text += '\n';
  std::string indented;
  for (const auto& line : util::split(revision.message, '\n')) {
    if (!indented.empty()) indented += '\n';
    indented += "    " + util::escaped(line);
  }
  text += indented;
  return text;
}

}  // namespace strata::cli
