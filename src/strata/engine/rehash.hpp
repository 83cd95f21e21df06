#pragma once
// `rehash [REV...]`: re-record the stored checksum of applied revisions from their files as they are now — the way
// to accept an edit to an applied migration whose effect the database already has (a comment, a reformat, a fix
// made by hand on every database). It never adds or removes applied revisions: the applied set, the heads and
// alembic_version stay exactly as they were. Each change is logged (action `stamp`, detail
// "rehash: checksum <old> -> <new>"). One transaction, under the migration lock.
#include <string>
#include <vector>

#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct RehashedRevision {
  std::string revision;
  std::string path;
  std::string old_checksum;
  std::string new_checksum;
};

struct RehashReport {
  std::string database;
  std::vector<RehashedRevision> rehashed;
  std::vector<std::string> unchanged;  // named revisions whose stored checksum already matched
};

// `revisions` empty: every applied revision whose checksum differs from its file. Otherwise each target (id,
// prefix, label@head, ...) must name applied revisions: one that is not applied is a UsageError (code
// "not_applied") and nothing changes. A dirty database is refused as `upgrade` refuses it.
RehashReport rehash(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                    const std::vector<std::string>& revisions);

}  // namespace strata::engine
