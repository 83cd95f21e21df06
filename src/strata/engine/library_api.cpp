// The public library API (include/strata/strata.hpp) over the engine.
#include "strata/strata.hpp"

#include <cstdlib>
#include <sstream>

#include "strata/config/config.hpp"
#include "strata/config/duration.hpp"
#include "strata/engine/database_config.hpp"
#include "strata/engine/project_config.hpp"
#include "strata/engine/database_selection.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/status.hpp"
#include "strata/repo/repository.hpp"

namespace strata {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> process_getenv(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

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
  std::optional<engine::DatabaseConfig> config;
  engine::RunSettings settings;  // strata.toml's lock_timeout and [version_store]
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

Project Project::open(const fs::path& path) {
  std::optional<fs::path> file;
  if (fs::is_regular_file(path)) file = path;
  else file = config::find_config_file(path);
  repo::RepositoryOptions options;
  std::optional<engine::DatabaseConfig> databases;
  engine::RunSettings settings;
  if (file) {
    const auto config = config::load_config(*file, config::process_environment());
    options.locations = config.repository_paths.value;
    options.skip_unreadable = config.skip_unreadable.value;
    options.alembic_names = config.alembic_name_values();
    databases = engine::databases_of(config);
    settings = engine::settings_of(config);
  } else {
    options.locations.push_back(path);
  }
  auto repository = repo::Repository::load(options);
  return Project(std::make_shared<const Impl>(Impl{std::move(databases), settings, std::move(repository)}));
}

std::vector<std::string> Project::heads() const {
  const auto& graph = m_impl->repository.graph();
  return graph.ids(graph.heads());
}

Database Project::database() const {
  const auto selected = engine::select_databases({}, m_impl->config ? &*m_impl->config : nullptr, process_getenv);
  return Database(std::make_unique<Database::Impl>(Database::Impl{m_impl, selected.front()}));
}

Database Project::database(std::string_view name) const {
  engine::SelectionRequest request;
  request.db = std::string(name);
  const auto selected = engine::select_databases(request, m_impl->config ? &*m_impl->config : nullptr, process_getenv);
  return Database(std::make_unique<Database::Impl>(Database::Impl{m_impl, selected.front()}));
}

Database Project::database_url(std::string_view url) const {
  engine::SelectionRequest request;
  request.url = std::string(url);
  const auto selected = engine::select_databases(request, nullptr, process_getenv);
  return Database(std::make_unique<Database::Impl>(Database::Impl{m_impl, selected.front()}));
}

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

const std::string& Database::name() const noexcept { return m_impl->database.name; }

Status Database::status() const {
  const auto settings = engine::settings_for(m_impl->database, m_impl->project->settings);
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
  auto settings = engine::settings_for(m_impl->database, m_impl->project->settings);
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
