#include "strata/cli/revision_json.hpp"

namespace strata::cli {

Json revision_json(const graph::Revision& revision) {
  Json json{
      {"revision", revision.id},           {"revises", revision.revises}, {"branch_labels", revision.branch_labels},
      {"depends_on", revision.depends_on}, {"message", revision.message}, {"path", revision.path},
  };
  // Only squashes carry the key, so the shape of every other revision stays as it was.
  if (!revision.replaces.empty()) json["replaces"] = revision.replaces;
  return json;
}

Json revisions_json(const graph::RevisionGraph& graph, std::span<const graph::RevIndex> indexes) {
  auto array = Json::array();
  for (const auto index : indexes) array.push_back(revision_json(graph.revision(index)));
  return array;
}

Json ids_json(const graph::RevisionGraph& graph, std::span<const graph::RevIndex> indexes) {
  auto array = Json::array();
  for (const auto index : indexes) array.push_back(graph.id(index));
  return array;
}

Json problem_json(const Problem& problem) {
  return {
      {"code", std::string(to_string(problem.code))},
      {"message", problem.message},
      {"paths", problem.paths},
      {"revisions", problem.revisions},
  };
}

}  // namespace strata::cli
