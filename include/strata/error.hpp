#pragma once
// strata's errors as data. Every failure is a strata::Error: a stable code (ErrorCode, named in --json by
// to_string), an exit code, the fields a program can read (which file and line, which revision, which database,
// which SQLSTATE), and a message composed once, where the error is raised, for a human.
//
//   try {
//     database.upgrade();
//   } catch (const strata::Error& error) {
//     if (error.code() == strata::ErrorCode::sql_error)
//       log(error.fields().revision, error.fields().path, error.fields().line, error.fields().sqlstate);
//   }
//
// Nothing in here needs more than the standard library.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

// The exit code of the command-line tool for each kind of failure.
enum class ExitCode : int {
  ok = 0,
  problems = 1,       // a check found problems, or the database has pending revisions (status --exit-code)
  usage = 2,          // bad arguments or configuration
  repository = 3,     // bad file, bad graph, or database and repository disagree
  database = 4,       // unreachable, SQL failure, dirty
  lock_timeout = 5,   // the migration lock was not acquired in time
  interrupted = 130,  // stopped by Ctrl-C (SIGINT), after cleaning up (128 + SIGINT, as shells report it)
};

// Which section of a migration: upgrade or downgrade.
enum class Direction { up, down };

// Every error code, one list. The name of each (to_string) is what --json prints as "code": never rename one.
// To add an error: add its enumerator here, its name in to_string (src/strata/core/error.cpp; the compiler
// refuses a missing one), and raise it with the subclass whose exit code fits.
enum class ErrorCode {
  // command line and configuration (exit 2)
  usage,
  unknown_command,
  config,
  config_not_found,
  no_repository,
  bad_url,
  bad_variable,
  unset_variable,
  no_database,
  unknown_database,
  unknown_branch,
  outside_branch,
  bad_lock_timeout,
  backup_needs_placeholder,
  not_dirty,
  not_applied,
  store_not_empty,
  duplicate_heads,
  bad_rename,
  unknown_rename,
  no_engine,
  no_file,
  online_needs_postgres,
  ambiguous_match,
  already_initialized,
  illegal_branch_label,
  bad_range,
  forward_only,
  not_resumable,
  rebase_applied,
  rebase_published,
  transaction_all_refused,
  alembic_not_executable,
  alembic_revision_too_long,
  unknown_shell,
  // files (exit 3)
  parse_error,
  read_error,
  write_error,
  file_exists,
  read_only_location,
  missing_location,
  not_statically_readable,
  not_a_plain_literal,
  git_error,
  git_ref_missing,
  empty_down_section,
  no_down_section,
  no_op_with_statements,
  nul_byte,
  transaction_control,
  unsplittable_sql,
  // the revision graph and targets (exit 3)
  invalid_graph,
  illegal_revision_id,
  duplicate_revision,
  label_is_revision_id,
  duplicate_label,
  self_reference,
  label_as_parent,
  partial_revision_id,
  unknown_parent,
  unknown_dependency,
  cycle,
  multiple_heads,
  redundant_parent,
  replaces_not_contiguous,
  replaced_has_outside_child,
  replaced_is_dependency,
  replaced_twice,
  unknown_replaced,
  unknown_revision,
  ambiguous_revision,
  not_in_branch,
  relative_overflow,
  ambiguous_upgrade,
  ambiguous_downgrade,
  ambiguous_stamp,
  ambiguous_walk,
  overlapping_targets,
  invalid_downgrade_target,
  downgrade_into_squash,
  invalid_range,
  range_not_ancestral,
  squash_partly_applied,
  squash_not_contiguous,
  squash_alembic,
  squash_nested,
  squash_branch_label,
  squash_outside_user,
  squash_mixed_transaction,
  not_a_squash,
  not_a_head,
  rebase_onto_own_branch,
  rebase_merge,
  nothing_to_rebase,
  not_based_on_ref,
  edited_since_ref,
  deleted_since_ref,
  id_reused,
  // a generated migration that does not do what it should on a scratch database (exit 3)
  verification_failed,
  // the database and the repository disagree (exit 3)
  mismatch,
  checksum_mismatch,
  unknown_applied,
  no_match,
  sync_would_remove,
  alembic_row_unknown,
  alembic_not_adopted,
  alembic_ahead,
  alembic_behind,
  alembic_unknown_revision,
  schema_mismatch,
  // the database (exit 4)
  database,
  sql_error,
  split_error,
  copy_unsupported,
  bad_progress,
  dirty,
  database_missing,
  unreachable,
  authentication_failed,
  connect_failed,
  connection_lost,
  commit_failed,
  in_doubt,
  transaction_ended,
  nested_transaction,
  not_one_statement,
  bad_parameters,
  unexpected_rows,
  no_alembic_version,
  version_row_missing,
  version_store_invalid,
  version_store_shape,
  backup_exists,
  backup_failed,
  pg_dump_missing,
  scratch_not_permitted,
  scratch_not_empty,
  lock_file,
  lock_outside_transaction,
  transaction_pooler,
  // the lock (exit 5), Ctrl-C (exit 130)
  lock_timeout,
  interrupted,
  // not strata::Error: what the command line reports for a file-system exception and for a bug
  io,
  internal,
};

