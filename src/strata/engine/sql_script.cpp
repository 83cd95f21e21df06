#include "strata/engine/sql_script.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/sql_text.hpp"
#include "strata/engine/branch_scope.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/session.hpp"
#include "strata/engine/recorded_set.hpp"
#include "strata/engine/section_runner.hpp"

namespace strata::engine {

namespace {

class ScriptWriter {
public:
  ScriptWriter(const repo::Repository& repository, const db::VersionStoreSql& sql, const ScriptInput& input)
      : m_repository(repository), m_sql(sql), m_recorded(repository, input.applied, input.replaced_absent) {}

  void line(const std::string& text) { m_out += text + "\n"; }
  void command(const db::SqlCommand& command) { line(db::render(m_sql.engine(), command)); }

  void step(const graph::Step& step) {
    const auto& file = m_repository.file(step.revision);
    const bool up = step.direction == graph::Direction::up;
    const bool transactional = file.transaction != repo::TransactionMode::none;
    line("");
    if (step.record_only) {
      line(fmt::format("-- record squash {} ({}): every revision it replaces is applied, so nothing runs",
                       file.revision.id, file.revision.path));
      line("BEGIN;");
    } else {
      line(fmt::format("-- {} {} ({})", up ? "upgrade" : "downgrade", file.revision.id, file.revision.path));
      if (!transactional) line("-- transaction: none: the statements run one by one, outside a transaction block");
      if (transactional) line("BEGIN;");
      const auto& section = up ? file.up : *file.down;
      for (const auto& statement : split_section(m_sql.engine(), section, file.revision.path))
        line(statement.text + ";");
    }
    for (const auto& change : m_recorded.apply(step)) {
      if (change.insert) command(m_sql.insert_applied(change.revision, change.checksum, 0));
      else command(m_sql.delete_applied(change.revision));
      command(m_sql.insert_log(change.action, change.revision, change.detail));
    }
    if (m_sql.options().alembic_version) {
      const auto& graph = m_repository.graph();
      for (const auto& alembic : m_sql.set_alembic_heads(graph.ids(graph.maximal(m_recorded.applied()))))
        command(alembic);
    }
    if (transactional || step.record_only) line("COMMIT;");
  }

  std::string take() { return std::move(m_out); }

private:
  const repo::Repository& m_repository;
  const db::VersionStoreSql& m_sql;
  RecordedSet m_recorded;
  std::string m_out;
};

}  // namespace

std::string render_script(const repo::Repository& repository, const graph::Plan& plan, const db::VersionStoreSql& sql,
                          const ScriptInput& input) {
  ScriptWriter writer(repository, sql, input);
  writer.line(fmt::format("-- strata migration script for {} ({}): {} {}", input.database,
                          db::engine_name(sql.engine()), plan.steps.size(), plan.steps.size() == 1 ? "step" : "steps"));
  if (!input.note.empty()) writer.line(fmt::format("-- {}", input.note));
  if (!input.store_exists) {
    writer.line("");
    writer.line("-- the version store");
    for (const auto& command : sql.create()) writer.command(command);
  }
  for (const auto& step : plan.steps) writer.step(step);
  return writer.take();
}

ScriptReport sql_script(const repo::Repository& repository, const SelectedDatabase& database,
                        const RunSettings& settings, const MigrateRequest& request) {
  require_downgrade_allowed(database, settings, request);
  const auto& graph = repository.graph();
  const BranchScope scope(graph, database.branch, database.name);
  const std::string target = request.target.empty() ? scope.default_target() : scope.scoped_target(request.target);
  ScriptInput input;
  input.database = database.url.redacted();
  try {
    Session open(repository, database, settings, {MissingPolicy::refuse, LockPolicy::none, DirtyPolicy::allow});
    const auto& state = open.state();
    require_runnable(state, repository, database, settings.allow_checksum_mismatch);
    input.applied = state.applied;
    input.replaced_absent = state.replaced_absent;
    input.store_exists = state.store_exists;
  } catch (const DatabaseError& error) {
    if (error.code() != ErrorCode::database_missing && error.code() != ErrorCode::unreachable) throw;
    input.note =
        fmt::format("the database could not be read ({}): the script starts from an empty database", error.code_name());
  }
  ScriptReport report;
  DatabaseState state;
  state.applied = input.applied;
  state.replaced_absent = input.replaced_absent;
  report.plan = plan_for_state(graph, state, request.direction, target, input.database);
  scope.check_plan(report.plan, target);
  require_executable(repository, report.plan, settings, database.url.engine());
  const db::VersionStoreSql sql(database.url.engine(), settings.store);
  report.script = render_script(repository, report.plan, sql, input);
  return report;
}

}  // namespace strata::engine
