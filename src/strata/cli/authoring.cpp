#include "strata/cli/authoring.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "strata/cli/revision_json.hpp"
#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/alembic_writer.hpp"
#include "strata/repo/display_path.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::cli {

namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& file, const fs::path& dir) {
  const auto file_text = fs::absolute(file).lexically_normal().generic_string();
  auto dir_text = fs::absolute(dir).lexically_normal().generic_string();
  if (!dir_text.ends_with('/')) dir_text += '/';
  return file_text.starts_with(dir_text);
}

// The location the new revision belongs to: that of its first parent, else the first one.
std::size_t choose_location(const repo::Repository& repository, const repo::NewRevision& revision) {
  const auto& dirs = repository.version_dirs();
  if (!revision.revises.empty()) {
    const auto parent = repository.graph().find(revision.revises.front());
    if (parent) {
      const auto& path = repository.graph().revision(*parent).path;
      for (std::size_t i = 0; i < dirs.size(); ++i)
        if (is_inside(path, dirs[i])) return i;
    }
  }
  return 0;
}

// The repository's revisions plus the new one, built as one graph: every rule `check` applies to files applies
// to the file we are about to write, before it exists.
void validate_with(const repo::Repository& repository, const repo::NewRevision& revision, const fs::path& file) {
  std::vector<graph::Revision> revisions;
  revisions.reserve(repository.files().size() + 1);
  for (const auto& existing : repository.files()) revisions.push_back(existing.revision);
  graph::Revision added;
  added.id = revision.id;
  added.revises = revision.revises;
  added.depends_on = revision.depends_on;
  added.branch_labels = revision.branch_labels;
  added.message = revision.message;
  added.path = repo::display_path(file);
  revisions.push_back(std::move(added));
  auto build = graph::RevisionGraph::try_build(std::move(revisions));
  if (!build.problems.empty()) throw GraphError(std::move(build.problems));
}

}  // namespace

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string unused_id(const graph::RevisionGraph& graph) {
  const auto random = repo::system_random_source();
  for (;;) {
    auto id = repo::generate_revision_id(random);
    if (!graph.find(id) && !graph.find_label(id)) return id;
  }
}

void refuse_duplicate_parents(const graph::RevisionGraph& graph, const std::vector<graph::RevIndex>& parents) {
  for (std::size_t i = 0; i < parents.size(); ++i)
    for (std::size_t j = i + 1; j < parents.size(); ++j)
      if (parents[i] == parents[j])
        throw UsageError(ErrorCode::duplicate_heads,
                         "Duplicate head revisions specified: '" + graph.id(parents[i]) + "'");
}

std::vector<std::string> resolve_depends_on(const graph::RevisionGraph& graph,
                                            const std::vector<std::string>& values) {
  std::vector<std::string> resolved;
  const auto add = [&](std::string value) {
    if (std::find(resolved.begin(), resolved.end(), value) == resolved.end()) resolved.push_back(std::move(value));
  };
  for (const auto& value : values) {
    for (const auto index : graph::resolve(graph, value)) {
      const auto& labels = graph.revision(index).branch_labels;
      if (std::find(labels.begin(), labels.end(), value) != labels.end()) add(value);
      else add(graph.id(index));
    }
  }
  return resolved;
}

namespace {

// A chosen id becomes a file name: check it before anything else, and say only that when it is taken.
void check_chosen_id(const graph::RevisionGraph& graph, const std::string& id) {
  if (const auto problem = graph::revision_id_problem(id))
    throw UsageError(ErrorCode::illegal_revision_id, "--rev-id: " + *problem);
  if (const auto existing = graph.find(id))
    throw GraphError(ErrorCode::duplicate_revision,
                     "revision '" + id + "' already exists (" + graph.revision(*existing).path +
                         "); choose another --rev-id, or leave it out for a random id",
                     {id});
}

}  // namespace

int write_new_revision(Context& context, repo::NewRevision revision, bool alembic_python) {
  const auto& repository = context.repository();
  const auto& graph = repository.graph();
  if (revision.id.empty()) revision.id = unused_id(graph);
  else check_chosen_id(graph, revision.id);
  for (const auto& label : revision.branch_labels)
    if (util::first_unprintable(label))
      throw UsageError(ErrorCode::illegal_branch_label,
                       "--branch-label '" + util::excerpt(label) +
                           "' holds a control character or bytes that are not UTF-8; use printable characters");
  if (revision.created.empty()) revision.created = utc_now_iso8601();
  const auto location = choose_location(repository, revision);
  const auto& dir = repository.version_dirs().at(location);
  validate_with(repository, revision, dir / repo::revision_file_name(revision));
  const auto layout = repository.layouts().at(location);
  const auto written = alembic_python && layout == repo::Layout::alembic ? repo::write_alembic_revision(dir, revision)
                                                                         : repo::write_revision(dir, layout, revision);

  auto& out = context.out();
  const auto shown = repo::display_path(written);
  if (out.json()) {
    graph::Revision value;
    value.id = revision.id;
    value.revises = revision.revises;
    value.branch_labels = revision.branch_labels;
    value.depends_on = revision.depends_on;
    value.message = revision.message;
    value.path = shown;
    out.document(Json{{"revision", revision_json(value)}});
  } else {
    out.line("created revision " + out.paint(revision.id, Style::id) + ": " + shown);
  }
  return 0;
}

}  // namespace strata::cli
