#include "strata/cli/authoring.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "strata/cli/revision_json.hpp"
#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/new_revision.hpp"

namespace strata::cli {

std::string utc_now_iso8601() { return repo::iso8601_utc(std::chrono::system_clock::now()); }

std::string unused_id(const graph::RevisionGraph& graph) {
  return repo::unused_id(graph, repo::system_random_source());
}

void refuse_duplicate_parents(const graph::RevisionGraph& graph, const std::vector<graph::RevIndex>& parents) {
  for (std::size_t i = 0; i < parents.size(); ++i)
    for (std::size_t j = i + 1; j < parents.size(); ++j)
      if (parents[i] == parents[j])
        throw UsageError(ErrorCode::duplicate_heads,
                         fmt::format("Duplicate head revisions specified: '{}'", graph.id(parents[i])));
}

std::vector<std::string> resolve_depends_on(const graph::RevisionGraph& graph, const std::vector<std::string>& values) {
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

std::vector<std::filesystem::path> write_revisions(Context& context, std::vector<repo::NewRevision>& revisions,
                                                   bool alembic_python) {
  repo::WriteOptions options;
  options.now = std::chrono::system_clock::now();
  options.random = repo::system_random_source();
  options.working_directory = context.invocation().cwd;
  options.alembic_python = alembic_python;
  return repo::write_new_revisions(context.repository(), revisions, options);
}

Json written_revision_json(const repo::NewRevision& revision, const std::string& shown) {
  return revision_json(repo::as_graph_revision(revision, shown));
}

int write_new_revision(Context& context, repo::NewRevision revision, bool alembic_python) {
  std::vector<repo::NewRevision> revisions{std::move(revision)};
  const auto written = write_revisions(context, revisions, alembic_python);
  auto& out = context.out();
  const auto shown = util::display_path(written.front(), context.invocation().cwd);
  if (out.json()) out.document(Json{{"revision", written_revision_json(revisions.front(), shown)}});
  else out.line(fmt::format("created revision {}: {}", out.paint(revisions.front().id, Style::id), shown));
  return 0;
}

}  // namespace strata::cli
