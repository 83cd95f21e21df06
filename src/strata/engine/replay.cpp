#include "strata/engine/replay.hpp"

#include <algorithm>
#include <queue>

#include "strata/core/error.hpp"
#include "strata/db/lock.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/plan_runner.hpp"
#include "strata/engine/section_runner.hpp"

namespace strata::engine {

db::VersionStoreOptions scratch_store_options() {
  db::VersionStoreOptions options;
  options.table = "strata_scratch_migrations";
  options.log_table = "strata_scratch_migrations_log";
  options.actor = "strata scratch";
  options.records = false;
  return options;
}

void check_cancelled(const ScratchSettings& settings) {
  if (settings.cancelled && settings.cancelled())
    throw Error(ErrorCode::interrupted, ExitCode::interrupted, "interrupted; the scratch database was dropped");
}

std::vector<graph::RevIndex> upgrade_order(const graph::RevisionGraph& graph) {
  // Kahn's algorithm over normalised down revisions, smallest load index first among the ready ones.
  const std::size_t size = graph.size();
  std::vector<std::size_t> waiting(size, 0);
  for (graph::RevIndex index = 0; index < size; ++index) waiting[index] = graph.normalized_down(index).size();
  std::vector<std::vector<graph::RevIndex>> up(size);
  for (graph::RevIndex index = 0; index < size; ++index)
    for (const auto down : graph.normalized_down(index)) up[down].push_back(index);
  std::priority_queue<graph::RevIndex, std::vector<graph::RevIndex>, std::greater<>> ready;
  for (graph::RevIndex index = 0; index < size; ++index)
    if (waiting[index] == 0) ready.push(index);
  std::vector<graph::RevIndex> order;
  order.reserve(size);
  while (!ready.empty()) {
    const auto index = ready.top();
    ready.pop();
    order.push_back(index);
    for (const auto next : up[index])
      if (--waiting[next] == 0) ready.push(next);
  }
  return order;
}

Replayer::Replayer(const repo::Repository& repository, const db::DatabaseUrl& near, const ScratchSettings& settings)
    : m_repository(repository),
      m_settings(settings),
      m_applied(repository.graph().size(), 0),
      m_checked(repository.graph().size() * 2, 0) {
  db::ScratchOptions options;
  options.directory = settings.directory;
  options.connect.application_name = "strata scratch";
  m_scratch = settings.url ? db::open_explicit_scratch(*settings.url, options) : db::create_scratch(near, options);
  m_store = std::make_unique<db::VersionStore>(m_scratch->connection(), scratch_store_options());
  m_store->ensure();
  m_order = upgrade_order(repository.graph());
}

Replayer::~Replayer() = default;

const std::string& Replayer::display_name() const noexcept { return m_scratch->display_name(); }

db::Connection& Replayer::connection() { return m_scratch->connection(); }

std::vector<graph::RevIndex> Replayer::applied() const {
  std::vector<graph::RevIndex> indexes;
  for (graph::RevIndex index = 0; index < m_applied.size(); ++index)
    if (m_applied[index]) indexes.push_back(index);
  return indexes;
}

void Replayer::step(graph::RevIndex revision, graph::Direction direction) {
  check_cancelled(m_settings);
  RunSettings settings;
  settings.store = scratch_store_options();
  graph::Plan plan;
  plan.steps.push_back({revision, direction});
  // The files do not change while the replayer lives, and checking a section parses every statement in it: once
  // per section is enough.
  auto& checked = m_checked[revision * 2 + (direction == graph::Direction::up ? 0 : 1)];
  if (!checked) {
    require_executable(m_repository, plan, settings, m_scratch->connection().engine());
    checked = 1;
  }
  if (!m_lock) m_lock.emplace(db::MigrationLock::acquire(m_scratch->connection(), settings.store, db::LockOptions{}));
  SilentProgress progress;
  // No database option to repeat in hints: nobody runs commands against a scratch database by hand.
  PlanRunner runner(m_scratch->connection(), *m_store, *m_lock, m_repository, settings, progress, applied(), "");
  runner.run(plan);
  m_applied[revision] = direction == graph::Direction::up ? 1 : 0;
}

void Replayer::move_to(std::span<const graph::RevIndex> target) {
  std::vector<char> wanted(m_applied.size(), 0);
  for (const auto index : target) wanted[index] = 1;
  // Newest first down, oldest first up: reverse upgrade order, then upgrade order.
  for (auto it = m_order.rbegin(); it != m_order.rend(); ++it)
    if (m_applied[*it] && !wanted[*it]) step(*it, graph::Direction::down);
  for (const auto index : m_order)
    if (!m_applied[index] && wanted[index]) step(index, graph::Direction::up);
}

void Replayer::run_script(const std::string& sql, const std::string& path) {
  const repo::SqlSection section{sql, 1};
  for (const auto& statement : split_section(m_scratch->connection().engine(), section, path)) {
    check_cancelled(m_settings);
    execute_statement(m_scratch->connection(), statement, section, path);
  }
}

const schema::Snapshot& Replayer::snapshot() {
  check_cancelled(m_settings);
  if (!m_reader) {
    schema::ReadOptions options;
    options.schemas = m_settings.schemas;
    options.version_store = scratch_store_options();
    // The scratch database is strata's own: it may log its DDL so that each step's read costs what the step changed.
    options.capture_changes = true;
    m_reader = std::make_unique<schema::SnapshotReader>(m_scratch->connection(), std::move(options));
  }
  return m_reader->read();
}

const schema::GroupSet* Replayer::changed_groups() const {
  if (!m_reader || m_reader->last().full) return nullptr;
  return &m_reader->last().groups;
}

void Replayer::finish() {
  m_reader.reset();
  m_lock.reset();
  m_store.reset();
  m_scratch->drop();
}

}  // namespace strata::engine
