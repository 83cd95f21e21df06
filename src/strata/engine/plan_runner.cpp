#include "strata/engine/plan_runner.hpp"

#include <fmt/format.h>

#include <chrono>
#include <optional>

#include "strata/engine/migration_error.hpp"
#include "strata/engine/plan_runner_detail.hpp"
#include "strata/engine/section_runner.hpp"

namespace strata::engine {

using namespace plan_runner_detail;

namespace {

// A statement of a transactional migration ended the session's transaction: `index` is its 0-based number.
struct SectionEnded {
  std::size_t index;
};

// After a failure the rollback may fail too (the connection is gone, or SQLite already rolled the transaction back
// after a full disk). The transaction is discarded either way — the server ends it with the session, SQLite with
// its journal — and the failure to report is the first one, not the rollback's.
void roll_back_after_failure(db::Transaction& transaction) noexcept {
  try {
    if (transaction.active()) transaction.rollback();
  } catch (const Error&) {}
}

// The outcome of a failed --transaction all run that was rolled back, then `hint`.
std::string whole_run_rolled_back(const std::string& hint) {
  return fmt::format("the whole run (--transaction all) was rolled back: nothing was applied{}", hint);
}

// Whether the failure says an object the migration creates is already there: PostgreSQL's duplicate_table,
// duplicate_column and duplicate_object, or SQLite's "already exists" (SQLite has no finer code than SQLITE_ERROR).
bool object_already_exists(const DatabaseError& error) {
  const auto& sqlstate = error.fields().sqlstate;
  if (sqlstate == "42P07" || sqlstate == "42701" || sqlstate == "42710") return true;
  return sqlstate.starts_with("SQLITE_") && error.fields().server_message.find("already exists") != std::string::npos;
}

// What a failed migration in a transaction of its own leaves: `revision` was rolled back, the ones before it in
// this run (`executed`) stay done.
std::string stays_done(std::size_t executed) {
  return executed > 0 ? fmt::format(" (the {} migrations before it in this run stay done)", executed) : "";
}

std::string rolled_back_text(const std::string& revision, std::size_t executed) {
  return fmt::format("its transaction was rolled back: the database is as it was before {}{}", revision,
                     stays_done(executed));
}

std::string in_doubt_text(const std::string& revision, std::size_t executed) {
  return fmt::format(
      "its transaction holds both the migration and its version row: {} is either applied and recorded, or not at "
      "all{}",
      revision, stays_done(executed));
}

}  // namespace

PlanRunner::PlanRunner(db::Connection& connection, db::VersionStore& store, db::MigrationLock& lock,
                       const repo::Repository& repository, const RunSettings& settings, ProgressSink& progress,
                       const std::vector<graph::RevIndex>& applied, std::string selection,
                       const std::vector<std::string>& replaced_absent)
    : m_connection(connection),
      m_store(store),
      m_lock(lock),
      m_repository(repository),
      m_settings(settings),
      m_progress(progress),
      m_recorded(repository, applied, replaced_absent),
      m_selection(std::move(selection)) {}

StepEvent PlanRunner::event_for(const graph::Step& step, std::size_t index, std::size_t total) const {
  const auto& revision = m_repository.graph().revision(step.revision);
  return StepEvent{revision.id, step.direction, revision.path, revision.message, index, total, 0, step.record_only, {}};
}

RunResult PlanRunner::run(const graph::Plan& plan) {
  const auto start = Clock::now();
  RunResult result;
  m_progress.plan_started(plan.steps.size());
  if (m_settings.transaction == TransactionScope::all && !plan.steps.empty()) {
    run_all_in_one_transaction(plan, result);
  } else {
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
      const auto& step = plan.steps[i];
      auto event = event_for(step, i, plan.steps.size());
      const auto step_start = Clock::now();
      m_connection.take_notices();  // the version store's own (CREATE TABLE IF NOT EXISTS) are not this step's
      m_progress.step_started(event);
      const auto executed_before = m_executed;
      if (step.record_only) run_record_only(step);
      else if (m_repository.file(step.revision).transaction == repo::TransactionMode::none)
        run_autocommit(step, event, 0, false);
      else if (sends_sections_whole()) run_section_whole(step, event);
      else run_in_own_transaction(step, event);
      if (m_executed == executed_before) {
        ++result.skipped;
        continue;
      }
      event.ms = elapsed_ms(step_start);
      event.notices = m_connection.take_notices();
      m_progress.step_finished(event);
    }
  }
  result.executed = m_executed;
  result.ms = elapsed_ms(start);
  return result;
}

