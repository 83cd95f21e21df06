// The public library API (include/strata/strata.hpp) over the engine: the same engine calls the command line makes
// (read_status, migrate, stamp), their results turned into the public types.
#include "strata/strata.hpp"

#include <fmt/format.h>

#include "strata/config/duration.hpp"
#include "strata/config/resolve.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/section_runner.hpp"
#include "strata/engine/stamp.hpp"
#include "strata/engine/status.hpp"
#include "strata/repo/repository.hpp"

namespace strata {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

ErrorInfo error_info(const Error& error) {
  return ErrorInfo{error.code(), error.exit_code(), error.fields(), error.what()};
}

// The statements of the section a step runs: what PlanStep::statements and ProgressEvent::statement_count say.
std::size_t statement_count(const repo::Repository& repository, graph::RevIndex revision, Direction direction,
                            bool record_only, db::Engine engine) {
  if (record_only) return 0;
  const auto& file = repository.file(revision);
  if (file.kind == repo::SourceKind::alembic_python) return 0;
  if (direction == Direction::down && !file.down) return 0;
  const auto& section = direction == Direction::up ? file.up : *file.down;
  return engine::split_section(engine, section, file.revision.path).size();
}

// The engine's progress, as ProgressEvents and the steps of a RunResult.
class ProgressRelay final : public engine::ProgressSink {
public:
  ProgressRelay(const repo::Repository& repository, db::Engine engine, const ProgressCallback& callback)
      : m_repository(repository), m_engine(engine), m_callback(callback) {}

  void step_started(const engine::StepEvent& step) override {
    m_open = event(ProgressEvent::Kind::started, step);
    m_started = Clock::now();
    const auto index = m_repository.graph().find(step.revision);
    if (index)
      m_open->statement_count = statement_count(m_repository, *index, step.direction, step.record_only, m_engine);
    send(*m_open);
  }

  void statement_started(std::size_t index, std::size_t count) override {
    if (!m_open) return;
    auto statement = *m_open;
    statement.kind = ProgressEvent::Kind::statement;
    statement.statement_index = index;
    statement.statement_count = count;
    statement.elapsed = Clock::now() - m_started;
    send(statement);
  }

  void step_finished(const engine::StepEvent& step) override {
    auto finished = m_open && m_open->revision == step.revision ? *m_open : event(ProgressEvent::Kind::started, step);
    finished.kind = ProgressEvent::Kind::finished;
    finished.statement_index = 0;
    finished.elapsed = Clock::now() - m_started;
    finished.notices = step.notices;
    steps.push_back(
        StepResult{step.revision, step.direction, step.path, finished.elapsed, step.record_only, step.notices});
    m_open.reset();
    send(finished);
  }

  // The run is about to throw `error`: the step it names (a failed commit of --transaction all names the last
  // one, finished already), else the step that started and did not finish.
  void failed(const Error& error) {
    std::optional<ProgressEvent> failing = m_open;
    if (!error.fields().revision.empty() && (!failing || failing->revision != error.fields().revision)) {
      failing.reset();
      for (const auto& step : steps)
        if (step.revision == error.fields().revision) failing = event_of(step);
    }
    if (!failing) return;
    failing->kind = ProgressEvent::Kind::failed;
    failing->statement_index = 0;
    failing->elapsed = Clock::now() - m_started;
    failing->error = error_info(error);
    m_open.reset();
    send(*failing);
  }

  std::vector<StepResult> steps;

private:
  // What an event says of its step, from the engine's StepEvent or from a StepResult of a step finished already.
  template <typename Step>
  static ProgressEvent event_of(const Step& step) {
    ProgressEvent result;
    result.revision = step.revision;
    result.direction = step.direction;
    result.path = step.path;
    result.record_only = step.record_only;
    return result;
  }
  static ProgressEvent event(ProgressEvent::Kind kind, const engine::StepEvent& step) {
    auto result = event_of(step);
    result.kind = kind;
    result.step_index = step.index;
    result.step_count = step.total;
    return result;
  }
  void send(const ProgressEvent& progress) const {
    if (m_callback) m_callback(progress);
  }

  const repo::Repository& m_repository;
  db::Engine m_engine;
  const ProgressCallback& m_callback;
  std::optional<ProgressEvent> m_open;  // the step started and not finished
  Clock::time_point m_started;
};

// A lock timeout given by the program: the range strata.toml allows (config/duration.hpp). `options` names the
// options struct it came in ("UpgradeOptions").
void check_lock_timeout(std::chrono::milliseconds timeout, std::string_view options) {
  if (timeout.count() < 0 || timeout > config::k_max_lock_timeout)
    throw UsageError(ErrorCode::bad_lock_timeout,
                     fmt::format("{}::lock_timeout is {} ms, not a lock timeout: give a duration from 0 to 24 hours",
                                 options, timeout.count()));
}

Mismatch::Alembic public_relation(engine::AlembicRelation relation) {
  switch (relation) {
    case engine::AlembicRelation::not_adopted: return Mismatch::Alembic::not_adopted;
    case engine::AlembicRelation::ahead: return Mismatch::Alembic::ahead;
    case engine::AlembicRelation::behind: return Mismatch::Alembic::behind;
    case engine::AlembicRelation::unknown_revision:
    case engine::AlembicRelation::in_step: break;
  }
  return Mismatch::Alembic::unknown_revision;
}

Mismatch of_kind(Mismatch::Kind kind, std::string revision, std::string path = {}) {
  Mismatch mismatch;
  mismatch.kind = kind;
  mismatch.revision = std::move(revision);
  mismatch.path = std::move(path);
  return mismatch;
}

}  // namespace

