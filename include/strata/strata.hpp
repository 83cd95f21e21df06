#pragma once
// strata as a library: open a project, open one of its databases, ask whether it is current, upgrade it.
//
//   auto project = strata::Project::open(".");                 // strata.toml here or above (docs/configuration.md)
//   auto database = project.database();                         // its default database (or .database("auth"),
//                                                               //   or .database_url("sqlite:app.db"))
//   const auto status = database.status();
//   if (!status.up_to_date()) { /* refuse to start: status.pending lists what is missing */ }
//   database.upgrade();                                         // to the database's default target
//
// Every failure is a strata::Error (strata/error.hpp) with code(), exit_code() and fields(); nothing is printed,
// nothing exits the process. Only strata types appear here: no driver handles, no CLI or JSON types.
#include <unistd.h>  // environ

#include <cstdint>
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

struct Status {
  std::string database;  // the URL, password redacted
  std::vector<std::string> current_heads;
  std::vector<std::string> expected_heads;
  std::vector<std::string> pending;          // what upgrade() would apply, in order
  std::vector<std::string> unknown_applied;  // applied revisions the repository lacks
  std::vector<std::string> checksum_mismatches;  // "path (revision)"
  std::vector<std::string> outside_branch;   // applied revisions outside the database's branch
  std::optional<std::string> dirty;          // the dirty revision, if any
  std::vector<std::string> alembic_heads;    // the rows of Alembic's alembic_version, when that table has any
  // Set when alembic_version and strata's store do not agree: Alembic manages the database and strata does not yet
  // (`pending` is then what would follow `strata adopt-alembic`), or Alembic ran after the adoption. What it
  // means, and the command that settles it.
  std::optional<std::string> alembic;
  std::optional<std::string> error;          // the database could not be read

  bool up_to_date() const noexcept {
    return !error && !dirty && pending.empty() && unknown_applied.empty() && checksum_mismatches.empty() &&
           outside_branch.empty() && !alembic;
  }
};

struct UpgradeResult {
  std::vector<std::string> applied;  // revisions applied, in order
  std::vector<std::string> heads_after;
  std::int64_t ms = 0;
};

struct UpgradeOptions {
  std::string target;                  // empty: head (or L@head for a database bound to branch L)
  bool all_in_one_transaction = false;  // --transaction all
  double lock_timeout_seconds = 30;
  // Called after each migration with its revision id and duration.
  std::function<void(const std::string& revision, std::int64_t ms)> on_step;
};

// Environment variables by name: what `${VAR}` in strata.toml and $DATABASE_URL are read from.
using Environment = std::map<std::string, std::string>;

// The calling process's environment: Project::open's default. Inline, so that it runs in the caller; the library
// itself reads no process state.
inline Environment process_environment() {
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

  const std::string& name() const noexcept;
  // Read-only: never creates anything. Problems reading the database go into Status::error.
  Status status() const;
  // Applies pending migrations. Throws strata::Error (DatabaseError for a failed migration, naming file:line).
  UpgradeResult upgrade(const UpgradeOptions& options = {}) const;

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
  static Project open(const std::filesystem::path& path, const Environment& environment = process_environment(),
                      const std::filesystem::path& working_directory = std::filesystem::current_path());
  ~Project();
  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;

  // Revision ids of the repository's heads.
  std::vector<std::string> heads() const;
  // The database strata.toml names (`default_database`, or the only one), else $DATABASE_URL.
  Database database() const;
  // [databases.NAME] of strata.toml.
  Database database(std::string_view name) const;
  // Any database by URL (sqlite:FILE, postgresql://...).
  Database database_url(std::string_view url) const;

  struct Impl;  // opaque

private:
  explicit Project(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> m_impl;
};

}  // namespace strata
