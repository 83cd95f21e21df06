// The public library API (include/strata/strata.hpp) over the engine.
#include "strata/strata.hpp"

#include <sstream>

#include "strata/config/duration.hpp"
#include "strata/config/resolve.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/status.hpp"
#include "strata/repo/repository.hpp"

namespace strata {

namespace fs = std::filesystem;

namespace {

class StepCallback final : public engine::ProgressSink {
public:
  explicit StepCallback(const UpgradeOptions& options) : m_options(options) {}
  void step_finished(const engine::StepEvent& step) override {
    applied.push_back(step.revision);
    if (m_options.on_step) m_options.on_step(step.revision, step.ms);
  }
  std::vector<std::string> applied;

private:
  const UpgradeOptions& m_options;
};

}  // namespace

struct Project::Impl {
  config::Settings settings;  // strata.toml + the caller's environment, resolved as the command line does
  repo::Repository repository;
};

struct Database::Impl {
  std::shared_ptr<const Project::Impl> project;
  engine::SelectedDatabase database;
};

Project::Project(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
Project::~Project() = default;
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;

Project Project::open(const fs::path& path, const Environment& environment, const fs::path& working_directory) {
  config::Inputs inputs;
  inputs.working_directory = working_directory;
  inputs.environment = config::fixed_environment({environment.begin(), environment.end()});
  // A strata.toml is read as --config reads it; a folder is where the search starts, as the working directory is
  // for the command line. Either way the rules are config::resolve's.
  std::error_code error;
  if (fs::is_regular_file(working_directory / path, error))
    inputs.command_line.config_file = path;
  else
    inputs.start = path;
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
  const auto settings = engine::run_settings(m_impl->project->settings, m_impl->database);
  const auto status = engine::read_status(m_impl->project->repository, m_impl->database, settings);
  Status result;
  result.database = status.url;
  result.current_heads = status.current_heads;
  result.expected_heads = status.expected_heads;
  result.pending = status.pending;
  result.unknown_applied = status.unknown_applied;
  result.outside_branch = status.outside_branch;
  for (const auto& mismatch : status.checksum_mismatches)
    result.checksum_mismatches.push_back(mismatch.path + " (" + mismatch.revision + ")");
  if (status.dirty) result.dirty = status.dirty->revision;
  if (status.alembic) result.alembic_heads = status.alembic->heads;
  if (!status.alembic_message.empty()) result.alembic = status.alembic_message;
  if (status.error) result.error = status.error->message;
  return result;
}

UpgradeResult Database::upgrade(const UpgradeOptions& options) const {
  auto settings = engine::run_settings(m_impl->project->settings, m_impl->database);
  const auto lock_timeout = config::lock_timeout_from_seconds(options.lock_timeout_seconds);
  if (!lock_timeout) {
    std::ostringstream shown;  // "nan", "inf", "1e+300": never hundreds of digits
    shown << options.lock_timeout_seconds;
    throw UsageError(ErrorCode::bad_lock_timeout, "UpgradeOptions::lock_timeout_seconds is " + shown.str() +
                                                      ", not a lock timeout: give " + config::lock_timeout_rule());
  }
  settings.lock_timeout = *lock_timeout;
  if (options.all_in_one_transaction) settings.transaction = engine::TransactionScope::all;
  engine::MigrateRequest request;
  request.target = options.target;
  StepCallback progress(options);
  const auto report = engine::migrate(m_impl->project->repository, m_impl->database, settings, request, progress);
  return UpgradeResult{std::move(progress.applied), report.heads_after, report.ms};
}

}  // namespace strata