struct Project::Impl {
  config::Settings settings;  // strata.toml + the caller's environment, resolved as the command line does
  repo::Repository repository;
};

struct Database::Impl {
  std::shared_ptr<const Project::Impl> project;
  engine::SelectedDatabase database;

  const repo::Repository& repository() const { return project->repository; }
  engine::RunSettings settings() const { return engine::run_settings(project->settings, database); }
  std::string path_of(const std::string& revision) const {
    const auto index = repository().graph().find(revision);
    return index ? repository().graph().revision(*index).path : std::string();
  }

  // The run settings for a call that may give a lock timeout: the call's option goes through the rule the
  // command line's --lock-timeout goes through (config::apply_lock_overrides), so it beats strata.toml's values,
  // [databases.NAME] ones too.
  engine::RunSettings settings(const std::optional<std::chrono::milliseconds>& lock_timeout,
                               std::string_view options) const {
    if (!lock_timeout) return settings();
    check_lock_timeout(*lock_timeout, options);
    auto overridden = project->settings;
    config::LockOverrides locks;
    locks.lock_timeout = config::Setting<std::chrono::milliseconds>{
        *lock_timeout, config::Origin::from_command_line(fmt::format("{}::lock_timeout", options))};
    config::apply_lock_overrides(overridden, locks);
    auto selected = database;
    if (selected.entry) selected.entry = *overridden.find_database(selected.entry->name);
    return engine::run_settings(overridden, selected);
  }

  template <typename Options>
  engine::RunSettings run_settings(const Options& options, std::string_view name) const {
    auto result = settings(options.lock_timeout, name);
    if (options.all_in_one_transaction) result.transaction = engine::TransactionScope::all;
    if (options.allow_checksum_mismatch) result.allow_checksum_mismatch = true;
    return result;
  }

  // A downgrade has no default target: going down "to the default" would mean nothing.
  engine::RunSettings downgrade_settings(const DowngradeOptions& options) const {
    if (options.target.empty())
      throw UsageError(ErrorCode::usage,
                       "DowngradeOptions::target is empty: give -1 (one step back), base "
                       "(everything) or the revision to go down to");
    auto result = run_settings(options, "DowngradeOptions");
    if (options.allow_downgrade) result.allow_downgrade = true;
    return result;
  }

  Plan plan(const engine::RunSettings& settings, graph::Direction direction, const std::string& target) const {
    engine::MigrateRequest request;
    request.direction = direction;
    request.target = target;
    request.dry_run = true;
    engine::SilentProgress silent;
    const auto report = engine::migrate(repository(), database, settings, request, silent);
    const auto& graph = repository().graph();
    Plan result{report.database, report.target, {}, report.heads_before, report.heads_after};
    for (const auto& step : report.plan.steps) {
      const auto& file = repository().file(step.revision);
      result.steps.push_back(PlanStep{
          graph.id(step.revision), step.direction, file.revision.path, file.revision.message,
          file.transaction != repo::TransactionMode::none, step.record_only,
          statement_count(repository(), step.revision, step.direction, step.record_only, database.url.engine())});
    }
    return result;
  }

  RunResult run(const engine::RunSettings& settings, graph::Direction direction, const std::string& target,
                const ProgressCallback& callback) const {
    const auto start = Clock::now();
    engine::MigrateRequest request;
    request.direction = direction;
    request.target = target;
    ProgressRelay progress(repository(), database.url.engine(), callback);
    try {
      const auto report = engine::migrate(repository(), database, settings, request, progress);
      return RunResult{report.database,     report.target,      std::move(progress.steps), report.skipped,
                       report.heads_before, report.heads_after, Clock::now() - start};
    } catch (const Error& error) {
      progress.failed(error);
      throw;
    }
  }
};