bool PlanRunner::sends_sections_whole() const noexcept {
  return !m_settings.store.records && !m_settings.store.alembic_version &&
         m_settings.lock_mode == config::LockMode::session;
}

void PlanRunner::run_section_whole(const graph::Step& step, const StepEvent& event) {
  const auto start = Clock::now();
  const auto& file = m_repository.file(step.revision);
  const auto& section = is_up(step) ? file.up : *file.down;
  const auto statements = split_section(m_connection.engine(), section, file.revision.path);
  const std::string hint = rerun_hint(step, event.revision, m_selection);
  std::optional<db::BatchFailure> failure;
  try {
    failure = m_connection.execute_in_transaction(statements);
  } catch (const DatabaseError& error) {
    if (error.code() == ErrorCode::in_doubt) fail(step, error, in_doubt_text(event.revision, m_executed) + hint);
    fail(step, error, rolled_back_text(event.revision, m_executed) + hint);
  }
  if (failure) {
    const auto& failed = statements[failure->index];
    fail(step,
         failure->error.with_location(file.revision.path, file_line(section, failed, failure->error.error_offset())),
         rolled_back_text(event.revision, m_executed) + hint);
  }
  record(step, elapsed_ms(start));  // nothing is written: the run only keeps its applied set
  ++m_executed;
}

void PlanRunner::run_in_own_transaction(const graph::Step& step, const StepEvent& event) {
  const auto start = Clock::now();
  const std::string rolled_back = rolled_back_text(event.revision, m_executed);
  // Every failure below names the revision: a lost connection or a full disk can strike at BEGIN, at the version
  // row or at COMMIT just as well as in the migration's own statements.
  std::optional<db::Transaction> transaction;
  try {
    transaction.emplace(m_connection.begin(db::TransactionMode::write));
    m_lock.in_transaction();
    if (already_done(step)) {
      transaction->commit();
      return;
    }
  } catch (const DatabaseError& error) {
    if (transaction) roll_back_after_failure(*transaction);
    fail(step, error,
         fmt::format("nothing of it ran: the database is as it was before {}{}{}", event.revision,
                     stays_done(m_executed), rerun_hint(step, event.revision, m_selection)));
  }
  try {
    execute_section(step);
  } catch (const SectionEnded& ended) {
    transaction_ended(step, ended.index, false);
  } catch (const DatabaseError& error) {
    roll_back_after_failure(*transaction);
    fail(step, error, rolled_back + rerun_hint(step, event.revision, m_selection));
  }
  try {
    record(step, elapsed_ms(start));
    transaction->commit();
  } catch (const DatabaseError& error) {
    if (error.code() == ErrorCode::in_doubt)
      fail(step, error, in_doubt_text(event.revision, m_executed) + rerun_hint(step, event.revision, m_selection));
    roll_back_after_failure(*transaction);
    set_applied(step.revision, !is_up(step));
    fail(step, error, rolled_back + rerun_hint(step, event.revision, m_selection));
  }
  ++m_executed;
}

// A squash whose replaced revisions are all applied: its row, written without running anything.
void PlanRunner::run_record_only(const graph::Step& step) {
  auto transaction = m_connection.begin(db::TransactionMode::write);
  m_lock.in_transaction();
  if (already_done(step)) {
    transaction.commit();
    return;
  }
  record(step, 0);
  transaction.commit();
  ++m_executed;
}

void PlanRunner::run_all_in_one_transaction(const graph::Plan& plan, RunResult& result) {
  auto transaction = m_connection.begin(db::TransactionMode::write);
  m_lock.in_transaction();
  std::vector<StepEvent> finished;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    auto event = event_for(step, i, plan.steps.size());
    const auto start = Clock::now();
    m_connection.take_notices();
    m_progress.step_started(event);
    if (already_done(step)) {
      ++result.skipped;
      continue;
    }
    try {
      if (!step.record_only) execute_section(step);
    } catch (const SectionEnded& ended) {
      transaction_ended(step, ended.index, true);
    } catch (const DatabaseError& error) {
      roll_back_after_failure(transaction);
      m_executed = 0;
      fail(step, error, whole_run_rolled_back(rerun_hint(step, event.revision, m_selection)));
    }
    try {
      record(step, elapsed_ms(start));
    } catch (const DatabaseError& error) {
      roll_back_after_failure(transaction);
      m_executed = 0;
      fail(step, error, whole_run_rolled_back(rerun_hint(step, event.revision, m_selection)));
    }
    ++m_executed;
    event.ms = elapsed_ms(start);
    event.notices = m_connection.take_notices();
    m_progress.step_finished(event);
  }
  try {
    transaction.commit();
  } catch (const DatabaseError& error) {
    // The whole plan commits at once; the error is reported against its last step.
    const auto& last = plan.steps.back();
    const auto& id = m_repository.graph().id(last.revision);
    m_executed = 0;
    fail(last, error,
         error.code() == ErrorCode::in_doubt
             ? fmt::format("the whole run (--transaction all) is either committed or not at all, up to and "
                           "including {}{}",
                           id, rerun_hint(last, "what is not recorded", m_selection))
             : whole_run_rolled_back(rerun_hint(last, id, m_selection)));
  }
}

