#include "strata/repo/squash.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/native_header_edit.hpp"
#include "strata/repo/new_revision.hpp"
#include "strata/repo/new_file.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

class Refusal {
public:
  Refusal(const graph::RevisionGraph& graph, const SquashRequest& request)
      : m_graph(graph),
        m_prefix(fmt::format("cannot squash {}..{}: ", graph.id(request.first), graph.id(request.last))) {}

  std::string named(graph::RevIndex index) const {
    return fmt::format("revision {} ({})", m_graph.id(index), m_graph.revision(index).path);
  }

  [[noreturn]] void fail(ErrorCode code, const std::string& message, std::vector<graph::RevIndex> revisions) const {
    throw GraphError(code, m_prefix + message, m_graph.ids(revisions));
  }

private:
  const graph::RevisionGraph& m_graph;
  std::string m_prefix;
};

// LAST, its parent, … down to FIRST, each with exactly one parent: the run, oldest first.
std::vector<graph::RevIndex> find_run(const graph::RevisionGraph& graph, const SquashRequest& request,
                                      const Refusal& refuse) {
  if (request.first == request.last)
    refuse.fail(ErrorCode::squash_not_contiguous,
                "a squash replaces two or more revisions; give the oldest and the newest", {request.first});
  std::vector<graph::RevIndex> run{request.last};
  auto current = request.last;
  while (current != request.first) {
    const auto parents = graph.parents(current);
    if (parents.size() > 1)
      refuse.fail(ErrorCode::squash_not_contiguous,
                  fmt::format("{} merges {}, so the run is not one lineage; squash a run above or below the merge",
                              refuse.named(current), util::join(graph.ids(parents), ", ")),
                  {current});
    if (parents.empty())
      refuse.fail(ErrorCode::squash_not_contiguous,
                  fmt::format("{} is not below {} on its lineage; give the oldest revision of the run first, then "
                              "the newest",
                              graph.id(request.first), graph.id(request.last)),
                  {request.first, request.last});
    current = parents.front();
    run.push_back(current);
  }
  std::reverse(run.begin(), run.end());
  return run;
}

void check_members(const Repository& repository, const std::vector<graph::RevIndex>& run, const Refusal& refuse) {
  const auto& graph = repository.graph();
  const auto in_run = [&](graph::RevIndex index) { return std::find(run.begin(), run.end(), index) != run.end(); };
  for (std::size_t i = 0; i < run.size(); ++i) {
    const auto member = run[i];
    const auto& file = repository.file(member);
    if (file.kind == SourceKind::alembic_python)
      refuse.fail(ErrorCode::squash_alembic,
                  fmt::format("{} is an Alembic Python migration; strata squashes native SQL migrations only",
                              refuse.named(member)),
                  {member});
    if (const auto squash = graph.replaced_by(member))
      refuse.fail(ErrorCode::squash_nested,
                  fmt::format("{} is already replaced by squash {}; squash runs that no other squash replaces",
                              refuse.named(member), graph.id(*squash)),
                  {member, *squash});
    if (!file.revision.replaces.empty())
      refuse.fail(ErrorCode::squash_nested,
                  fmt::format("{} is itself a squash (it replaces {}); squash the revisions after it",
                              refuse.named(member), util::join(file.revision.replaces, ", ")),
                  {member});
    if (!file.revision.branch_labels.empty())
      refuse.fail(ErrorCode::squash_branch_label,
                  fmt::format("{} declares branch label '{}', which the squash cannot carry while that file exists; "
                              "start the run after it",
                              refuse.named(member), file.revision.branch_labels.front()),
                  {member});
    for (const auto child : graph.children(member)) {
      if (in_run(child) || i + 1 == run.size()) continue;
      refuse.fail(ErrorCode::squash_outside_user,
                  fmt::format("{} has a child outside the run, {}; squash up to the branch point, or merge the "
                              "branches first",
                              refuse.named(member), refuse.named(child)),
                  {member, child});
    }
    for (const auto user : graph.dependents(member)) {
      const auto children = graph.children(member);
      if (in_run(user) || std::find(children.begin(), children.end(), user) != children.end()) continue;
      refuse.fail(ErrorCode::squash_outside_user,
                  fmt::format("{} depends on {}, which the squash would replace; squash a run that nothing outside "
                              "it depends on",
                              refuse.named(user), graph.id(member)),
                  {user, member});
    }
    const auto& first = repository.file(run.front());
    if (file.transaction != first.transaction) {
      const auto none = file.transaction == TransactionMode::none ? member : run.front();
      const auto other = none == member ? run.front() : member;
      refuse.fail(ErrorCode::squash_mixed_transaction,
                  fmt::format("{} is a `transaction: none` migration and {} is not; a squash runs one way or the "
                              "other, so squash them in separate runs",
                              refuse.named(none), refuse.named(other)),
                  {none, other});
    }
  }
}

