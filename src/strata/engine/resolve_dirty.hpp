#pragma once
// `resolve REV --resume|--applied|--rolled-back`: clear the dirty state a failed or interrupted
// `transaction: none` migration left, after the operator has dealt with its cause.
//   --resume       run the rest of its up section, from the failed (or next) statement, then mark it applied
//   --applied      it was completed by hand: mark it applied
//   --rolled-back  it was undone by hand: forget it
#include <string>

#include "strata/engine/database_selection.hpp"
#include "strata/engine/progress.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

enum class Resolution { resume, applied, rolled_back };

struct ResolveReport {
  std::string database;
  std::string revision;
  Resolution resolution = Resolution::resume;
  int from_statement = 0;  // 1-based: where --resume started
  int statements = 0;      // of the up section
};

// Throws UsageError (code "not_dirty") when the database has no dirty revision or another one than `revision`
// (an id or unique prefix).
ResolveReport resolve_dirty(const repo::Repository& repository, const SelectedDatabase& database,
                            const RunSettings& settings, const std::string& revision, Resolution resolution,
                            ProgressSink& progress);

}  // namespace strata::engine
