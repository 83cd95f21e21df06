#include "strata/repo/new_revision.hpp"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/repo/alembic_writer.hpp"
#include "strata/util/display_path.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::repo {

namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& file, const fs::path& dir, const fs::path& working_directory) {
  const auto absolute = [&](const fs::path& path) {
    return (path.is_absolute() ? path : working_directory / path).lexically_normal().generic_string();
  };
  const auto file_text = absolute(file);
  auto dir_text = absolute(dir);
  if (!dir_text.ends_with('/')) dir_text += '/';
  return file_text.starts_with(dir_text);
}

// The location a new revision belongs to: that of its first parent (an existing revision, or one written before
// it in the same call), else the first one.
std::size_t choose_location(const Repository& repository, const NewRevision& revision,
                            const std::vector<std::pair<std::string, std::size_t>>& earlier,
                            const fs::path& working_directory) {
  const auto& dirs = repository.version_dirs();
  if (revision.revises.empty()) return 0;
  const auto& first = revision.revises.front();
  for (const auto& [id, location] : earlier)
    if (id == first) return location;
  if (const auto parent = repository.graph().find(first)) {
    const auto& path = repository.graph().revision(*parent).path;
    for (std::size_t i = 0; i < dirs.size(); ++i)
      if (is_inside(path, dirs[i], working_directory)) return i;
  }
  return 0;
}

// A chosen id becomes a file name: check it before anything else, and say only that when it is taken.
void check_chosen_id(const graph::RevisionGraph& graph, const std::string& id) {
  if (const auto problem = graph::revision_id_problem(id))
    throw UsageError(ErrorCode::illegal_revision_id, fmt::format("--rev-id: {}", *problem));
  if (const auto existing = graph.find(id))
    throw GraphError(ErrorCode::duplicate_revision,
                     fmt::format("revision '{}' already exists ({}); choose another --rev-id, or leave it out for a "
                                 "random id",
                                 id, graph.revision(*existing).path),
                     {id});
}

}  // namespace

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string unused_id(const graph::RevisionGraph& graph, const RandomSource& random,
                      const std::vector<std::string>& taken) {
  for (;;) {
    auto id = generate_revision_id(random);
    if (!graph.find(id) && !graph.find_label(id) && std::find(taken.begin(), taken.end(), id) == taken.end()) return id;
  }
}

graph::Revision as_graph_revision(const NewRevision& revision, const std::string& path) {
  graph::Revision added;
  added.id = revision.id;
  added.revises = revision.revises;
  added.depends_on = revision.depends_on;
  added.branch_labels = revision.branch_labels;
  added.replaces = revision.replaces;
  added.message = revision.message;
  added.path = path;
  return added;
}

std::vector<fs::path> write_new_revisions(const Repository& repository, std::vector<NewRevision>& revisions,
                                          const WriteOptions& options) {
  const auto& graph = repository.graph();
  std::vector<std::string> ids;
  for (auto& revision : revisions) {
    if (revision.id.empty()) revision.id = unused_id(graph, options.random, ids);
    else check_chosen_id(graph, revision.id);
    ids.push_back(revision.id);
    for (const auto& label : revision.branch_labels)
      if (util::first_unprintable(label))
        throw UsageError(ErrorCode::illegal_branch_label,
                         fmt::format("--branch-label '{}' holds a control character or bytes that are not UTF-8; use "
                                     "printable characters",
                                     util::excerpt(label)));
    if (revision.created.empty()) revision.created = iso8601_utc(options.now);
  }
  // Every rule `check` applies to files applies to the files we are about to write, before they exist.
  std::vector<std::pair<std::string, std::size_t>> locations;
  std::vector<graph::Revision> all;
  all.reserve(repository.files().size() + revisions.size());
  for (const auto& existing : repository.files()) all.push_back(existing.revision);
  for (const auto& revision : revisions) {
    const auto location = choose_location(repository, revision, locations, options.working_directory);
    locations.emplace_back(revision.id, location);
    const auto file = repository.version_dirs().at(location) / revision_file_name(revision);
    all.push_back(as_graph_revision(revision, util::display_path(file, options.working_directory)));
  }
  auto build = graph::RevisionGraph::try_build(std::move(all));
  if (!build.problems.empty()) throw GraphError(std::move(build.problems));

  std::vector<fs::path> written;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const auto location = locations[i].second;
    const auto& dir = repository.version_dirs().at(location);
    const auto layout = repository.layouts().at(location);
    const auto& cwd = options.working_directory;
    written.push_back(options.alembic_python && layout == Layout::alembic
                          ? write_alembic_revision(dir, revisions[i], cwd)
                          : write_revision(dir, layout, revisions[i], cwd));
  }
  return written;
}

}  // namespace strata::repo
