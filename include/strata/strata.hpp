#pragma once
// strata as a library: open a project, open one of its databases, ask whether it is current, plan, upgrade,
// downgrade, stamp. docs/library.md tells the whole story.
//
//   const auto project = strata::Project::open(".");          // strata.toml here or above (docs/configuration.md)
//   auto database = project.database();                        // its default database (or .database("auth"),
//                                                               //   or .database_url("sqlite:app.db"))
//   const auto status = database.status();
//   if (!status.up_to_date()) { /* refuse to start: status.mismatches says what and where */ }
//   database.upgrade();                                         // to the database's default target
//   database.downgrade({.target = "-1"});                       // one step back
//
// Every failure is a strata::Error (strata/error.hpp) with code(), exit_code() and fields(); nothing is printed,
// nothing exits the process. Only strata types appear here: no driver handles, no CLI or JSON types.
//
// Threads and processes:
// - A Project is immutable once open() returns: it (and its copies, which share it) may be used from any number of
//   threads at once. It read strata.toml and the migration files then; a file edited later is seen by a Project
//   opened later.
// - A Database is used by one thread at a time; each thread that works on a database opens its own Database from
//   the shared Project. Calls open their own connection and close it before they return.
// - Two runs on the same database, in this process or in others (the command line included), are serialised by
//   the database's migration lock (docs/locking.md): upgrade, downgrade and stamp wait for it up to lock_timeout.
//   status() and plan_*() take no lock.
#include <unistd.h>  // environ

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/error.hpp"

namespace strata {

// An error as data, for the places that report one rather than throw it (Status::error, a `failed` progress
// event): the same code, exit code, fields and message the thrown strata::Error had.
struct ErrorInfo {
  ErrorCode code = ErrorCode::database;
  ExitCode exit_code = ExitCode::database;
  ErrorFields fields;
  std::string message;  // what() of the error: for a human, with its hint
};

// One way a database is not where its repository says it should be.
struct Mismatch {
  enum class Kind {
    pending,            // not applied yet: upgrade() would apply it (in this order)
    unknown_applied,    // applied, but the repository has no such revision: the database is ahead of the code
    checksum_mismatch,  // applied, and its file has changed since
    outside_branch,     // applied, but outside the lineage of the branch the database is bound to
    dirty,              // a `transaction: none` migration stopped part-way: nothing runs until it is resolved
    alembic_disagrees,  // Alembic's alembic_version and strata's version store disagree (docs/alembic.md)
  };
  // How alembic_version relates to strata's store, for alembic_disagrees.
  enum class Alembic {
    not_adopted,       // Alembic manages the database and strata does not yet: `pending` is what follows adoption
    ahead,             // Alembic applied revisions after the adoption that strata's store lacks
    behind,            // strata keeps alembic_version and it lacks revisions strata applied
    unknown_revision,  // alembic_version names a revision the repository lacks
  };

  Kind kind = Kind::pending;
  std::string revision;  // the revision concerned; empty for alembic_disagrees
  std::string path;      // its migration file, as messages show it; empty when the repository lacks the revision
  // checksum_mismatch: the checksum recorded when it was applied, and the file's checksum now.
  std::string recorded_checksum;
  std::string current_checksum;
  // dirty: the section that was running, the statement that failed (or, after an interruption, the next one to run;
  // 1-based, 0 when unknown) and its line in `path`, and whether a statement failed (`error`: the server's message)
  // or the run was interrupted.
  std::optional<Direction> direction;
  int statement = 0;
  int line = 0;
  bool failed = false;
  std::string error;
  // alembic_disagrees: the relation; the revisions concerned (what strata's store lacks for not_adopted and ahead,
  // what alembic_version lacks for behind, the unknown rows for unknown_revision); what it means and the command
  // that settles it.
  std::optional<Alembic> alembic;
  std::vector<std::string> revisions;
  std::string message;
};

// Who holds a database's migration lock (Status::lock_holder).
struct LockHolder {
  std::optional<int> pid;        // the holder's process (PostgreSQL: its backend), when known
  std::string application_name;  // PostgreSQL
  std::string user;              // PostgreSQL role, or SQLite "user@host"
  std::string client;            // PostgreSQL client address ("local" for a unix socket)
  std::string since;             // PostgreSQL backend start / SQLite lock time, UTC ISO-8601
  std::string description;       // all of it in a line, as `strata status` shows it
};

// Where one database stands. A database that cannot be read (unreachable, a SQLite file that does not exist) is
// not an exception: `error` says why, and up_to_date() is false.
struct Status {
  std::string name;                         // the database's name: [databases.NAME], or "url"
  std::string database;                     // its URL, password redacted
  std::optional<std::string> branch;        // the branch label it is bound to
  std::size_t applied_count = 0;            // rows in its version store
  std::vector<std::string> current_heads;   // applied heads (the unknown applied revisions among them)
  std::vector<std::string> expected_heads;  // the repository's heads (of the database's branch)
  // Everything that keeps it from being up to date, grouped by kind in the order of Mismatch::Kind; pending
  // revisions in the order upgrade() applies them.
  std::vector<Mismatch> mismatches;
  std::vector<std::string> alembic_heads;  // the rows of Alembic's alembic_version, when that table has any
  std::optional<LockHolder> lock_holder;   // who holds the migration lock right now, when someone does
  std::optional<ErrorInfo> error;          // the database could not be read

