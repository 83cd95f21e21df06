#include "strata/db/version_store.hpp"

namespace strata::db {

namespace {

std::int64_t to_int(const Cell& cell) { return cell ? std::stoll(*cell) : 0; }

}  // namespace

VersionStore::VersionStore(Connection& connection, VersionStoreOptions options)
    : m_connection(connection), m_sql(connection.engine(), std::move(options)) {}

Result VersionStore::run(const SqlCommand& command) { return m_connection.query(command.sql, command.params); }

void VersionStore::run_one_row(const SqlCommand& command, const std::string& revision, std::string_view action) {
  const std::uint64_t touched = run(command).affected_rows();
  if (touched != 1)
    throw DatabaseError(m_connection.display_name() + ": cannot " + std::string(action) + " revision '" + revision +
                            "' in " + m_sql.table_display() + ": " + std::to_string(touched) +
                            " rows matched, expected exactly 1",
                        DatabaseError::Details{{}, command.sql, {}, 0}, "version_row_missing");
}

bool VersionStore::exists() { return run(m_sql.table_exists(m_sql.options().table)).one_field() == "1"; }

void VersionStore::ensure() {
  std::optional<Transaction> own;
  if (!m_connection.in_transaction()) own.emplace(m_connection.begin(TransactionMode::write));
  for (const SqlCommand& command : m_sql.create()) run(command);
  if (run(m_sql.schema_hash_column_exists()).one_field() == "0") run(m_sql.add_schema_hash_column());
  if (own) own->commit();
}

void VersionStore::set_schema_hash(const std::string& revision, const std::string& hash) {
  run_one_row(m_sql.update_schema_hash(revision, hash), revision, "record the schema hash of");
}

std::vector<std::pair<std::string, std::string>> VersionStore::schema_hashes() {
  std::vector<std::pair<std::string, std::string>> hashes;
  if (!exists() || run(m_sql.schema_hash_column_exists()).one_field() == "0") return hashes;
  const Result result = run(m_sql.select_schema_hashes());
  for (const Row& row : result.rows()) hashes.emplace_back(row[0].value_or(""), row[1].value_or(""));
  return hashes;
}

std::vector<AppliedRevision> VersionStore::applied() {
  std::vector<AppliedRevision> revisions;
  if (!exists()) return revisions;
  const Result result = run(m_sql.select_applied());
  revisions.reserve(result.size());
  for (const Row& row : result.rows()) {
    AppliedRevision applied;
    applied.revision = row[0].value_or("");
    applied.checksum = row[1].value_or("");
    applied.applied_at = row[2].value_or("");
    applied.execution_ms = to_int(row[3]);
    applied.applied_by = row[4].value_or("");
    applied.dirty = to_int(row[5]) != 0;
    applied.statements_done = static_cast<int>(to_int(row[6]));
    if (row[7]) applied.dirty_statement = static_cast<int>(to_int(row[7]));
    applied.dirty_error = row[8];
    revisions.push_back(std::move(applied));
  }
  return revisions;
}

std::vector<LogEntry> VersionStore::log_entries() {
  std::vector<LogEntry> entries;
  if (run(m_sql.table_exists(m_sql.options().log_table)).one_field() != "1") return entries;
  const Result result = run(m_sql.select_log());  // a named Result: rows() of a temporary would dangle
  for (const Row& row : result.rows())
    entries.push_back(LogEntry{to_int(row[0]), row[1].value_or(""), row[2].value_or(""), row[3], row[4],
                               row[5].value_or("")});
  return entries;
}

void VersionStore::record_applied(const std::string& revision, const std::string& checksum,
                                  std::int64_t execution_ms) {
  run_one_row(m_sql.insert_applied(revision, checksum, execution_ms), revision, "record");
}

void VersionStore::remove(const std::string& revision) {
  run_one_row(m_sql.delete_applied(revision), revision, "remove");
}

void VersionStore::mark_started(const std::string& revision, const std::string& checksum) {
  run_one_row(m_sql.insert_started(revision, checksum), revision, "mark as started");
}

void VersionStore::record_progress(const std::string& revision, int statements_done) {
  run_one_row(m_sql.update_progress(revision, statements_done), revision, "record progress of");
}

void VersionStore::mark_failed(const std::string& revision, int statement_index, const std::string& error) {
  run_one_row(m_sql.update_failed(revision, statement_index, error), revision, "mark as failed");
}

void VersionStore::mark_completed(const std::string& revision, std::int64_t execution_ms) {
  run_one_row(m_sql.update_completed(revision, execution_ms), revision, "mark as completed");
}

void VersionStore::log(LogAction action, const std::string& revision, const std::string& detail) {
  run(m_sql.insert_log(action, revision, detail));
}

void VersionStore::replace_all(const std::vector<RevisionChecksum>& revisions) {
  run(m_sql.delete_all_applied());
  for (const auto& [revision, checksum] : revisions) record_applied(revision, checksum, 0);
}

bool VersionStore::alembic_exists() { return run(m_sql.table_exists("alembic_version")).one_field() == "1"; }

std::vector<std::string> VersionStore::alembic_heads() {
  std::vector<std::string> heads;
  if (!alembic_exists()) return heads;
  const Result result = run(m_sql.select_alembic());
  for (const Row& row : result.rows()) heads.push_back(row[0].value_or(""));
  return heads;
}

void VersionStore::set_alembic_heads(const std::vector<std::string>& heads) {
  for (const SqlCommand& command : m_sql.set_alembic_heads(heads)) run(command);
}

}  // namespace strata::db
