#pragma once
// Adding revisions to a repository: choosing ids, checking the repository plus the new revisions as one graph
// before anything is written, choosing each one's folder and writing the files. `revision`, `merge` and
// `revision --autogenerate` all go through here; the clock, the random source and the working directory are
// parameters, so the library reads no process state and tests are deterministic.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "strata/graph/revision_graph.hpp"
#include "strata/repo/repository.hpp"
#include "strata/repo/revision_writer.hpp"

namespace strata::repo {

// The `created` header's form of a time: "2026-01-12T16:30:00Z".
std::string iso8601_utc(std::chrono::system_clock::time_point time);

// A random 12-hex-digit id that is neither a revision id nor a label of `graph`, nor in `taken`.
std::string unused_id(const graph::RevisionGraph& graph, const RandomSource& random,
                      const std::vector<std::string>& taken = {});

struct WriteOptions {
  std::chrono::system_clock::time_point now;
  RandomSource random;
  std::filesystem::path working_directory;  // paths in messages are shown relative to it
  // In an Alembic folder, write a Python revision (alembic_writer.hpp) instead of refusing: merge revisions have
  // no body, so strata can write them there.
  bool alembic_python = false;
};

// The revision as the graph sees it, its file shown as `path`: what validation and JSON output read, for a new
// revision and for a squash alike.
graph::Revision as_graph_revision(const NewRevision& revision, const std::string& path);

// Writes `revisions` in order (a later one may revise an earlier one). Empty ids are chosen at random; a chosen
// id is checked first ("illegal_revision_id", "duplicate_revision"); branch labels must be printable. Then the
// repository plus all the new revisions are built as one graph: any problem is a GraphError and nothing is
// written. Each file goes to the folder of its first parent (the first folder for a new base). Fills in `id` and
// `created` and returns the written paths, in order.

std::vector<std::filesystem::path> write_new_revisions(const Repository& repository,
                                                       std::vector<NewRevision>& revisions,
                                                       const WriteOptions& options);

}  // namespace strata::repo