  [[nodiscard]] bool up_to_date() const noexcept { return !error && mismatches.empty(); }
  // The revisions of one kind of mismatch, in order: revisions(Mismatch::Kind::pending) is what upgrade() applies.
  [[nodiscard]] std::vector<std::string> revisions(Mismatch::Kind kind) const {
    std::vector<std::string> ids;
    for (const auto& mismatch : mismatches)
      if (mismatch.kind == kind && !mismatch.revision.empty()) ids.push_back(mismatch.revision);
    return ids;
  }
  [[nodiscard]] bool has(Mismatch::Kind kind) const noexcept {
    for (const auto& mismatch : mismatches)
      if (mismatch.kind == kind) return true;
    return false;
  }
};

// One step of a plan: what upgrade() or downgrade() would run, in order.
struct PlanStep {
  std::string revision;
  Direction direction = Direction::up;
  std::string path;     // the migration file, as messages show it
  std::string message;  // the revision's message
  // false for a `transaction: none` migration: its statements run one by one outside a transaction, and a failure
  // leaves it dirty (Mismatch::Kind::dirty) rather than rolled back.
  bool transactional = true;
  // A squash whose replaced revisions are all applied: only its version row is written, nothing runs.
  bool record_only = false;
  std::size_t statements = 0;  // statements in the section that runs (0 when record_only)
};

struct Plan {
  std::string database;  // the URL, password redacted
  std::string target;    // as resolved against the database's branch, e.g. "head" or "auth@head"
  std::vector<PlanStep> steps;
  std::vector<std::string> heads_before;
  std::vector<std::string> heads_after;
};

// What a run reports while it goes, to UpgradeOptions::on_progress and DowngradeOptions::on_progress. For each
// step of the plan, in order: `started`, then `statement` before each statement runs, then `finished` — or
// `failed`, after which the run throws the error the event carries. A step another process ran meanwhile (lock_mode
// = "transaction") has `started` and nothing after it. The callback runs on the calling thread, in the middle of
// the run (inside the migration's transaction): keep it short, and do not throw from it.
struct ProgressEvent {
  enum class Kind { started, statement, finished, failed };
  Kind kind = Kind::started;
  std::string revision;
  Direction direction = Direction::up;
  std::string path;
  std::size_t step_index = 0;           // 0-based position in the plan
  std::size_t step_count = 0;           // steps in the plan
  std::size_t statement_index = 0;      // `statement`: the 0-based index of the statement about to run
  std::size_t statement_count = 0;      // statements in the section (0 for a squash that is only recorded)
  std::chrono::nanoseconds elapsed{0};  // since the step's `started`: its duration for `finished` and `failed`
  bool record_only = false;
  std::vector<std::string> notices;  // `finished`: what the server said while it ran (PostgreSQL NOTICEs)
  std::optional<ErrorInfo> error;    // `failed`: the error the run throws next
};

using ProgressCallback = std::function<void(const ProgressEvent&)>;

// Every member has a default, so that designated initializers may name only some: upgrade({.target = "abc"}).
struct UpgradeOptions {
  // Where to go: empty for the database's default target (head, or L@head for a database bound to branch L); else
  // a revision id (or a unique prefix), a label, L@head, heads, +N.
  std::string target{};
  bool all_in_one_transaction = false;   // the command line's --transaction all: one transaction for the whole plan
  bool allow_checksum_mismatch = false;  // run even though an applied migration's file has changed
  // How long to wait for the migration lock; nullopt: strata.toml's lock_timeout (30 s unless set). 0 to 24 h.
  std::optional<std::chrono::milliseconds> lock_timeout{};
  ProgressCallback on_progress{};
};

struct DowngradeOptions {
  std::string target{};  // required: -N (N steps back), base (everything), a revision id or label (down to it)
  bool all_in_one_transaction = false;
  bool allow_checksum_mismatch = false;
  bool allow_downgrade = false;  // run even though strata.toml says forward_only = true (--allow-downgrade)
  std::optional<std::chrono::milliseconds> lock_timeout{};
  ProgressCallback on_progress{};
};

// One step a run executed.
struct StepResult {
  std::string revision;
  Direction direction = Direction::up;
  std::string path;
  std::chrono::nanoseconds duration{0};
  bool record_only = false;
  std::vector<std::string> notices;
};

struct RunResult {
  std::string database;           // the URL, password redacted
  std::string target;             // as resolved against the database's branch
  std::vector<StepResult> steps;  // the steps this run executed, in order
  std::size_t skipped = 0;        // steps another process ran meanwhile (lock_mode = "transaction")
  std::vector<std::string> heads_before;
  std::vector<std::string> heads_after;
  std::chrono::nanoseconds duration{0};  // the whole run, connecting included
};
using UpgradeResult = RunResult;
using DowngradeResult = RunResult;

struct StampOptions {
  // What the version store says is applied afterwards: these revisions and their ancestors (ids, labels, heads,
  // base). Revisions applied now and not among them are removed; nothing runs.
  std::vector<std::string> revisions{};
  bool purge = false;  // also forget applied revisions the repository lacks
  std::optional<std::chrono::milliseconds> lock_timeout{};
};

struct StampResult {
  std::string database;              // the URL, password redacted
  std::vector<std::string> added;    // recorded as applied
  std::vector<std::string> removed;  // no longer recorded
  std::vector<std::string> heads_before;
  std::vector<std::string> heads_after;
};

// Environment variables by name: what `${VAR}` in strata.toml and $DATABASE_URL are read from.
using Environment = std::map<std::string, std::string>;

// The calling process's environment: Project::open's default. Inline, so that it runs in the caller; the library
// itself reads no process state.
[[nodiscard]] inline Environment process_environment() {
  Environment variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string_view::npos) variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return variables;
}

