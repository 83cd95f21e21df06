#include "strata/repo/against.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/git_tree.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

using BlobIndex = std::unordered_map<std::string, MigrationFile>;

std::optional<MigrationFile> parse_at(const GitFile& file, Layout layout, const std::string& path,
                                      const AlembicNames& names) {
  try {
    if (layout == Layout::native) return parse_native_migration(file.text, path);
    return parse_alembic_header(file.text, path, names).file;
  } catch (const Error&) {
    // A file that does not parse at REF is not this branch's to fix; `check` on REF reports it.
    return std::nullopt;
  }
}

using ByPath = std::unordered_map<std::string, const MigrationFile*>;

// Every location at `commit`. Objects already in `known` are not read again (the merge base mostly shares REF's
// objects); what is read is added to `known`. A file that git reports unchanged in the work tree is copied from
// `current` (by path) instead of being read and parsed.
std::vector<MigrationFile> read_commit(const Locations& locations, const std::string& commit, const AlembicNames& names,
                                       BlobIndex& known, const ByPath& current) {
  std::vector<MigrationFile> files;
  for (std::size_t i = 0; i < locations.folders.size(); ++i) {
    const auto& folder = locations.folders[i];
    const auto layout = locations.layouts.at(i);
    const GitFolder git(folder, locations.working_directory);
    const auto listed = git.list(commit, layout == Layout::native ? ".sql" : ".py");
    std::error_code error;
    const bool reuse = !current.empty() && std::filesystem::is_directory(folder, error);
    const auto shown = [&](const GitFile& file) {
      return util::display_path(folder / file.name, locations.working_directory);
    };
    const auto changed = reuse ? git.changed_since(commit) : std::set<std::string>{};
    // Per listed file: the work tree's parse when git says it is unchanged, else nothing (read below).
    std::vector<const MigrationFile*> unchanged(listed.size(), nullptr);
    std::vector<GitFile> to_read;
    for (std::size_t k = 0; k < listed.size(); ++k) {
      const auto& file = listed[k];
      if (reuse && !changed.contains(file.name)) {
        if (const auto it = current.find(shown(file)); it != current.end()) {
          unchanged[k] = it->second;
          continue;
        }
      }
      if (!known.contains(file.blob)) to_read.push_back(file);
    }
    git.read(to_read);
    for (const auto& file : to_read)
      if (auto parsed = parse_at(file, layout, shown(file), names)) known.emplace(file.blob, std::move(*parsed));
    files.reserve(files.size() + listed.size());
    for (std::size_t k = 0; k < listed.size(); ++k) {
      if (unchanged[k]) files.push_back(*unchanged[k]);
      else if (const auto it = known.find(listed[k].blob); it != known.end()) files.push_back(it->second);
    }
  }
  return files;
}

using ById = std::unordered_map<std::string, const MigrationFile*>;

ById by_id(const std::vector<MigrationFile>& files) {
  ById out;
  for (const auto& file : files) out.emplace(file.revision.id, &file);
  return out;
}

bool same_sections(const MigrationFile& left, const MigrationFile& right) {
  if (left.kind != right.kind) return false;
  if (left.kind == SourceKind::alembic_python) return left.checksum == right.checksum;
  const auto down = [](const MigrationFile& file) { return file.down ? file.down->sql : std::string("\x01"); };
  return left.up.sql == right.up.sql && down(left) == down(right);
}

bool same_revision(const MigrationFile& left, const MigrationFile& right) {
  return same_sections(left, right) && left.revision.revises == right.revision.revises &&
         left.revision.depends_on == right.revision.depends_on;
}

Problem problem(ErrorCode code, std::string message, std::vector<std::string> paths,
                std::vector<std::string> revisions) {
  return Problem{code, std::move(message), std::move(paths), std::move(revisions)};
}

}  // namespace

RefFiles read_at_ref(const Locations& locations, const std::string& ref, const AlembicNames& names,
                     const std::vector<MigrationFile>* current) {
  RefFiles result;
  result.ref = ref;
  if (locations.folders.empty()) return result;
  const GitFolder first(locations.folders.front(), locations.working_directory);
  result.commit = first.commit(ref);
  ByPath by_path;
  if (current)
    for (const auto& file : *current) by_path.emplace(file.revision.path, &file);
  BlobIndex known;
  result.at_ref = read_commit(locations, result.commit, names, known, by_path);
  const auto head = first.merge_base("HEAD", result.commit);
  if (!head) return result;
  // When the branch starts at REF itself, REF stands in for the base (no second copy).
  if (*head != result.commit) result.at_base = read_commit(locations, *head, names, known, by_path);
  return result;
}

