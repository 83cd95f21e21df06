#include "strata/engine/migrate.hpp"

#include <fmt/format.h>

#include <chrono>

#include "strata/core/error.hpp"
#include "strata/db/backup.hpp"
#include "strata/db/version_store.hpp"
#include "strata/engine/alembic_state.hpp"
#include "strata/engine/backup_path.hpp"
#include "strata/engine/branch_scope.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/session.hpp"
#include "strata/engine/plan_runner.hpp"
#include "strata/engine/section_checks.hpp"
#include "strata/schema/diff.hpp"
#include "strata/schema/read.hpp"

namespace strata::engine {

namespace {

using Clock = std::chrono::steady_clock;

void require_native(const repo::MigrationFile& file) {
  if (file.kind != repo::SourceKind::alembic_python) return;
  throw UsageError(ErrorCode::alembic_not_executable,
                   fmt::format("{}: revision {} is an Alembic Python migration, which strata does not execute; "
                               "nothing was changed\nhint: run it with `alembic upgrade`, then `strata adopt-alembic`; "
                               "graph commands, status, stamp and adopt-alembic work on Alembic revisions",
                               file.revision.path, file.revision.id));
}

void require_down_section(const repo::MigrationFile& file) {
  if (file.down) return;
  throw RepositoryError(ErrorCode::no_down_section, file.revision.path, file.revision.line,
                        fmt::format("revision {} has no down section, so it cannot be downgraded; nothing was "
                                    "changed\nhint: add a `-- +down` section to the file, or choose a target above {}",
                                    file.revision.id, file.revision.id));
}

// Running past a disagreement with alembic_version would re-run what Alembic applied (or everything, on a database
// strata has not adopted), or record the database as older than it is.
// The code of a refusal because alembic_version and strata's store disagree: "alembic_" and the relation.
ErrorCode mismatch_code(AlembicRelation relation) {
  switch (relation) {
    case AlembicRelation::not_adopted: return ErrorCode::alembic_not_adopted;
    case AlembicRelation::ahead: return ErrorCode::alembic_ahead;
    case AlembicRelation::behind: return ErrorCode::alembic_behind;
    case AlembicRelation::unknown_revision: return ErrorCode::alembic_unknown_revision;
    case AlembicRelation::in_step: break;
  }
  return ErrorCode::mismatch;
}

void require_alembic_in_step(db::VersionStore& store, const repo::Repository& repository, const DatabaseState& state,
                             const RunSettings& settings, const SelectedDatabase& database) {
  const auto alembic = compare_alembic(store, repository, state, settings.store.alembic_version);
  if (!alembic || alembic->relation == AlembicRelation::in_step) return;
  const auto advice = alembic_advice(*alembic, database);
  throw MismatchError(
      mismatch_code(alembic->relation),
      fmt::format("{}: {}; nothing was changed\nhint: {}", database.url.redacted(), advice.problem, advice.hint));
}

// Records the schema's hash on the heads the run left, so `drift --since-upgrade` can tell later whether anything
// changed without building anything. Best effort: the migrations are applied and committed already, and a
// catalog that cannot be read must not turn a successful upgrade into a failure.
void record_schema_hash(db::Connection& connection, db::VersionStore& store, const RunSettings& settings,
                        const std::vector<std::string>& heads) {
  try {
    schema::ReadOptions options;
    options.version_store = settings.store;
    const auto hash = schema::snapshot_hash(schema::read_snapshot(connection, options));
    for (const auto& head : heads) store.set_schema_hash(head, hash);
  } catch (const DatabaseError&) {}
}

}  // namespace

void require_executable(const repo::Repository& repository, const graph::Plan& plan, const RunSettings& settings,
                        db::Engine engine) {
  // A record_only step runs nothing, so its file's kind and sections do not matter.
  for (const auto& step : plan.steps)
    if (!step.record_only) require_native(repository.file(step.revision));
  for (const auto& step : plan.steps)
    if (step.direction == graph::Direction::down) require_down_section(repository.file(step.revision));
  check_sections(repository, plan, engine);
  if (settings.transaction != TransactionScope::all) return;
  for (const auto& step : plan.steps) {
    const auto& file = repository.file(step.revision);
    if (file.transaction != repo::TransactionMode::none || step.record_only) continue;
    throw UsageError(ErrorCode::transaction_all_refused,
                     fmt::format("--transaction all cannot run this plan: revision {} ({}) is a `transaction: none` "
                                 "migration, whose statements cannot run inside a transaction block; nothing was "
                                 "changed\nhint: run without --transaction all",
                                 file.revision.id, file.revision.path));
  }
}

void require_downgrade_allowed(const SelectedDatabase& database, const RunSettings& settings,
                               const MigrateRequest& request) {
  if (request.direction != graph::Direction::down || !settings.forward_only || settings.allow_downgrade) return;
  throw UsageError(ErrorCode::forward_only,
                   fmt::format("{}: downgrade refused: forward_only = true ({}) applies to {}; nothing was "
                               "changed\nhint: to roll back anyway, this once: strata downgrade {}{} --allow-downgrade",
                               database.url.redacted(), settings.forward_only_origin,
                               database.entry ? fmt::format("database '{}'", database.name) : "every database",
                               db::shell_quote_if_needed(request.target), selection_options(database)));
}

MigrateReport migrate(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                      const MigrateRequest& request, ProgressSink& progress) {
  const auto start = Clock::now();
  require_downgrade_allowed(database, settings, request);
  const auto& graph = repository.graph();
  const BranchScope scope(graph, database.branch, database.name);
  const bool up = request.direction == graph::Direction::up;
  MigrateReport report;
  report.dry_run = request.dry_run;
  report.target = request.target.empty() ? scope.default_target() : scope.scoped_target(request.target);

  report.database = database.url.redacted();
  const auto plan_checked = [&](const DatabaseState& state) {
    require_runnable(state, repository, database, settings.allow_checksum_mismatch);
    auto plan = plan_for_state(graph, state, request.direction, report.target, report.database);
    scope.check_plan(plan, report.target);
    require_executable(repository, plan, settings, database.url.engine());
    return plan;
  };

  // An upgrade of a SQLite file that does not exist yet plans from an empty database; the file is created only
  // once that plan has passed every check (and never by a dry run).
  // A dry run takes no lock. A dirty revision is refused by plan_checked, after the Alembic check.
  SessionPolicy policy{MissingPolicy::refuse, request.dry_run ? LockPolicy::none : LockPolicy::wait,
                       DirtyPolicy::allow};
  std::optional<Session> open;
  try {
    open.emplace(repository, database, settings, policy);
  } catch (const DatabaseError& error) {
    if (!(up && error.code() == ErrorCode::database_missing)) throw;
    report.plan = plan_checked(DatabaseState{});
    policy.missing = MissingPolicy::create;
    if (!request.dry_run) open.emplace(repository, database, settings, policy);
  }
  const auto state = open ? open->state() : DatabaseState{};
  if (open) require_alembic_in_step(open->store(), repository, state, settings, database);
  report.plan = plan_checked(state);
  report.heads_before = graph.ids(report.plan.heads_before);
  report.heads_after = graph.ids(report.plan.heads_after);
  if (request.dry_run) {
    report.ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    return report;
  }

  if (request.backup_path) {
    const auto path = backup_path_for(*request.backup_path, database.name);
    // A backup of a database that nothing will change would only fill the disk (and, with --all, make the next
    // run fail on an existing file).
    if (report.plan.steps.empty()) {
      progress.backup_skipped(path);
    } else {
      report.backup = db::backup(open->connection(), path);
      progress.backup_written(report.backup->path, report.backup->restore_command);
    }
  }
  {
    // Under the lock (in transaction lock mode, this transaction's), so concurrent first runs do not race to
    // create the tables.
    auto transaction = open->begin_write();
    if (!up && settings.forward_only && !report.plan.steps.empty())
      open->store().log(db::LogAction::downgrade, "",
                        fmt::format("--allow-downgrade: forward_only = true ({}) overridden for this run to {}",
                                    settings.forward_only_origin, report.target));
    transaction.commit();
  }
  PlanRunner runner(open->connection(), open->store(), open->lock(), repository, settings, progress, state.applied,
                    selection_options(database), state.replaced_absent);
  const auto result = runner.run(report.plan);
  report.executed = result.executed;
  report.skipped = result.skipped;
  report.heads_after = graph.ids(graph.maximal(runner.applied()));
  if (up && result.executed > 0) record_schema_hash(open->connection(), open->store(), settings, report.heads_after);
  report.ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  return report;
}

}  // namespace strata::engine
