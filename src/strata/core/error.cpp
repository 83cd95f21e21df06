#include "strata/core/error.hpp"

#include <fmt/format.h>

#include <utility>

#include "strata/util/excerpt.hpp"

namespace strata {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::usage: return "usage";
    case ErrorCode::unknown_command: return "unknown_command";
    case ErrorCode::config: return "config";
    case ErrorCode::config_not_found: return "config_not_found";
    case ErrorCode::no_repository: return "no_repository";
    case ErrorCode::bad_url: return "bad_url";
    case ErrorCode::bad_variable: return "bad_variable";
    case ErrorCode::unset_variable: return "unset_variable";
    case ErrorCode::no_database: return "no_database";
    case ErrorCode::unknown_database: return "unknown_database";
    case ErrorCode::unknown_branch: return "unknown_branch";
    case ErrorCode::outside_branch: return "outside_branch";
    case ErrorCode::bad_lock_timeout: return "bad_lock_timeout";
    case ErrorCode::backup_needs_placeholder: return "backup_needs_placeholder";
    case ErrorCode::not_dirty: return "not_dirty";
    case ErrorCode::not_applied: return "not_applied";
    case ErrorCode::store_not_empty: return "store_not_empty";
    case ErrorCode::duplicate_heads: return "duplicate_heads";
    case ErrorCode::bad_rename: return "bad_rename";
    case ErrorCode::unknown_rename: return "unknown_rename";
    case ErrorCode::no_engine: return "no_engine";
    case ErrorCode::no_file: return "no_file";
    case ErrorCode::online_needs_postgres: return "online_needs_postgres";
    case ErrorCode::verification_failed: return "verification_failed";
    case ErrorCode::ambiguous_match: return "ambiguous_match";
    case ErrorCode::already_initialized: return "already_initialized";
    case ErrorCode::illegal_branch_label: return "illegal_branch_label";
    case ErrorCode::bad_range: return "bad_range";
    case ErrorCode::forward_only: return "forward_only";
    case ErrorCode::not_resumable: return "not_resumable";
    case ErrorCode::rebase_applied: return "rebase_applied";
    case ErrorCode::rebase_published: return "rebase_published";
    case ErrorCode::transaction_all_refused: return "transaction_all_refused";
    case ErrorCode::alembic_not_executable: return "alembic_not_executable";
    case ErrorCode::alembic_revision_too_long: return "alembic_revision_too_long";
    case ErrorCode::unknown_shell: return "unknown_shell";
    case ErrorCode::parse_error: return "parse_error";
    case ErrorCode::read_error: return "read_error";
    case ErrorCode::write_error: return "write_error";
    case ErrorCode::file_exists: return "file_exists";
    case ErrorCode::read_only_location: return "read_only_location";
    case ErrorCode::missing_location: return "missing_location";
    case ErrorCode::not_statically_readable: return "not_statically_readable";
    case ErrorCode::not_a_plain_literal: return "not_a_plain_literal";
    case ErrorCode::git_error: return "git_error";
    case ErrorCode::git_ref_missing: return "git_ref_missing";
    case ErrorCode::empty_down_section: return "empty_down_section";
    case ErrorCode::no_down_section: return "no_down_section";
    case ErrorCode::no_op_with_statements: return "no_op_with_statements";
    case ErrorCode::nul_byte: return "nul_byte";
    case ErrorCode::transaction_control: return "transaction_control";
    case ErrorCode::unsplittable_sql: return "unsplittable_sql";
    case ErrorCode::invalid_graph: return "invalid_graph";
    case ErrorCode::illegal_revision_id: return "illegal_revision_id";
    case ErrorCode::duplicate_revision: return "duplicate_revision";
    case ErrorCode::label_is_revision_id: return "label_is_revision_id";
    case ErrorCode::duplicate_label: return "duplicate_label";
    case ErrorCode::self_reference: return "self_reference";
    case ErrorCode::label_as_parent: return "label_as_parent";
    case ErrorCode::partial_revision_id: return "partial_revision_id";
    case ErrorCode::unknown_parent: return "unknown_parent";
    case ErrorCode::unknown_dependency: return "unknown_dependency";
    case ErrorCode::cycle: return "cycle";
    case ErrorCode::multiple_heads: return "multiple_heads";
    case ErrorCode::redundant_parent: return "redundant_parent";
    case ErrorCode::replaces_not_contiguous: return "replaces_not_contiguous";
    case ErrorCode::replaced_has_outside_child: return "replaced_has_outside_child";
    case ErrorCode::replaced_is_dependency: return "replaced_is_dependency";
    case ErrorCode::replaced_twice: return "replaced_twice";
    case ErrorCode::unknown_replaced: return "unknown_replaced";
    case ErrorCode::unknown_revision: return "unknown_revision";
    case ErrorCode::ambiguous_revision: return "ambiguous_revision";
    case ErrorCode::not_in_branch: return "not_in_branch";
    case ErrorCode::relative_overflow: return "relative_overflow";
    case ErrorCode::ambiguous_upgrade: return "ambiguous_upgrade";
    case ErrorCode::ambiguous_downgrade: return "ambiguous_downgrade";
    case ErrorCode::ambiguous_stamp: return "ambiguous_stamp";
    case ErrorCode::ambiguous_walk: return "ambiguous_walk";
    case ErrorCode::overlapping_targets: return "overlapping_targets";
    case ErrorCode::invalid_downgrade_target: return "invalid_downgrade_target";
    case ErrorCode::downgrade_into_squash: return "downgrade_into_squash";
    case ErrorCode::invalid_range: return "invalid_range";
    case ErrorCode::range_not_ancestral: return "range_not_ancestral";
    case ErrorCode::squash_partly_applied: return "squash_partly_applied";
    case ErrorCode::squash_not_contiguous: return "squash_not_contiguous";
    case ErrorCode::squash_alembic: return "squash_alembic";
    case ErrorCode::squash_nested: return "squash_nested";
    case ErrorCode::squash_branch_label: return "squash_branch_label";
    case ErrorCode::squash_outside_user: return "squash_outside_user";
    case ErrorCode::squash_mixed_transaction: return "squash_mixed_transaction";
    case ErrorCode::not_a_squash: return "not_a_squash";
    case ErrorCode::not_a_head: return "not_a_head";
    case ErrorCode::rebase_onto_own_branch: return "rebase_onto_own_branch";
    case ErrorCode::rebase_merge: return "rebase_merge";
    case ErrorCode::nothing_to_rebase: return "nothing_to_rebase";
    case ErrorCode::not_based_on_ref: return "not_based_on_ref";
    case ErrorCode::edited_since_ref: return "edited_since_ref";
    case ErrorCode::deleted_since_ref: return "deleted_since_ref";
    case ErrorCode::id_reused: return "id_reused";
    case ErrorCode::mismatch: return "mismatch";
    case ErrorCode::checksum_mismatch: return "checksum_mismatch";
    case ErrorCode::unknown_applied: return "unknown_applied";
    case ErrorCode::no_match: return "no_match";
    case ErrorCode::sync_would_remove: return "sync_would_remove";
    case ErrorCode::alembic_row_unknown: return "alembic_row_unknown";
    case ErrorCode::alembic_not_adopted: return "alembic_not_adopted";
    case ErrorCode::alembic_ahead: return "alembic_ahead";
    case ErrorCode::alembic_behind: return "alembic_behind";
    case ErrorCode::alembic_unknown_revision: return "alembic_unknown_revision";
    case ErrorCode::schema_mismatch: return "schema_mismatch";
    case ErrorCode::database: return "database";
    case ErrorCode::sql_error: return "sql_error";
    case ErrorCode::split_error: return "split_error";
    case ErrorCode::copy_unsupported: return "copy_unsupported";
    case ErrorCode::bad_progress: return "bad_progress";
    case ErrorCode::dirty: return "dirty";
    case ErrorCode::database_missing: return "database_missing";
    case ErrorCode::unreachable: return "unreachable";
    case ErrorCode::authentication_failed: return "authentication_failed";
    case ErrorCode::connect_failed: return "connect_failed";
    case ErrorCode::connection_lost: return "connection_lost";
    case ErrorCode::commit_failed: return "commit_failed";
    case ErrorCode::in_doubt: return "in_doubt";
    case ErrorCode::transaction_ended: return "transaction_ended";
    case ErrorCode::nested_transaction: return "nested_transaction";
    case ErrorCode::not_one_statement: return "not_one_statement";
    case ErrorCode::bad_parameters: return "bad_parameters";
    case ErrorCode::unexpected_rows: return "unexpected_rows";
    case ErrorCode::no_alembic_version: return "no_alembic_version";
    case ErrorCode::version_row_missing: return "version_row_missing";
    case ErrorCode::version_store_invalid: return "version_store_invalid";
    case ErrorCode::version_store_shape: return "version_store_shape";
    case ErrorCode::backup_exists: return "backup_exists";
    case ErrorCode::backup_failed: return "backup_failed";
    case ErrorCode::pg_dump_missing: return "pg_dump_missing";
    case ErrorCode::scratch_not_permitted: return "scratch_not_permitted";
    case ErrorCode::scratch_not_empty: return "scratch_not_empty";
    case ErrorCode::lock_file: return "lock_file";
    case ErrorCode::lock_outside_transaction: return "lock_outside_transaction";
    case ErrorCode::transaction_pooler: return "transaction_pooler";
    case ErrorCode::lock_timeout: return "lock_timeout";
    case ErrorCode::interrupted: return "interrupted";
    case ErrorCode::io: return "io";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

Error::Error(ErrorCode code, ExitCode exit_code, const std::string& message, ErrorFields fields)
    : std::runtime_error(message), m_code(code), m_exit_code(exit_code), m_fields(std::move(fields)) {}

UsageError::UsageError(ErrorCode code, const std::string& message, ErrorFields fields)
    : Error(code, ExitCode::usage, message, std::move(fields)) {}

ConfigError::ConfigError(ErrorCode code, const std::string& message, ErrorFields fields)
    : Error(code, ExitCode::usage, message, std::move(fields)) {}

ErrorFields file_position(std::string path, int line) {
  ErrorFields fields;
  fields.path = std::move(path);
  fields.line = line;
  return fields;
}

namespace {

// A path that is input too (a folder named in strata.toml) is quoted short, like any other input.
std::string with_position(const std::string& path, int line, const std::string& message) {
  constexpr std::size_t k_path_length = 240;
  if (path.empty()) return message;
  const auto shown = util::excerpt(path, k_path_length);
  if (line <= 0) return fmt::format("{}: {}", shown, message);
  return fmt::format("{}:{}: {}", shown, line, message);
}

ErrorFields naming(std::vector<std::string> revisions) {
  ErrorFields fields;
  fields.revisions = std::move(revisions);
  return fields;
}

std::string summarize(const std::vector<Problem>& problems) {
  if (problems.empty()) return "the revision graph is invalid";
  std::string text = problems.front().message;
  for (std::size_t i = 1; i < problems.size(); ++i) text += fmt::format("\n{}", problems[i].message);
  return text;
}

std::vector<std::string> revisions_of(const std::vector<Problem>& problems) {
  std::vector<std::string> revisions;
  for (const auto& problem : problems)
    revisions.insert(revisions.end(), problem.revisions.begin(), problem.revisions.end());
  return revisions;
}

}  // namespace

RepositoryError::RepositoryError(ErrorCode code, const std::string& path, int line, const std::string& message)
    : Error(code, ExitCode::repository, with_position(path, line, message), file_position(path, line)) {}

GraphError::GraphError(ErrorCode code, const std::string& message, std::vector<std::string> revisions)
    : Error(code, ExitCode::repository, message, naming(std::move(revisions))) {}

GraphError::GraphError(std::vector<Problem> problems)
    : Error(problems.size() == 1 ? problems.front().code : ErrorCode::invalid_graph, ExitCode::repository,
            summarize(problems), naming(revisions_of(problems))),
      m_problems(std::move(problems)) {}

MismatchError::MismatchError(ErrorCode code, const std::string& message, ErrorFields fields)
    : Error(code, ExitCode::repository, message, std::move(fields)) {}

DatabaseError::DatabaseError(ErrorCode code, const std::string& message, ErrorFields fields)
    : Error(code, ExitCode::database, message, std::move(fields)) {}

LockTimeoutError::LockTimeoutError(const std::string& message, ErrorFields fields)
    : Error(ErrorCode::lock_timeout, ExitCode::lock_timeout, message, std::move(fields)) {}

}  // namespace strata
