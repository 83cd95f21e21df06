#pragma once
// What `revision` and `merge` share: validating a new revision against the repository before anything is
// written, choosing its folder, writing it, and reporting it.
#include <string>
#include <vector>

#include "strata/cli/context.hpp"
#include "strata/graph/revision_graph.hpp"
#include "strata/repo/revision_writer.hpp"

namespace strata::cli {

// The time now, as the `created` header writes it ("2026-01-12T16:30:00Z").
std::string utc_now_iso8601();
// A random 12-hex-digit id that is neither a revision id nor a label of `graph`.
std::string unused_id(const graph::RevisionGraph& graph);

// Throws UsageError "Duplicate head revisions specified" when a parent appears twice.
void refuse_duplicate_parents(const graph::RevisionGraph& graph, const std::vector<graph::RevIndex>& parents);

// `--depends-on` values resolved (revision-graph.md "Writing revisions"): a value that is one of its revision's branch
// labels is kept as written, anything else becomes the full id (partial ids are expanded). Unknown values are a
// GraphError.
std::vector<std::string> resolve_depends_on(const graph::RevisionGraph& graph, const std::vector<std::string>& values);

// Fills in a random id when `revision.id` is empty, checks the repository plus the new revision as one graph
// (duplicate id or label, illegal characters, unknown dependencies: a GraphError, and nothing is written), writes
// the file into the location of its first parent (the first location for a new base) and prints it.
// `alembic_python`: in an Alembic folder, write a Python revision (repo/alembic_writer.hpp) instead of refusing
// (merge revisions have no body, so strata can write them there).
int write_new_revision(Context& context, repo::NewRevision revision, bool alembic_python = false);

// repo::write_new_revisions with the process's clock, random source and working directory; prints nothing.
std::vector<std::filesystem::path> write_revisions(Context& context, std::vector<repo::NewRevision>& revisions,
                                                   bool alembic_python = false);
// {"id", "revises", ...} of a revision just written, as `revision --json` prints it.
Json written_revision_json(const repo::NewRevision& revision, const std::string& shown);

}  // namespace strata::cli
