#pragma once
// The JSON of a revision, shared by every command (README "JSON output"):
// {"revision", "revises": [], "branch_labels": [], "depends_on": [], "message", "path"}.
#include <span>

#include <nlohmann/json.hpp>

#include "strata/cli/output.hpp"
#include "strata/core/problem.hpp"
#include "strata/graph/revision_graph.hpp"

namespace strata::cli {

// `branch_labels` are the labels declared in the revision's file (not the propagated ones).
Json revision_json(const graph::Revision& revision);
Json revisions_json(const graph::RevisionGraph& graph, std::span<const graph::RevIndex> indexes);
// Ids only: ["a1b2…", …].
Json ids_json(const graph::RevisionGraph& graph, std::span<const graph::RevIndex> indexes);
// {"code", "message", "paths": [], "revisions": []}
Json problem_json(const Problem& problem);

}  // namespace strata::cli
