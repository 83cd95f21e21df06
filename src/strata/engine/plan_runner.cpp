#include "strata/engine/plan_runner.hpp"

#include <chrono>
#include <optional>

#include "strata/engine/migration_error.hpp"
#include "strata/engine/section_runner.hpp"

namespace strata::engine {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

bool is_up(const graph::Step& step) { return step.direction == graph::Direction::up; }

// What the dirty row keeps: the server's message and SQLSTATE (the file, line and database are known already).
std::string short_text(const DatabaseError& error) {
  const auto* statement = dynamic_cast<const db::StatementError*>(&error);
  if (statement == nullptr) return error.what();
  const auto& sqlstate = statement->details().sqlstate;
  return statement->server_message() + (sqlstate.empty() ? "" : " [" + sqlstate + "]");
}

// Whether the failure says an object the migration creates is already there: PostgreSQL's duplicate_table,
// duplicate_column and duplicate_object, or SQLite's "already exists" (SQLite has no finer code than SQLITE_ERROR).
bool object_already_exists(const DatabaseError& error) {
  const auto& sqlstate = error.details().sqlstate;
  if (sqlstate == "42P07" || sqlstate == "42701" || sqlstate == "42710") return true;
  const auto* statement = dynamic_cast<const db::StatementError*>(&error);
  return statement != nullptr && sqlstate.rfind("SQLITE_", 0) == 0 &&
         statement->server_message().find("already exists") != std::string::npos;
}

}  // namespace

PlanRunner::PlanRunner(db::Connection& connection, db::VersionStore& store, db::MigrationLock& lock,
                       const repo::Repository& repository, const RunSettings& settings, ProgressSink& progress,
                       const std::vector<graph::RevIndex>& applied)
    : m_connection(connection),
      m_store(store),
      m_lock(lock),
      m_repository(repository),
      m_settings(settings),
      m_progress(progress),
      m_applied(repository.graph().size(), 0) {
  for (const auto index : applied) m_applied[index] = 1;
}

StepEvent PlanRunner::event_for(const graph::Step& step, std::size_t index, std::size_t total) const {
  const auto& revision = m_repository.graph().revision(step.revision);
  return StepEvent{revision.id, step.direction, revision.path, revision.message, index, total, 0};
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
      m_progress.step_started(event);
      const auto executed_before = m_executed;
      if (m_repository.file(step.revision).transaction == repo::TransactionMode::none)
        run_autocommit(step, event, 0, false);
      else
        run_in_own_transaction(step, event);
      if (m_executed == executed_before) {
        ++result.skipped;
        continue;
      }
      event.ms = elapsed_ms(step_start);
      m_progress.step_finished(event);
    }
  }
  result.executed = m_executed;
  std::vector<graph::RevIndex> applied;
  for (graph::RevIndex index = 0; index < m_applied.size(); ++index)
    if (m_applied[index]) applied.push_back(index);
  result.heads_after = m_repository.graph().maximal(applied);
  result.ms = elapsed_ms(start);
  return result;
}

void PlanRunner::run_in_own_transaction(const graph::Step& step, const StepEvent& event) {
  const auto start = Clock::now();
  auto transaction = m_connection.begin(db::TransactionMode::write);
  m_lock.in_transaction();
  if (already_done(step)) {
    transaction.commit();
    return;
  }
  try {
    execute_section(step);
  } catch (const DatabaseError& error) {
    transaction.rollback();
    fail(step, error,
         "its transaction was rolled back: the database is as it was before " + event.revision +
             (m_executed > 0 ? " (the " + std::to_string(m_executed) + " migrations before it in this run stay done)"
                             : ""));
  }
  record(step, elapsed_ms(start));
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
    m_progress.step_started(event);
    if (already_done(step)) {
      ++result.skipped;
      continue;
    }
    try {
      execute_section(step);
    } catch (const DatabaseError& error) {
      transaction.rollback();
      m_executed = 0;
      fail(step, error, "the whole run (--transaction all) was rolled back: nothing was applied");
    }
    record(step, elapsed_ms(start));
    ++m_executed;
    event.ms = elapsed_ms(start);
    m_progress.step_finished(event);
  }
  transaction.commit();
}