Project::Project(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
Project::~Project() = default;
Project::Project(const Project&) = default;
Project& Project::operator=(const Project&) = default;
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;

Project Project::open(const fs::path& path, const Environment& environment, const fs::path& working_directory) {
  config::Inputs inputs;
  inputs.working_directory = working_directory;
  inputs.environment = config::fixed_environment({environment.begin(), environment.end()});
  // A strata.toml is read as --config reads it; a folder is where the search starts, as the working directory is
  // for the command line. Either way the rules are config::resolve's.
  std::error_code error;
  if (fs::is_regular_file(working_directory / path, error)) inputs.command_line.config_file = path;
  else inputs.start = path;
  auto settings = config::resolve(inputs);
  repo::RepositoryOptions options;
  options.locations = config::used_repository_paths(settings);
  options.skip_unreadable = settings.skip_unreadable.value;
  options.alembic_names = settings.alembic_name_values();
  options.working_directory = working_directory;
  auto repository = repo::Repository::load(options);
  return Project(std::make_shared<const Impl>(Impl{std::move(settings), std::move(repository)}));
}

std::vector<std::string> Project::heads() const {
  const auto& graph = m_impl->repository.graph();
  return graph.ids(graph.heads());
}

Database Project::database() const {
  const auto selected = engine::select_databases({}, m_impl->settings);
  return Database(std::make_unique<Database::Impl>(Database::Impl{m_impl, selected.front()}));
}

Database Project::database(std::string_view name) const {
  engine::SelectionRequest request;
  request.db = std::string(name);
  const auto selected = engine::select_databases(request, m_impl->settings);
  return Database(std::make_unique<Database::Impl>(Database::Impl{m_impl, selected.front()}));
}

Database Project::database_url(std::string_view url) const {
  engine::SelectionRequest request;
  request.url = std::string(url);
  const auto selected = engine::select_databases(request, m_impl->settings);
  return Database(std::make_unique<Database::Impl>(Database::Impl{m_impl, selected.front()}));
}

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

const std::string& Database::name() const noexcept { return m_impl->database.name; }

Status Database::status() const {
  const auto status = engine::read_status(m_impl->repository(), m_impl->database, m_impl->settings());
  Status result;
  result.name = status.name;
  result.database = status.url;
  result.branch = status.branch;
  result.applied_count = status.applied_count;
  result.current_heads = status.current_heads;
  result.expected_heads = status.expected_heads;
  using Kind = Mismatch::Kind;
  for (const auto& revision : status.pending)
    result.mismatches.push_back(of_kind(Kind::pending, revision, m_impl->path_of(revision)));
  for (const auto& revision : status.unknown_applied)
    result.mismatches.push_back(of_kind(Kind::unknown_applied, revision));
  for (const auto& changed : status.checksum_mismatches) {
    auto mismatch = of_kind(Kind::checksum_mismatch, changed.revision, changed.path);
    mismatch.recorded_checksum = changed.recorded;
    mismatch.current_checksum = changed.current;
    result.mismatches.push_back(std::move(mismatch));
  }
  for (const auto& revision : status.outside_branch)
    result.mismatches.push_back(of_kind(Kind::outside_branch, revision, m_impl->path_of(revision)));
  if (status.dirty) {
    auto mismatch = of_kind(Kind::dirty, status.dirty->revision, status.dirty->path);
    mismatch.direction = status.dirty->direction;
    mismatch.statement = status.dirty->statement;
    mismatch.line = status.dirty->line;
    mismatch.failed = status.dirty->failed;
    mismatch.error = status.dirty->error;
    result.mismatches.push_back(std::move(mismatch));
  }
  if (status.alembic) {
    result.alembic_heads = status.alembic->heads;
    if (!status.alembic_in_step()) {
      auto mismatch = of_kind(Kind::alembic_disagrees, "");
      mismatch.alembic = public_relation(status.alembic->relation);
      switch (status.alembic->relation) {
        case engine::AlembicRelation::behind: mismatch.revisions = status.alembic->extra; break;
        case engine::AlembicRelation::unknown_revision: mismatch.revisions = status.alembic->unknown; break;
        default: mismatch.revisions = status.alembic->missing; break;
      }
      mismatch.message = status.alembic_message;
      result.mismatches.push_back(std::move(mismatch));
    }
  }
  if (const auto& holder = status.lock_holder)
    result.lock_holder = LockHolder{holder->pid,   holder->application_name, holder->user, holder->client,
                                    holder->since, holder->description()};
  if (status.error)
    result.error = ErrorInfo{status.error->code, status.error->exit_code, status.error->fields, status.error->message};
  return result;
}

Plan Database::plan_upgrade(const UpgradeOptions& options) const {
  return m_impl->plan(m_impl->run_settings(options, "UpgradeOptions"), graph::Direction::up, options.target);
}

Plan Database::plan_downgrade(const DowngradeOptions& options) const {
  return m_impl->plan(m_impl->downgrade_settings(options), graph::Direction::down, options.target);
}

RunResult Database::upgrade(const UpgradeOptions& options) {
  return m_impl->run(m_impl->run_settings(options, "UpgradeOptions"), graph::Direction::up, options.target,
                     options.on_progress);
}

RunResult Database::downgrade(const DowngradeOptions& options) {
  return m_impl->run(m_impl->downgrade_settings(options), graph::Direction::down, options.target, options.on_progress);
}

StampResult Database::stamp(const StampOptions& options) {
  if (options.revisions.empty())
    throw UsageError(ErrorCode::usage,
                     "StampOptions::revisions is empty: give the revisions to record as applied "
                     "(base records none)");
  const auto settings = m_impl->settings(options.lock_timeout, "StampOptions");
  auto report = engine::stamp(m_impl->repository(), m_impl->database, settings, options.revisions, options.purge);
  return StampResult{std::move(report.database), std::move(report.added), std::move(report.removed),
                     std::move(report.heads_before), std::move(report.heads_after)};
}

}  // namespace strata
