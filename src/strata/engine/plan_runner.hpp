#pragma once
// Executes a graph::Plan on a locked connection, step by step.
//
// Per-migration mode: begin(write) → lock.in_transaction() (transaction lock mode) → each statement of the section
//   → record_applied / remove + log (+ alembic_version) → commit. A failure rolls that migration back, logs a
//   `failure` row, and throws MigrationError naming file:line and the SQLSTATE; earlier steps stay applied.
// All mode (--transaction all): one transaction for every step; a failure leaves nothing applied.
// After each statement of a transactional migration the session's own transaction state is checked
// (Connection::session_in_transaction): a statement that ended strata's transaction (checked for before the run,
// see section_checks.hpp, so only what that check cannot see) stops the run at once, marks the revision dirty and
// says what was not rolled back, so that no message claims a rollback that did not happen.
// `transaction: none` migrations: statements in autocommit, progress recorded after each; a failure marks the
//   revision dirty at that statement (see VersionStore) and stops the run.
#include <chrono>
#include <cstdint>
#include <vector>

#include "strata/db/lock.hpp"
#include "strata/db/version_store.hpp"
#include "strata/engine/progress.hpp"
#include "strata/engine/recorded_set.hpp"
#include "strata/engine/settings.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct RunResult {
  std::size_t executed = 0;  // steps run by this runner
  std::size_t skipped = 0;   // steps another runner had already done (transaction lock mode)
  std::int64_t ms = 0;
};

class PlanRunner {
public:
  // `applied`, `replaced_absent`: the database's recorded revisions before the plan (DatabaseState). `selection`:
  // what the commands in hints need to reach this database again (selection_options()).
  PlanRunner(db::Connection& connection, db::VersionStore& store, db::MigrationLock& lock,
             const repo::Repository& repository, const RunSettings& settings, ProgressSink& progress,
             const std::vector<graph::RevIndex>& applied, std::string selection,
             const std::vector<std::string>& replaced_absent = {});

  // Refuses (UsageError) before running anything when --transaction all meets a `transaction: none` migration.
  RunResult run(const graph::Plan& plan);
  // The revisions recorded as applied now (its heads are graph().maximal() of them).
  std::vector<graph::RevIndex> applied() const { return m_recorded.applied(); }

  // `resolve --resume`: runs the up section of a dirty `transaction: none` revision from statement `from`
  // (0-based), then marks it complete with the file's current checksum (the file that ran to the end).
  void resume(graph::RevIndex revision, int from);

private:
  void run_in_own_transaction(const graph::Step& step, const StepEvent& event);
  // A run that writes no version rows under a session lock (a scratch database's replay) has nothing to do inside
  // a migration's transaction but its statements: it sends them with BEGIN and COMMIT in one round trip.
  bool sends_sections_whole() const noexcept;
  void run_section_whole(const graph::Step& step, const StepEvent& event);
  void run_all_in_one_transaction(const graph::Plan& plan, RunResult& result);
  void run_autocommit(const graph::Step& step, const StepEvent& event, int from, bool resuming);
  void record_autocommit_done(const graph::Step& step, const StepEvent& event, const repo::MigrationFile& file,
                              std::chrono::steady_clock::time_point start, bool resuming);
  // Throws SectionEnded when a statement ended the session's transaction.
  void execute_section(const graph::Step& step);
  [[noreturn]] void transaction_ended(const graph::Step& step, std::size_t statement, bool whole_run);
  void record(const graph::Step& step, std::int64_t ms);
  void write_rows(const graph::Step& step, std::int64_t ms, bool skip_own);
  void run_record_only(const graph::Step& step);
  bool already_done(const graph::Step& step);
  void set_applied(graph::RevIndex revision, bool applied);
  void update_alembic_heads();
  void log_failure(const graph::Step& step, const std::string& message) noexcept;
  [[noreturn]] void fail(const graph::Step& step, const DatabaseError& error, const std::string& outcome);
  StepEvent event_for(const graph::Step& step, std::size_t index, std::size_t total) const;

  db::Connection& m_connection;
  db::VersionStore& m_store;
  db::MigrationLock& m_lock;
  const repo::Repository& m_repository;
  const RunSettings& m_settings;
  ProgressSink& m_progress;
  RecordedSet m_recorded;
  std::size_t m_executed = 0;
  std::string m_selection;
};

}  // namespace strata::engine