std::string part_header(const MigrationFile& file) {
  return file.revision.message.empty()
             ? fmt::format("-- from {} ({})\n", file.revision.id, file.revision.path)
             : fmt::format("-- from {}: {} ({})\n", file.revision.id, file.revision.message, file.revision.path);
}

std::string joined_sections(const Repository& repository, const std::vector<graph::RevIndex>& order, bool up) {
  std::string out;
  for (const auto index : order) {
    const auto& file = repository.file(index);
    if (!out.empty()) out += '\n';
    out += part_header(file);
    const auto sql = util::trim(up ? file.up.sql : file.down->sql);
    out += sql;
    if (!sql.empty()) out += '\n';
  }
  return out;
}

}  // namespace

SquashEdit plan_squash(const Repository& repository, const SquashRequest& request) {
  const auto& graph = repository.graph();
  const Refusal refuse(graph, request);
  SquashEdit edit;
  edit.working_directory = repository.working_directory();
  edit.run = find_run(graph, request, refuse);
  check_members(repository, edit.run, refuse);

  const auto& first = repository.file(edit.run.front());
  auto& squash = edit.squash;
  squash.id = request.id;
  squash.revises = first.revision.revises;
  squash.message = request.message;
  squash.created = request.created;
  squash.transaction = first.transaction;
  for (const auto member : edit.run) {
    squash.replaces.push_back(graph.id(member));
    for (const auto& dependency : repository.file(member).revision.depends_on)
      if (std::find(squash.depends_on.begin(), squash.depends_on.end(), dependency) == squash.depends_on.end())
        squash.depends_on.push_back(dependency);
  }
  squash.up_sql = joined_sections(repository, edit.run, true);
  edit.has_down = std::all_of(edit.run.begin(), edit.run.end(),
                              [&](graph::RevIndex member) { return repository.file(member).down.has_value(); });
  if (edit.has_down) {
    std::vector<graph::RevIndex> reversed(edit.run.rbegin(), edit.run.rend());
    squash.down_sql = joined_sections(repository, reversed, false);
  }
  squash.down_section = edit.has_down;
  edit.directory = std::filesystem::path(first.revision.path).parent_path();

  // The repository as it will be: the squash added, LAST's children revising it.
  std::vector<graph::Revision> revisions;
  revisions.reserve(repository.files().size() + 1);
  for (const auto& file : repository.files()) revisions.push_back(file.revision);
  const auto& last_id = graph.id(request.last);
  for (const auto child : graph.children(request.last)) {
    const auto& file = repository.file(child);
    if (file.kind == SourceKind::alembic_python)
      refuse.fail(ErrorCode::squash_alembic,
                  fmt::format("{} revises {} and is an Alembic Python migration, which strata cannot re-point; "
                              "squash a run whose children are native SQL migrations",
                              refuse.named(child), last_id),
                  {child});
    auto revises = file.revision.revises;
    std::replace(revises.begin(), revises.end(), last_id, squash.id);
    revisions[child].revises = revises;
    edit.repointed.push_back({file.revision.id, file.revision.path,
                              with_native_revises(read_text_file(file.revision.path, repository.working_directory()),
                                                  file.revision.path, revises)});
  }
  revisions.push_back(as_graph_revision(
      squash, util::display_path(edit.directory / revision_file_name(squash), edit.working_directory)));
  graph::RevisionGraph::build(std::move(revisions));  // every problem of the result, as a GraphError
  return edit;
}

std::filesystem::path write_squash(const SquashEdit& edit) {
  auto path = write_revision(edit.directory, Layout::native, edit.squash, edit.working_directory);
  for (const auto& child : edit.repointed) replace_file_text(child.path, child.text, edit.working_directory);
  return path;
}

std::vector<std::string> finalize_paths(const Repository& repository, graph::RevIndex squash) {
  const auto& graph = repository.graph();
  const auto& replaces = graph.revision(squash).replaces;
  if (replaces.empty())
    throw GraphError(ErrorCode::not_a_squash,
                     fmt::format("revision {} ({}) replaces nothing; give the squash revision, the one with a "
                                 "`-- replaces:` line",
                                 graph.id(squash), graph.revision(squash).path),
                     {graph.id(squash)});
  std::vector<std::string> paths;
  for (const auto& id : replaces)
    if (const auto index = graph.find(id)) paths.push_back(graph.revision(*index).path);
  return paths;
}

}  // namespace strata::repo