class Project;

class Database {
public:
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  [[nodiscard]] const std::string& name() const noexcept;
  // Read-only: takes no lock and never creates anything. Problems reading the database go into Status::error.
  [[nodiscard]] Status status() const;
  // What upgrade() and downgrade() would run, after reading the database's state and making every check they make
  // (a dirty revision, a changed file, a missing down section are refused the same way). Takes no lock and changes
  // nothing: not even the version store is created.
  [[nodiscard]] Plan plan_upgrade(const UpgradeOptions& options = {}) const;
  [[nodiscard]] Plan plan_downgrade(const DowngradeOptions& options) const;

  // Applies the plan, each migration in its own transaction (unless all_in_one_transaction). Throws strata::Error:
  // a failed migration is a DatabaseError whose fields() name its revision, direction, file, line and SQLSTATE;
  // the migrations before it stay applied. The result is a report: a caller that only needs success may ignore it.
  RunResult upgrade(const UpgradeOptions& options = {});
  // Rolls back to options.target, running down sections. Refused (UsageError "forward_only") when strata.toml says
  // forward_only = true, unless options.allow_downgrade.
  RunResult downgrade(const DowngradeOptions& options);
  // Records exactly options.revisions (and their ancestors) as applied, running nothing, as `strata stamp` does.
  StampResult stamp(const StampOptions& options);

private:
  friend class Project;
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

class Project {
public:
  // `path`: a folder (its strata.toml, or one in a parent; the repository as the command line finds it from there:
  // [repository] path, else migrations/ beside strata.toml or in the folder), or a strata.toml file. Relative
  // paths start from `working_directory`, which is also what messages show paths relative to. `environment`
  // supplies ${VAR} in strata.toml and $DATABASE_URL. Loads and validates every migration file.
  [[nodiscard]] static Project open(const std::filesystem::path& path,
                                    const Environment& environment = process_environment(),
                                    const std::filesystem::path& working_directory = std::filesystem::current_path());
  ~Project();
  // Copies share the same immutable project.
  Project(const Project&);
  Project& operator=(const Project&);
  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;

  // Revision ids of the repository's heads.
  [[nodiscard]] std::vector<std::string> heads() const;
  // The database strata.toml names (`default_database`, or the only one), else $DATABASE_URL.
  [[nodiscard]] Database database() const;
  // [databases.NAME] of strata.toml.
  [[nodiscard]] Database database(std::string_view name) const;
  // Any database by URL (sqlite:FILE, postgresql://...).
  [[nodiscard]] Database database_url(std::string_view url) const;

  struct Impl;  // opaque

private:
  explicit Project(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> m_impl;
};

}  // namespace strata
