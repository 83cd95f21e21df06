#pragma once
// `stamp REV... [--purge]`: make the version store say that exactly these revisions (and their ancestors) are
// applied, without running anything. Revisions kept whose checksum differs from their file are re-recorded: the
// way to accept an edited, already applied migration. One transaction, under the migration lock.
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
  std::vector<std::string> rechecked;  // kept, checksum re-recorded
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
