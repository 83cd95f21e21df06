#pragma once
// Building the schema that migrations produce, on a scratch database (db/scratch.hpp): the machinery behind
// `diff revision:X`, `drift`, `identify`, `adopt` and `test`. One scratch database is moved up and down the
// revision graph — never rebuilt from empty per revision — through the PlanRunner that `upgrade` and `downgrade`
// use, with a version store of its own on the scratch database (left out of every snapshot).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "strata/db/lock.hpp"
#include "strata/db/scratch.hpp"
#include "strata/db/version_store.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/repository.hpp"
#include "strata/schema/model.hpp"
#include "strata/schema/read.hpp"

namespace strata::engine {

struct ScratchSettings {
  // An explicit scratch database (--scratch-url, [scratch] url); otherwise one is created beside `near`.
  std::optional<db::DatabaseUrl> url;
  // SQLite: the folder for temporary scratch files.
  std::filesystem::path directory;
  // Polled between migrations and statements of long work; when it returns true the work stops with an Error
  // "interrupted" (exit 130) and the scratch database is dropped on the way out. The CLI sets it from SIGINT.
  std::function<bool()> cancelled;
  // PostgreSQL: the schemas to snapshot (empty: all but the system ones).
  std::vector<std::string> schemas;
};

// The version store strata keeps on a scratch database.
db::VersionStoreOptions scratch_store_options();

// Throws Error "interrupted" when the settings' flag says so.
void check_cancelled(const ScratchSettings& settings);

// Every revision, each after all the revisions it is built on (normalised down revisions: parents and
// dependencies), ties in load order: the order `test` walks and `identify` replays.
std::vector<graph::RevIndex> upgrade_order(const graph::RevisionGraph& graph);

class Replayer {
public:
  // Opens the scratch database (created beside `near`, or the explicit one) with an empty applied set.
  Replayer(const repo::Repository& repository, const db::DatabaseUrl& near, const ScratchSettings& settings);
  ~Replayer();
  Replayer(const Replayer&) = delete;
  Replayer& operator=(const Replayer&) = delete;

  // The scratch database's name, redacted, for messages.
  const std::string& display_name() const noexcept;
  db::Connection& connection();

  // The applied set, by RevIndex (1: applied).
  bool is_applied(graph::RevIndex revision) const { return m_applied[revision] != 0; }
  std::vector<graph::RevIndex> applied() const;

  // Runs one migration up or down (its down section must exist). Errors are the engine's MigrationError.
  void step(graph::RevIndex revision, graph::Direction direction);
  // Moves to exactly `target` (closed under ancestors): what is not in it is downgraded, newest first; what is
  // missing is upgraded in upgrade order.
  void move_to(std::span<const graph::RevIndex> target);
  // Runs a script (a .sql file) statement by statement; a failure names `path:line`.
  void run_script(const std::string& sql, const std::string& path);

  // The scratch database's schema now; valid until the next call. Read incrementally: only what changed since the
  // previous call is read again (schema::SnapshotReader).
  const schema::Snapshot& snapshot();
  // The groups the last snapshot() replaced (everything else is as the call before it left it), or nullptr when
  // it read everything: what a schema::TrackedComparison needs after each call.
  const schema::GroupSet* changed_groups() const;
  // Drops the scratch database now, reporting failure (the destructor does it quietly otherwise).
  void finish();

private:
  const repo::Repository& m_repository;
  ScratchSettings m_settings;
  std::unique_ptr<db::ScratchDatabase> m_scratch;
  std::unique_ptr<db::VersionStore> m_store;
  // Taken at the first step and held until the end: nobody else uses a scratch database, so it never waits, and
  // taking it once saves two round trips a step.
  std::optional<db::MigrationLock> m_lock;
  std::unique_ptr<schema::SnapshotReader> m_reader;
  std::vector<char> m_applied;
  std::vector<char> m_checked;           // by RevIndex * 2 (+1: down): require_executable passed
  std::vector<graph::RevIndex> m_order;  // upgrade_order()
};

}  // namespace strata::engine