// The stable snake_case name of a code, e.g. "sql_error".
[[nodiscard]] std::string_view to_string(ErrorCode code) noexcept;

// What an error is about, as data. Each field is empty (or 0, or nullopt) when it does not apply or is unknown.
struct ErrorFields {
  std::string path;                    // the file (migration, strata.toml) as shown in messages
  int line = 0;                        // 1-based line in `path`
  std::string revision;                // the revision that failed
  std::optional<Direction> direction;  // whether it failed while upgrading or downgrading
  std::vector<std::string> revisions;  // revisions involved (graph errors)
  std::string database;                // the database URL, password redacted
  std::string sqlstate;                // PostgreSQL's SQLSTATE, or SQLite's extended result code name
  std::string statement;               // the statement that failed, as it was sent
  std::string server_message;          // the server's own message, without strata's additions
};

// The fields of an error about line `line` (0: the whole file) of the file `path`.
[[nodiscard]] ErrorFields file_position(std::string path, int line = 0);

// One defect found while loading or validating: what `check` lists, and what a load error carries.
struct Problem {
  ErrorCode code = ErrorCode::invalid_graph;
  std::string message;                 // full human text, already naming file:line where known
  std::vector<std::string> paths;      // files involved
  std::vector<std::string> revisions;  // revision ids involved
};

class Error : public std::runtime_error {
public:
  Error(ErrorCode code, ExitCode exit_code, const std::string& message, ErrorFields fields = {});
  ErrorCode code() const noexcept { return m_code; }
  std::string_view code_name() const noexcept { return to_string(m_code); }
  ExitCode exit_code() const noexcept { return m_exit_code; }
  const ErrorFields& fields() const noexcept { return m_fields; }

private:
  ErrorCode m_code;
  ExitCode m_exit_code;
  ErrorFields m_fields;
};

// Bad command-line arguments or an unusable option combination. Exit 2.
class UsageError : public Error {
public:
  UsageError(ErrorCode code, const std::string& message, ErrorFields fields = {});
};

// strata.toml or environment problems. Exit 2. Names the file and line where known.
class ConfigError : public Error {
public:
  ConfigError(ErrorCode code, const std::string& message, ErrorFields fields = {});
};

// A file that cannot be read or parsed. Exit 3. The message starts with "path:line: " (fields().path and line).
class RepositoryError : public Error {
public:
  RepositoryError(ErrorCode code, const std::string& path, int line, const std::string& message);
  const std::string& path() const noexcept { return fields().path; }
  int line() const noexcept { return fields().line; }
};

// A defect of the revision graph, or a target that cannot be resolved. Exit 3.
// When the graph could not be built, `problems()` lists every defect found.
class GraphError : public Error {
public:
  GraphError(ErrorCode code, const std::string& message, std::vector<std::string> revisions = {});
  explicit GraphError(std::vector<Problem> problems);
  const std::vector<std::string>& revisions() const noexcept { return fields().revisions; }
  const std::vector<Problem>& problems() const noexcept { return m_problems; }

private:
  std::vector<Problem> m_problems;
};

// The database and the repository disagree: applied revisions the repository lacks, checksum mismatch. Exit 3.
class MismatchError : public Error {
public:
  MismatchError(ErrorCode code, const std::string& message, ErrorFields fields = {});
};

// A database could not be reached, a statement failed, a migration failed, or the database is dirty. Exit 4.
// The message names the database with its password redacted; a failed migration sets fields().revision,
// direction, path and line.
class DatabaseError : public Error {
public:
  DatabaseError(ErrorCode code, const std::string& message, ErrorFields fields = {});
};

// The migration lock was not acquired within the timeout. Exit 5.
class LockTimeoutError : public Error {
public:
  explicit LockTimeoutError(const std::string& message, ErrorFields fields = {});
};

}  // namespace strata
