#include "strata/engine/plan_runner.hpp"

#include <chrono>
#include <optional>

#include "strata/engine/database_state.hpp"
#include "strata/engine/migration_error.hpp"
#include "strata/engine/section_runner.hpp"

namespace strata::engine {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

bool is_up(const graph::Step& step) { return step.direction == graph::Direction::up; }

// A statement of a transactional migration ended the session's transaction: `index` is its 0-based number.
struct SectionEnded {
  std::size_t index;
};

// What the dirty row keeps: the server's message and SQLSTATE (the file, line and database are known already).
std::string short_text(const DatabaseError& error) {
  const auto* statement = dynamic_cast<const db::StatementError*>(&error);
  if (statement == nullptr) return error.what();
  const auto& sqlstate = statement->details().sqlstate;
  return statement->server_message() + (sqlstate.empty() ? "" : " [" + sqlstate + "]");
}

}  // namespace

PlanRunner::PlanRunner(db::Connection& connection, db::VersionStore& store, db::MigrationLock& lock,
                       const repo::Repository& repository, const RunSettings& settings, ProgressSink& progress,
                       const std::vector<graph::RevIndex>& applied, std::string selection)
    : m_connection(connection),
      m_store(store),
      m_lock(lock),
      m_repository(repository),
      m_settings(settings),
      m_progress(progress),
      m_applied(repository.graph().size(), 0),
      m_selection(std::move(selection)) {
  for (const auto index : applied) m_applied[index] = 1;
}

StepEvent PlanRunner::event_for(const graph::Step& step, std::size_t index, std::size_t total) const {
  const auto& revision = m_repository.graph().revision(step.revision);
  return StepEvent{revision.id, step.direction, revision.path, revision.message, index, total, 0, {}};
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
      if (m_repository.file(step.revision).transaction == repo::TransactionMode::none)
        run_autocommit(step, event, 0, false);
      else
        run_in_own_transaction(step, event);
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
  } catch (const SectionEnded& ended) {
    transaction_ended(step, ended.index, false);
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
    m_connection.take_notices();
    m_progress.step_started(event);
    if (already_done(step)) {
      ++result.skipped;
      continue;
    }
    try {
      execute_section(step);
    } catch (const SectionEnded& ended) {
      transaction_ended(step, ended.index, true);
    } catch (const DatabaseError& error) {
      transaction.rollback();
      m_executed = 0;
      fail(step, error, "the whole run (--transaction all) was rolled back: nothing was applied");
    }
    record(step, elapsed_ms(start));
    ++m_executed;
    event.ms = elapsed_ms(start);
    event.notices = m_connection.take_notices();
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
        m_store.mark_failed(event.revision, static_cast<int>(i), short_text(error),
                            is_up(step) ? db::DirtyDirection::up : db::DirtyDirection::down);
      } catch (const DatabaseError&) {
        outcome += "; recording the failure failed as well";
      }
      outcome += "\nhint: " + resolve_hint(event.revision, step.direction, number, m_selection);
      fail(step, error, outcome);
    }
    if (is_up(step)) m_store.record_progress(event.revision, static_cast<int>(i) + 1);
  }
  auto transaction = m_connection.begin(db::TransactionMode::write);
  if (is_up(step)) {
    m_store.mark_completed(event.revision, elapsed_ms(start),
                           resuming ? std::optional<std::string>(file.checksum) : std::nullopt);
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
  m_connection.take_notices();
  m_progress.step_started(event);
  const auto start = Clock::now();
  run_autocommit(step, event, from, true);
  event.ms = elapsed_ms(start);
  event.notices = m_connection.take_notices();
  m_progress.step_finished(event);
}

void PlanRunner::execute_section(const graph::Step& step) {
  const auto& file = m_repository.file(step.revision);
  const auto& section = is_up(step) ? file.up : *file.down;
  const auto statements = split_section(m_connection.engine(), section, file.revision.path);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    execute_statement(m_connection, statements[i], section, file.revision.path);
    if (!m_connection.session_in_transaction()) throw SectionEnded{i};
  }
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
  const std::string reason = "statement " + std::to_string(number) + " ended the transaction strata runs the "
                             "migration in";
  std::string outcome = "strata stopped right after it: the statements before it were committed or rolled back by "
                        "it, not by strata" +
                        std::string(whole_run ? " (and so were the migrations before it in this run)" : "") +
                        "; nothing after it ran; revision " + id + " is now dirty (a statement that ends " +
                        "transactions belongs in a `-- transaction: none` migration)";
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
  outcome += "\nhint: " + resolve_hint(id, step.direction, number + 1, m_selection);
  const DatabaseError error(reason, DatabaseError::Details{{}, statements[statement].text, file.revision.path, line},
                            "transaction_ended");
  fail(step, error, outcome);
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
  // The location comes from the fields; a StatementError's own text without the location it was given.
  const auto* statement = dynamic_cast<const db::StatementError*>(&error);
  const std::string message = statement != nullptr ? statement->unlocated_message() : std::string(error.what());
  const std::string head = details.path + (details.line > 0 ? ":" + std::to_string(details.line) : "") + ": ";
  const std::string text = head + (is_up(step) ? "upgrade " : "downgrade ") + file.revision.id + " failed: " + message +
                           "\n" + outcome;
  log_failure(step, text);
  throw MigrationError(text, details, file.revision.id, step.direction, error.code());
}

}  // namespace strata::engine