void PlanRunner::execute_section(const graph::Step& step) {
  const auto& file = m_repository.file(step.revision);
  const auto& section = is_up(step) ? file.up : *file.down;
  const auto statements = split_section(m_connection.engine(), section, file.revision.path);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    m_progress.statement_started(i, statements.size());
    execute_statement(m_connection, statements[i], section, file.revision.path);
    if (!m_connection.session_in_transaction()) throw SectionEnded{i};
  }
}

void PlanRunner::record(const graph::Step& step, std::int64_t ms) { write_rows(step, ms, false); }

// The step's rows (RecordedSet::apply): `skip_own` when the caller already wrote the revision's own insert.
void PlanRunner::write_rows(const graph::Step& step, std::int64_t ms, bool skip_own) {
  for (const auto& change : m_recorded.apply(step)) {
    if (change.insert) {
      if (!(change.own && skip_own)) m_store.record_applied(change.revision, change.checksum, change.own ? ms : 0);
    } else {
      m_store.remove(change.revision);
    }
    m_store.log(change.action, change.revision, change.detail);
  }
  update_alembic_heads();
}

void PlanRunner::set_applied(graph::RevIndex revision, bool applied) {
  m_recorded.set(revision, applied);
  update_alembic_heads();
}

void PlanRunner::update_alembic_heads() {
  if (!m_settings.store.alembic_version) return;
  const auto& graph = m_repository.graph();
  m_store.set_alembic_heads(graph.ids(graph.maximal(m_recorded.applied())));
}

// In transaction lock mode another runner may have run this step between our transactions: re-check inside ours.
bool PlanRunner::already_done(const graph::Step& step) {
  if (m_settings.lock_mode != config::LockMode::transaction) return false;
  const auto& id = m_repository.graph().id(step.revision);
  const auto count =
      m_connection.query(fmt::format("SELECT count(*) FROM {} WHERE revision = $1", m_store.sql().table()), {id});
  const bool applied = count.one_field().value_or("0") != "0";
  if (applied == is_up(step)) {
    set_applied(step.revision, applied);
    return true;
  }
  return false;
}

void PlanRunner::log_failure(const graph::Step& step, const std::string& message) noexcept {
  try {
    m_store.log(db::LogAction::failure, m_repository.graph().id(step.revision), message);
  } catch (...) {
    // The connection may be gone: the error being reported matters more than its log row.
  }
}

void PlanRunner::fail(const graph::Step& step, const DatabaseError& error, const std::string& outcome) {
  const auto& file = m_repository.file(step.revision);
  auto fields = error.fields();
  if (fields.path.empty()) fields.path = file.revision.path;
  fields.revision = file.revision.id;
  fields.direction = step.direction;
  // The location comes from the fields; a StatementError's own text without the location it was given.
  const auto* statement = dynamic_cast<const db::StatementError*>(&error);
  const std::string message = statement != nullptr ? statement->unlocated_message() : std::string(error.what());
  const std::string head =
      fields.line > 0 ? fmt::format("{}:{}: ", fields.path, fields.line) : fmt::format("{}: ", fields.path);
  std::string text = fmt::format("{}{} {} failed: {}\n{}", head, is_up(step) ? "upgrade" : "downgrade",
                                 file.revision.id, message, outcome);
  if (is_up(step) && object_already_exists(error))
    text +=
        "\nhint: the database already has objects this migration creates; `strata identify` tells which "
        "revision its schema matches, and `strata adopt` records that revision when it matches exactly";
  log_failure(step, text);
  throw MigrationError(error.code(), text, std::move(fields));
}

}  // namespace strata::engine
