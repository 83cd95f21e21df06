// The `transaction: none` run: statement by statement in autocommit, its progress in the version row after each,
// and the dirty state a failure leaves (also when a statement of a transactional migration ended strata's
// transaction). `resolve --resume` continues such a run.
#include <fmt/format.h>

#include "strata/engine/database_state.hpp"
#include "strata/engine/migration_error.hpp"
#include "strata/engine/plan_runner.hpp"
#include "strata/engine/plan_runner_detail.hpp"
#include "strata/engine/section_runner.hpp"

namespace strata::engine {

using namespace plan_runner_detail;

void PlanRunner::run_autocommit(const graph::Step& step, const StepEvent& event, int from, bool resuming) {
  const auto start = Clock::now();
  const auto& file = m_repository.file(step.revision);
  const auto& section = is_up(step) ? file.up : *file.down;
  const auto statements = split_section(m_connection.engine(), section, file.revision.path);
  if (is_up(step) && !resuming) {
    try {
      m_store.mark_started(event.revision, file.checksum);
    } catch (const DatabaseError& error) {
      fail(step, error, fmt::format("none of its statements ran{}", rerun_hint(step, event.revision, m_selection)));
    }
  }
  for (std::size_t i = static_cast<std::size_t>(from); i < statements.size(); ++i) {
    m_progress.statement_started(i, statements.size());
    try {
      execute_statement(m_connection, statements[i], section, file.revision.path);
    } catch (const DatabaseError& error) {
      const int number = static_cast<int>(i) + 1;
      std::string outcome = fmt::format(
          "revision {} is now dirty at statement {} of {} (a `transaction: none` migration: the statements before "
          "it stay done)",
          event.revision, number, statements.size());
      try {
        m_store.mark_failed(event.revision, static_cast<int>(i), short_text(error),
                            is_up(step) ? db::DirtyDirection::up : db::DirtyDirection::down);
      } catch (const DatabaseError&) {
        outcome += "; recording the failure failed as well";
      }
      outcome += fmt::format("\nhint: {}", resolve_hint(event.revision, step.direction, number, m_selection));
      fail(step, error, outcome);
    }
    if (!is_up(step)) continue;
    try {
      m_store.record_progress(event.revision, static_cast<int>(i) + 1);
    } catch (const DatabaseError& error) {
      const int number = static_cast<int>(i) + 1;
      fail(step, error,
           fmt::format("statement {0} of {1} ran, but recording that failed: revision {2} is dirty, and its record "
                       "says statement {0} has not run\nhint: check whether statement {0} took effect; if not: {3}",
                       number, statements.size(), event.revision,
                       resolve_hint(event.revision, step.direction, number, m_selection)));
    }
  }
  try {
    record_autocommit_done(step, event, file, start, resuming);
  } catch (const DatabaseError& error) {
    fail(step, error,
         is_up(step) ? fmt::format("all {0} statements ran, but recording {1} as applied failed: it stays dirty\n"
                                   "hint: once the database is reachable, run `strata resolve {1} --applied{2}`",
                                   statements.size(), event.revision, m_selection)
                     : fmt::format("all {0} statements ran, but removing {1} from the version table failed: it is "
                                   "still recorded as applied\nhint: once the database is reachable, run "
                                   "`strata resolve {1} --rolled-back{2}`",
                                   statements.size(), event.revision, m_selection));
  }
  ++m_executed;
}

// A `transaction: none` migration's last step: its version row says done (or is removed), with its log row. A
// resumed run records the file's checksum as it is now (the file was fixed before resuming).
void PlanRunner::record_autocommit_done(const graph::Step& step, const StepEvent& event,
                                        const repo::MigrationFile& file, Clock::time_point start, bool resuming) {
  auto transaction = m_connection.begin(db::TransactionMode::write);
  // The revision's own row was written by mark_started; what remains is completing it and, for a squash, the rows
  // of what it replaces.
  if (is_up(step))
    m_store.mark_completed(event.revision, elapsed_ms(start),
                           resuming ? std::optional<std::string>(file.checksum) : std::nullopt);
  write_rows(step, elapsed_ms(start), is_up(step));
  transaction.commit();
}

void PlanRunner::resume(graph::RevIndex revision, int from) {
  const graph::Step step{revision, graph::Direction::up};
  auto event = event_for(step, 0, 1);
  m_progress.plan_started(1);
  m_connection.take_notices();
  m_progress.step_started(event);
  const auto start = Clock::now();
  run_autocommit(step, event, from, true);
  event.ms = elapsed_ms(start);
  event.notices = m_connection.take_notices();
  m_progress.step_finished(event);
}

// Nothing can be rolled back any more: say what happened, and mark the revision dirty so that nothing else runs
// until someone has looked.
void PlanRunner::transaction_ended(const graph::Step& step, std::size_t statement, bool whole_run) {
  const auto& file = m_repository.file(step.revision);
  const auto& section = is_up(step) ? file.up : *file.down;
  const auto statements = split_section(m_connection.engine(), section, file.revision.path);
  const auto& id = file.revision.id;
  const int number = static_cast<int>(statement) + 1;
  const int line = file_line(section, statements[statement], std::nullopt);
  const db::DirtyDirection direction = is_up(step) ? db::DirtyDirection::up : db::DirtyDirection::down;
  const std::string reason = fmt::format("statement {} ended the transaction strata runs the migration in", number);
  std::string outcome = fmt::format(
      "strata stopped right after it: the statements before it were committed or rolled back by it, not by "
      "strata{}; nothing after it ran; revision {} is now dirty (a statement that ends transactions belongs in a "
      "`-- transaction: none` migration)",
      whole_run ? " (and so were the migrations before it in this run)" : "", id);
  try {
    if (is_up(step)) {
      m_store.mark_started(id, file.checksum);
      m_store.record_progress(id, number);
    } else {
      m_store.mark_failed(id, static_cast<int>(statement), reason, direction);
    }
  } catch (const DatabaseError&) {
    outcome += "; recording that failed as well";
  }
  outcome += fmt::format("\nhint: {}", resolve_hint(id, step.direction, number + 1, m_selection));
  ErrorFields fields;
  fields.statement = statements[statement].text;
  fields.path = file.revision.path;
  fields.line = line;
  const DatabaseError error(ErrorCode::transaction_ended, reason, std::move(fields));
  fail(step, error, outcome);
}

}  // namespace strata::engine