Comparison compare_with_ref(const std::vector<MigrationFile>& current, const RefFiles& ref) {
  Comparison comparison;
  const auto& base_files = ref.at_base ? *ref.at_base : ref.at_ref;
  const auto at_ref = by_id(ref.at_ref);
  const auto at_base = by_id(base_files);
  const auto now = by_id(current);
  const auto& name = ref.ref;

  // Ids the current squashes replace: their files may go (`squash --finalize`).
  std::unordered_set<std::string> replaced;
  for (const auto& file : current)
    for (const auto& id : file.revision.replaces) replaced.insert(id);

  for (const auto& file : base_files) {
    const auto& id = file.revision.id;
    if (!at_ref.contains(id)) continue;  // REF removed it itself
    const auto it = now.find(id);
    if (it == now.end()) {
      if (replaced.contains(id)) continue;
      comparison.problems.push_back(problem(
          ErrorCode::deleted_since_ref,
          fmt::format("{0}: revision {1} exists at {2} but this branch deleted its file; a database may have applied "
                      "it: restore it with `git checkout {2} -- {0}`",
                      file.revision.path, id, name),
          {file.revision.path}, {id}));
      continue;
    }
    const auto& mine = *it->second;
    // Edited on this branch (not on REF since the branch started): a database that applied it misses the change.
    if (!same_sections(mine, file) && same_sections(*at_ref.at(id), file))
      comparison.problems.push_back(problem(
          ErrorCode::edited_since_ref,
          fmt::format("{}: revision {} exists at {} and its up or down section changed on this branch; a database "
                      "that applied it will not get the change: put the change in a new revision (`strata revision "
                      "-m \"...\"`) and restore this file with `git checkout {} -- {}`",
                      mine.revision.path, id, name, name, file.revision.path),
          {mine.revision.path}, {id}));
  }

  // New on this branch: ids, then labels, that REF has for something else.
  std::unordered_map<std::string, const MigrationFile*> ref_labels;
  for (const auto& file : ref.at_ref)
    for (const auto& label : file.revision.branch_labels) ref_labels.emplace(label, &file);
  std::vector<const MigrationFile*> added;
  for (const auto& file : current) {
    const auto& id = file.revision.id;
    if (at_base.contains(id)) continue;
    const auto other = at_ref.find(id);
    if (other != at_ref.end() && same_revision(file, *other->second)) continue;  // REF's revision, merged in
    if (other != at_ref.end()) {
      comparison.problems.push_back(problem(ErrorCode::id_reused,
                                            fmt::format("{}: new revision {} reuses the id of a different revision "
                                                        "at {} ({}); give the new one another id (`strata revision "
                                                        "--rev-id ID` writes a fresh file)",
                                                        file.revision.path, id, name, other->second->revision.path),
                                            {file.revision.path, other->second->revision.path}, {id}));
      continue;
    }
    added.push_back(&file);
    for (const auto& label : file.revision.branch_labels) {
      const auto owner = ref_labels.find(label);
      if (owner == ref_labels.end() || owner->second->revision.id == id) continue;
      comparison.problems.push_back(
          problem(ErrorCode::id_reused,
                  fmt::format("{}: new revision {} declares branch label '{}', which "
                              "revision {} already declares at {}; choose another label",
                              file.revision.path, id, label, owner->second->revision.id, name),
                  {file.revision.path}, {id, owner->second->revision.id}));
    }
  }

  // REF plus the branch, as `git merge` would leave the folder.
  std::vector<graph::Revision> merged;
  std::unordered_set<std::string> added_ids;
  for (const auto* file : added) added_ids.insert(file->revision.id);
  for (const auto& file : ref.at_ref) merged.push_back(file.revision);
  for (const auto* file : added) merged.push_back(file->revision);
  auto ref_build = graph::RevisionGraph::try_build([&] {
    std::vector<graph::Revision> revisions;
    for (const auto& file : ref.at_ref) revisions.push_back(file.revision);
    return revisions;
  }());
  if (ref_build.graph) comparison.ref_heads = ref_build.graph->heads().size();
  auto build = graph::RevisionGraph::try_build(std::move(merged));
  if (!build.graph) return comparison;
  const auto& graph = *build.graph;
  const auto heads = graph.heads();
  comparison.heads_after_merge = heads.size();

  std::vector<graph::RevIndex> ref_heads;
  std::vector<graph::RevIndex> ref_revisions;
  for (const auto& file : ref.at_ref) ref_revisions.push_back(*graph.find(file.revision.id));
  if (ref_build.graph)
    for (const auto head : ref_build.graph->heads()) ref_heads.push_back(*graph.find(ref_build.graph->id(head)));

  // The branch's revisions in upgrade order: what a database at REF's heads would run.
  const auto plan = graph::plan_upgrade(graph, ref_revisions, "heads");
  for (const auto& step : plan.steps)
    if (added_ids.contains(graph.id(step.revision))) comparison.added.push_back(graph.id(step.revision));

  if (heads.size() <= comparison.ref_heads) return comparison;
  for (const auto head : heads) {
    if (!added_ids.contains(graph.id(head))) continue;
    const bool extends = std::any_of(ref_heads.begin(), ref_heads.end(),
                                     [&](graph::RevIndex ref_head) { return graph.is_ancestor(ref_head, head); });
    if (extends) continue;
    // The first new revision below this head: where the branch left REF's history.
    auto root = head;
    while (graph.parents(root).size() == 1 && added_ids.contains(graph.id(graph.parents(root).front())))
      root = graph.parents(root).front();
    std::vector<graph::RevIndex> targets;
    for (const auto ref_head : ref_heads)
      if (graph.labels(ref_head) == graph.labels(head)) targets.push_back(ref_head);
    if (targets.empty()) targets = ref_heads;
    const auto& revision = graph.revision(head);
    std::string message = fmt::format(
        "{0}: new revision {1} does not descend from {2}'s head{3} {4}, so merging this branch into {2} leaves {5} "
        "heads; ",
        revision.path, revision.id, name, targets.size() == 1 ? "" : "s", util::join(graph.ids(targets), ", "),
        heads.size());
    std::string merge_command = "strata merge";
    for (const auto target : targets) merge_command += fmt::format(" {}", graph.id(target));
    merge_command += fmt::format(" {} -m \"merge {}\"", revision.id, name);
    if (targets.size() == 1)
      message += fmt::format(
          "if no database applied the branch's new revisions yet, move them with `strata rebase {} "
          "--onto {}`; otherwise add a merge revision with `{}`",
          graph.id(root), graph.id(targets.front()), merge_command);
    else message += fmt::format("add a merge revision with `{}`", merge_command);
    comparison.problems.push_back(problem(ErrorCode::not_based_on_ref, message, {revision.path}, {revision.id}));
  }
  return comparison;
}

}  // namespace strata::repo