void PlanRunner::run_autocommit(const graph::Step& step, const StepEvent& event, int from, bool resuming) {
  const auto start = Clock::now();
  const auto& file = m_repository.file(step.revision);
  const auto& section = is_up(step) ? file.up : *file.down;
  const auto statements = split_section(m_connection.engine(), section, file.revision.path);
  if (is_up(step) && !resuming) m_store.mark_started(event.revision, file.checksum);
  for (std::size_t i = static_cast<std::size_t>(from); i < statements.size(); ++i) {
    try {
      execute_statement(m_connection, statements[i], section, file.revision.path);
    } catch (const DatabaseError& error) {
      const int number = static_cast<int>(i) + 1;
      std::string outcome = "revision " + event.revision + " is now dirty at statement " + std::to_string(number) +
                            " of " + std::to_string(statements.size()) +
                            " (a `transaction: none` migration: the statements before it stay done)";
      try {
        m_store.mark_failed(event.revision, static_cast<int>(i), (is_up(step) ? "" : "downgrade: ") + short_text(error));
      } catch (const DatabaseError&) {
        outcome += "; recording the failure failed as well";
      }
      outcome += "\nhint: fix the cause, then run `strata resolve " + event.revision + " --resume` (continue from " +
                 "statement " + std::to_string(number) + "), `--applied` or `--rolled-back`";
      fail(step, error, outcome);
    }
    if (is_up(step)) m_store.record_progress(event.revision, static_cast<int>(i) + 1);
  }
  auto transaction = m_connection.begin(db::TransactionMode::write);
  if (is_up(step)) {
    m_store.mark_completed(event.revision, elapsed_ms(start));
    m_store.log(db::LogAction::upgrade, event.revision, file.revision.path);
    set_applied(step.revision, true);
  } else {
    m_store.remove(event.revision);
    m_store.log(db::LogAction::downgrade, event.revision, file.revision.path);
    set_applied(step.revision, false);
  }
  transaction.commit();
  ++m_executed;
}

void PlanRunner::resume(graph::RevIndex revision, int from) {
  const graph::Step step{revision, graph::Direction::up};
  auto event = event_for(step, 0, 1);
  m_progress.plan_started(1);
  m_progress.step_started(event);
  const auto start = Clock::now();
  run_autocommit(step, event, from, true);
  event.ms = elapsed_ms(start);
  m_progress.step_finished(event);
}

void PlanRunner::execute_section(const graph::Step& step) {
  const auto& file = m_repository.file(step.revision);
  const auto& section = is_up(step) ? file.up : *file.down;
  for (const auto& statement : split_section(m_connection.engine(), section, file.revision.path))
    execute_statement(m_connection, statement, section, file.revision.path);
}

void PlanRunner::record(const graph::Step& step, std::int64_t ms) {
  const auto& file = m_repository.file(step.revision);
  const auto& id = file.revision.id;
  if (is_up(step)) {
    m_store.record_applied(id, file.checksum, ms);
    m_store.log(db::LogAction::upgrade, id, file.revision.path);
  } else {
    m_store.remove(id);
    m_store.log(db::LogAction::downgrade, id, file.revision.path);
  }
  set_applied(step.revision, is_up(step));
}

void PlanRunner::set_applied(graph::RevIndex revision, bool applied) {
  m_applied[revision] = applied ? 1 : 0;
  if (!m_settings.store.alembic_version) return;
  std::vector<graph::RevIndex> indexes;
  for (graph::RevIndex index = 0; index < m_applied.size(); ++index)
    if (m_applied[index]) indexes.push_back(index);
  const auto& graph = m_repository.graph();
  m_store.set_alembic_heads(graph.ids(graph.maximal(indexes)));
}

// In transaction lock mode another runner may have run this step between our transactions: re-check inside ours.
bool PlanRunner::already_done(const graph::Step& step) {
  if (m_settings.lock_mode != db::LockMode::transaction) return false;
  const auto& id = m_repository.graph().id(step.revision);
  const auto count = m_connection.query("SELECT count(*) FROM " + m_store.sql().table() + " WHERE revision = $1",
                                        {id});
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
  auto details = error.details();
  if (details.path.empty()) details.path = file.revision.path;
  std::string message = error.what();
  // StatementError::with_location already starts the message with path:line.
  const std::string location = details.path + ":" + std::to_string(details.line) + ": ";
  if (details.line > 0 && message.rfind(location, 0) == 0) message.erase(0, location.size());
  const std::string head = details.line > 0 ? location : details.path + ": ";
  std::string text = head + (is_up(step) ? "upgrade " : "downgrade ") + file.revision.id + " failed: " + message +
                     "\n" + outcome;
  if (is_up(step) && object_already_exists(error))
    text += "\nhint: the database already has objects this migration creates; `strata identify` tells which "
            "revision its schema matches, and `strata adopt` records that revision when it matches exactly";
  log_failure(step, text);
  throw MigrationError(text, details, file.revision.id, step.direction, error.code());
}

}  // namespace strata::engine
