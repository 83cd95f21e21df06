#pragma once
// What `revision` and `merge` share: validating a new revision against the repository before anything is
// written, choosing its folder, writing it, and reporting it.
#include <string>
#include <vector>

#include "strata/cli/context.hpp"
#include "strata/graph/revision_graph.hpp"
#include "strata/repo/revision_writer.hpp"

namespace strata::cli {

// Throws UsageError "Duplicate head revisions specified" when a parent appears twice.
void refuse_duplicate_parents(const graph::RevisionGraph& graph, const std::vector<graph::RevIndex>& parents);

// `--depends-on` values resolved (revision-graph.md "Writing revisions"): a value that is one of its revision's branch labels is kept
// as written, anything else becomes the full id (partial ids are expanded). Unknown values are a GraphError.
std::vector<std::string> resolve_depends_on(const graph::RevisionGraph& graph,
                                            const std::vector<std::string>& values);

// Fills in a random id when `revision.id` is empty, checks the repository plus the new revision as one graph
// (duplicate id or label, illegal characters, unknown dependencies: a GraphError, and nothing is written), writes
// the file into the location of its first parent (the first location for a new base) and prints it.
int write_new_revision(Context& context, repo::NewRevision revision);

}  // namespace strata::cli
