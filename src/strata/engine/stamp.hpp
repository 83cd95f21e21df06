#pragma once
// `stamp REV... [--purge]`: make the version store say that exactly these revisions (and their ancestors) are
// applied, without running anything. Rows that stay are left as they are (checksums included: re-recording a
// checksum is `rehash`, which never moves the applied set). A database bound to a branch only takes revisions of
// that branch's lineage (`head`/`heads` mean L@head/L@heads there). One transaction, under the migration lock.
#include <string>
#include <vector>

#include "strata/engine/database_selection.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct StampReport {
  std::string database;
  std::vector<std::string> added;
  std::vector<std::string> removed;
  std::vector<std::string> heads_before;
  std::vector<std::string> heads_after;
  // Applied revisions the repository lacks, before and after (--purge removes them): part of the database's
  // heads, which cannot be told apart without their files.
  std::vector<std::string> unknown_before;
  std::vector<std::string> unknown_after;
};

StampReport stamp(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                  const std::vector<std::string>& revisions, bool purge);

}  // namespace strata::engine
