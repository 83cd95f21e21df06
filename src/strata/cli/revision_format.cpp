#include "strata/cli/revision_format.hpp"

#include <vector>

#include <fmt/format.h>

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

std::string squash_mark(const graph::RevisionGraph& graph, graph::RevIndex index, const Output& out) {
  const auto& replaces = graph.revision(index).replaces;
  if (!replaces.empty())
    return fmt::format(" {}", out.paint(fmt::format("(replaces {})", util::join(replaces, ", ")), Style::mark));
  if (const auto squash = graph.replaced_by(index))
    return fmt::format(" {}", out.paint(fmt::format("(replaced by {})", graph.id(*squash)), Style::mark));
  return {};
}

std::string ids_with_squash_marks(const graph::RevisionGraph& graph, const std::vector<std::string>& ids,
                                  const Output& out) {
  std::vector<std::string> parts;
  for (const auto& id : ids) {
    const auto index = graph.find(id);
    parts.push_back(index ? id + squash_mark(graph, *index, out) : id);
  }
  return util::join(parts, ", ");
}

std::string step_name(const graph::Step& step) {
  if (step.record_only) return "record";
  return step.direction == graph::Direction::up ? "up" : "down";
}

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
    if (!revision.depends_on.empty()) text += fmt::format(" ({})", util::join(revision.depends_on, ", "));
    text += " -> ";
  }
  text += out.paint(revision.id, Style::id);
  const auto& labels = graph.labels(index);
  if (parts.labels && !labels.empty()) text += fmt::format(" ({})", util::join(labels, ", "));
  if (parts.head_marks) {
    const auto mark = head_mark(graph, index);
    if (!mark.empty()) text += fmt::format(" {}", out.paint(mark, Style::mark));
  }
  if (parts.tree_marks) {
    if (graph.is_branch_point(index)) text += fmt::format(" {}", out.paint("(branchpoint)", Style::mark));
    if (graph.is_merge_point(index)) text += fmt::format(" {}", out.paint("(mergepoint)", Style::mark));
  }
  if (parts.labels) text += squash_mark(graph, index, out);
  // A message read from an Alembic docstring may hold anything; it reaches the terminal escaped.
  if (parts.message) text += fmt::format(", {}", util::escaped(revision.message));
  return text;
}

std::string revision_entry(const graph::RevisionGraph& graph, graph::RevIndex index, const Output& out) {
  const auto& revision = graph.revision(index);
  std::string text = fmt::format("Rev: {}", out.paint(revision.id, Style::id));
  if (graph.is_head(index)) text += fmt::format(" {}", out.paint("(head)", Style::mark));
  if (graph.is_branch_point(index)) text += fmt::format(" {}", out.paint("(branchpoint)", Style::mark));
  if (graph.is_merge_point(index)) text += fmt::format(" {}", out.paint("(mergepoint)", Style::mark));
  text += '\n';
  text += fmt::format("{}: {}\n", graph.is_merge_point(index) ? "Merges" : "Parent", parents_text(graph, index));
  if (!revision.depends_on.empty()) text += fmt::format("Also depends on: {}\n", util::join(revision.depends_on, ", "));
  if (!revision.replaces.empty()) text += fmt::format("Replaces: {}\n", util::join(revision.replaces, ", "));
  if (const auto squash = graph.replaced_by(index)) text += fmt::format("Replaced by: {}\n", graph.id(*squash));
  if (graph.is_branch_point(index)) text += fmt::format("Branches into: {}\n", comma_ids(graph, graph.children(index)));
  const auto& labels = graph.labels(index);
  if (!labels.empty()) text += fmt::format("Branch names: {}\n", util::join(labels, ", "));
  text += fmt::format("Path: {}\n", util::escaped(revision.path));
  text += '\n';
  std::string indented;
  for (const auto& line : util::split(revision.message, '\n')) {
    if (!indented.empty()) indented += '\n';
    indented += fmt::format("    {}", util::escaped(line));
  }
  text += indented;
  return text;
}

}  // namespace strata::cli
