#pragma once
// `squash`: one native revision that replaces a contiguous run of revisions on one lineage, and `squash
// --finalize`: deleting the replaced files once every database has moved past them. Every check runs before
// anything is written.
#include <filesystem>
#include <string>
#include <vector>

#include "strata/graph/revision.hpp"
#include "strata/repo/repository.hpp"
#include "strata/repo/revision_writer.hpp"

namespace strata::repo {

struct SquashRequest {
  graph::RevIndex first = 0;
  graph::RevIndex last = 0;
  std::string id;  // the squash's id (the caller generates one when the user gave none)
  std::string message;
  std::string created;  // ISO-8601, from the caller's clock
};

struct Repointed {
  std::string revision;
  std::string path;
  std::string text;  // the file's new text
};

struct SquashEdit {
  NewRevision squash;                       // revises FIRST's parents; replaces the run, oldest first
  std::filesystem::path directory;          // where the squash is written (FIRST's folder)
  std::vector<graph::RevIndex> run;         // oldest first
  std::vector<Repointed> repointed;         // the children of LAST, now revising the squash
  bool has_down = true;                     // false: a replaced revision has no down section, so neither has the squash
  std::filesystem::path working_directory;  // the repository's: what its shown paths start from
};

// Checks the run and prepares every file; nothing is written. A GraphError naming the revision when the run is not
// contiguous (code "squash_not_contiguous"), a replaced revision has a child or a dependent outside the run
// ("squash_outside_user"), a revision of the run declares a branch label ("squash_branch_label"), is an Alembic
// file ("squash_alembic"), is already part of a squash ("squash_nested"), or the run mixes `transaction: none`
// with transactional revisions ("squash_mixed_transaction"); also every graph problem the result would have.
SquashEdit plan_squash(const Repository& repository, const SquashRequest& request);

// Writes the squash (never overwriting) and then the re-pointed children. Returns the squash's path.
std::filesystem::path write_squash(const SquashEdit& edit);

// The files `squash --finalize` deletes: every replaced revision that still has one. A GraphError when `squash`
// replaces nothing (code "not_a_squash").
std::vector<std::string> finalize_paths(const Repository& repository, graph::RevIndex squash);

}  // namespace strata::repo
