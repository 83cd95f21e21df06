#pragma once
// The version store on a live connection: which revisions are applied (with checksums, timing, who), the dirty
// state of an interrupted `transaction: none` migration, an append-only log, and optionally Alembic's
// alembic_version table. Table layout: version_store_sql.hpp.
//
// How the engine uses it:
//   - Take the migration lock (lock.hpp) first, then ensure(): creating the tables is then race-free.
//   - Transactional migration:  tx = begin(); lock.in_transaction(); execute(sql);
//                               record_applied(rev, checksum, ms); log(upgrade, rev, ...); tx.commit();
//     Downgrade: the same with remove(rev), which throws unless exactly one row was deleted.
//   - `transaction: none` migration, autocommit throughout:
//       mark_started(rev, checksum)                  row with dirty = 1, statements_done = 0
//       for each statement i: execute(); record_progress(rev, i + 1)
//       on failure of statement i: mark_failed(rev, i, message); log(failure, ...)   (then stop the run)
//       when all are done: mark_completed(rev, ms)   dirty = 0
//     `resolve --resume` restarts at applied() row's statements_done; `--applied` calls mark_completed();
//     `--rolled-back` calls remove().
//   - stamp: replace_all() (with --purge) or record_applied()/remove() per revision, in one transaction.
//   - When options.alembic_version is set, call set_alembic_heads(heads) in the same transaction as each change.
// Writes run in the caller's transaction when one is open on the connection, else each commits on its own.
// Row-targeted writes assert that exactly one row changed and throw DatabaseError (code "version_row_missing")
// naming the revision otherwise.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strata/db/connection.hpp"
#include "strata/db/version_store_sql.hpp"

namespace strata::db {

struct AppliedRevision {
  std::string revision;
  std::string checksum;
  std::string applied_at;  // UTC ISO-8601, "2026-01-12T16:30:00.123Z"
  std::int64_t execution_ms = 0;
  std::string applied_by;
  bool dirty = false;                  // an incomplete or failed `transaction: none` migration
  int statements_done = 0;             // of a `transaction: none` migration
  std::optional<int> dirty_statement;  // 0-based index of the failed statement
  std::optional<std::string> dirty_error;
  std::optional<DirtyDirection> dirty_direction;  // set when dirty
};

struct LogEntry {
  std::int64_t id = 0;
  std::string logged_at;
  std::string action;  // to_string(LogAction)
  std::optional<std::string> revision;
  std::optional<std::string> detail;
  std::string performed_by;
};

struct RevisionChecksum {
  std::string revision;
  std::string checksum;
};

class VersionStore {
public:
  // Throws ConfigError for unusable names (see VersionStoreSql).
  VersionStore(Connection& connection, VersionStoreOptions options = {});

  const VersionStoreSql& sql() const noexcept { return m_sql; }

  // Whether the applied table exists (read-only: `status` and `current` never create anything).
  bool exists();
  // Creates the schema and tables that are missing, in one transaction (or the caller's), and brings an existing
  // store made by an earlier strata up to date (the dirty_direction column). A table of the store's name that lacks
  // the store's columns (a user's own table, a damaged store) is a DatabaseError (code "version_store_shape")
  // naming it and what is missing; nothing is created then.
  void ensure();

  // Every row, ordered by applied_at then revision (informational: rows applied within one millisecond, or by
  // one stamp, tie; the log's ids give the exact order); empty when the table does not exist yet. A table of the
  // wrong shape is the error ensure() gives; a value strata never writes (dirty other than 0 or 1, a count that is
  // not a non-negative integer, a missing revision or checksum) is a DatabaseError (code "version_store_invalid")
  // naming the table, the row and the column.
  std::vector<AppliedRevision> applied();
  std::vector<LogEntry> log_entries();

  void record_applied(const std::string& revision, const std::string& checksum, std::int64_t execution_ms);
  void remove(const std::string& revision);
  void mark_started(const std::string& revision, const std::string& checksum);
  void record_progress(const std::string& revision, int statements_done);
  void mark_failed(const std::string& revision, int statement_index, const std::string& error,
                   DirtyDirection direction);
  // `checksum` set: also re-records the checksum (`resolve --resume` ran the file as it is now).
  void mark_completed(const std::string& revision, std::int64_t execution_ms,
                      const std::optional<std::string>& checksum = std::nullopt);
  // Re-records the checksum of an applied revision (`rehash`); nothing else in its row changes.
  void update_checksum(const std::string& revision, const std::string& checksum);
  // The schema's hash right after the run that applied `revision` (see version_store_sql.hpp).
  void set_schema_hash(const std::string& revision, const std::string& hash);
  // Revisions with a recorded schema hash, oldest first; empty for a store without the column (read-only).
  std::vector<std::pair<std::string, std::string>> schema_hashes();
  // Appends to the log. An empty revision or detail is stored as NULL.
  void log(LogAction action, const std::string& revision, const std::string& detail);
  // Makes the applied set exactly `revisions` (stamp --purge); execution_ms 0.
  void replace_all(const std::vector<RevisionChecksum>& revisions);

  // alembic_version: whether it exists, its rows (for `adopt-alembic`), and making it hold exactly `heads`.
  bool alembic_exists();
  std::vector<std::string> alembic_heads();
  void set_alembic_heads(const std::vector<std::string>& heads);

private:
  Result run(const SqlCommand& command);
  std::vector<std::string> columns(std::string_view bare_name);
  // Throws for missing columns; returns whether the applied table has dirty_direction.
  bool check_shape();
  void run_one_row(const SqlCommand& command, const std::string& revision, std::string_view action);

  Connection& m_connection;
  VersionStoreSql m_sql;
};

}  // namespace strata::db
