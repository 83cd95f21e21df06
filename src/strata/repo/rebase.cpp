#include "strata/repo/rebase.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/repo/native_header_edit.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

struct Line {
  std::size_t begin;
  std::size_t end;  // before the newline
  int number;
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  int number = 1;
  while (begin <= text.size()) {
    auto end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({begin, end, number++});
    if (end == text.size()) break;
    begin = end + 1;
  }
  return lines;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string with_alembic_down_revision(std::string_view text, std::string_view path, std::string_view parent) {
  std::string out(text);
  const auto lines = lines_of(text);
  // The module-level assignment: `down_revision = 'x'` or `down_revision: Union[str, None] = 'x'`.
  std::optional<Line> assignment;
  for (const auto& line : lines) {
    const auto content = text.substr(line.begin, line.end - line.begin);
    if (!content.starts_with("down_revision")) continue;
    const auto rest = content.substr(13);
    if (!rest.empty() && is_name_char(rest.front())) continue;
    assignment = line;
  }
  if (!assignment)
    throw RepositoryError(ErrorCode::not_a_plain_literal, std::string(path), 0,
                          "has no module-level `down_revision = ...` line to edit");
  const auto content = text.substr(assignment->begin, assignment->end - assignment->begin);
  // The value starts after the last '=' that is not inside the annotation's brackets.
  int depth = 0;
  std::size_t equals = std::string_view::npos;
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '[' || c == '(') ++depth;
    else if (c == ']' || c == ')') --depth;
    else if (c == '=' && depth == 0) {
      equals = i;
      break;
    }
  }
  const auto refuse = [&](std::string_view value) -> std::string {
    throw RepositoryError(ErrorCode::not_a_plain_literal, std::string(path), assignment->number,
                          fmt::format("down_revision is `{}`, not a plain string literal or None, so strata cannot "
                                      "rewrite it; edit the line by hand to revise '{}'",
                                      util::trim(value), parent));
  };
  if (equals == std::string_view::npos) refuse(content);
  auto value_begin = equals + 1;
  while (value_begin < content.size() && content[value_begin] == ' ') ++value_begin;
  auto value = content.substr(value_begin);
  // A trailing comment stays as it is.
  std::size_t value_end = value.size();
  std::string replacement;
  if (value.starts_with("None")) {
    value_end = 4;
    replacement = fmt::format("'{}'", parent);
  } else if (!value.empty() && (value.front() == '\'' || value.front() == '"')) {
    const char quote = value.front();
    const auto close = value.find(quote, 1);
    if (close == std::string_view::npos || value.substr(1, close - 1).find('\\') != std::string_view::npos)
      refuse(value);
    value_end = close + 1;
    replacement = fmt::format("{0}{1}{0}", quote, parent);
  } else {
    refuse(value);
  }
  const auto after = util::trim(value.substr(value_end));
  if (!after.empty() && !after.starts_with("#")) refuse(value);
  const auto start = assignment->begin + value_begin;
  out.replace(start, value_end, replacement);
  // The docstring's `Revises:` line, when there is one before the assignment.
  for (const auto& line : lines) {
    if (line.begin >= assignment->begin) break;
    const auto line_text = text.substr(line.begin, line.end - line.begin);
    if (!util::trim(line_text).starts_with("Revises:")) continue;
    const auto colon = line_text.find(':');
    std::string revised(line_text.substr(0, colon + 1));
    revised += " " + std::string(parent);
    out.replace(line.begin, line.end - line.begin, revised);
    break;
  }
  return out;
}

RebaseEdit plan_rebase(const Repository& repository, graph::RevIndex revision, graph::RevIndex onto) {
  const auto& graph = repository.graph();
  const auto& id = graph.id(revision);
  const std::string prefix = fmt::format("cannot rebase {} onto {}: ", id, graph.id(onto));
  if (graph.is_ancestor(revision, onto))
    throw GraphError(ErrorCode::rebase_onto_own_branch,
                     fmt::format("{}{} {}; give a target on another branch", prefix, graph.id(onto),
                                 onto == revision ? "is the revision itself" : "is above it"),
                     {id, graph.id(onto)});
  const auto parents = graph.parents(revision);
  if (parents.size() > 1)
    throw GraphError(ErrorCode::rebase_merge,
                     fmt::format("{}it is a merge of {}; rebase the branch from a revision above or below the merge",
                                 prefix, util::join(graph.ids(parents), ", ")),
                     {id});
  if (parents.size() == 1 && parents.front() == onto)
    throw GraphError(ErrorCode::nothing_to_rebase, fmt::format("{}it already revises {}", prefix, graph.id(onto)),
                     {id});
  RebaseEdit edit;
  edit.revision = revision;
  edit.onto = onto;
  edit.old_parents = graph.ids(parents);
  const std::vector<graph::RevIndex> start{revision};
  const std::vector<graph::RevIndex> target{onto};
  std::vector<char> below(graph.size(), 0);
  for (const auto index : graph.ancestors(target)) below[index] = 1;
  for (const auto index : graph.descendants(start))
    if (!below[index]) edit.moved.push_back(index);

  const auto& file = repository.file(revision);
  edit.path = file.revision.path;
  const auto text = read_text_file(edit.path, repository.working_directory());
  edit.text = file.kind == SourceKind::native_sql ? with_native_revises(text, edit.path, {graph.id(onto)})
                                                  : with_alembic_down_revision(text, edit.path, graph.id(onto));

  std::vector<graph::Revision> revisions;
  revisions.reserve(repository.files().size());
  for (const auto& each : repository.files()) revisions.push_back(each.revision);
  revisions[revision].revises = {graph.id(onto)};
  graph::RevisionGraph::build(std::move(revisions));  // every problem of the result, as a GraphError
  return edit;
}

}  // namespace strata::repo
