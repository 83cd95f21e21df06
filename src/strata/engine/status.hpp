#pragma once
// `status` and `current` of one database: read-only (the store is never created, a missing SQLite file is an error,
// no lock is taken). A database that cannot be read gives a status with `error` set rather than throwing, so that
// `status --all` reports every database.
#include <optional>
#include <string>
#include <vector>

#include "strata/core/exit_code.hpp"
#include "strata/db/lock.hpp"
#include "strata/engine/alembic_state.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/settings.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct StatusError {
  ErrorCode code = ErrorCode::database;
  std::string message;
  ExitCode exit_code = ExitCode::database;
  ErrorFields fields;
};

struct DatabaseStatus {
  std::string name;
  std::string url;  // redacted
  std::optional<std::string> branch;
  std::size_t applied_count = 0;
  std::vector<std::string> current_heads;  // known heads, then the applied revisions the repository lacks
  std::vector<std::string> known_heads;    // the heads among the revisions the repository has
  std::vector<std::string> expected_heads;
  std::vector<std::string> pending;          // what `upgrade` would apply, in order
  std::vector<std::string> unknown_applied;  // the database is ahead of the code
  std::vector<ChecksumMismatch> checksum_mismatches;
  // Applied revisions outside the lineage of the database's branch (a bound database only): recorded by
  // mistake, e.g. by a stamp that ignored the binding.
  std::vector<std::string> outside_branch;
  std::optional<DirtyState> dirty;
  std::optional<db::LockHolder> lock_holder;
  // alembic_version, when it exists and has rows; `alembic_message` says what it means unless they are in step.
  // While Alembic manages the database and strata does not yet, `pending` is what would follow the adoption.
  std::optional<AlembicComparison> alembic;
  std::string alembic_message;
  std::optional<StatusError> error;

  bool alembic_in_step() const noexcept { return !alembic || alembic->relation == AlembicRelation::in_step; }
  bool up_to_date() const noexcept {
    return !error && !dirty && pending.empty() && unknown_applied.empty() && checksum_mismatches.empty() &&
           outside_branch.empty() && alembic_in_step();
  }
  // status --exit-code: 0 up to date, 1 pending (or not adopted from Alembic yet), 3 unknown applied, checksum
  // mismatch, applied outside the branch or alembic_version disagreeing with strata's store, 4 dirty or unreachable.
  ExitCode exit_code() const noexcept;
};

// Never throws for database problems (they go into `error`); throws ConfigError for a bad branch binding.
DatabaseStatus read_status(const repo::Repository& repository, const SelectedDatabase& database,
                           const RunSettings& settings);

}  // namespace strata::engine
