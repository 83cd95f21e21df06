#include "strata/db/version_store.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "strata/db/statement_error.hpp"
#include "strata/util/excerpt.hpp"
#include "strata/util/strings.hpp"

namespace strata::db {

namespace {

// A stored value for a message: short, escaped (the row may hold anything).
std::string excerpt(const std::string& value) { return util::excerpt(value, 40); }

std::optional<std::int64_t> parse_count(const std::string& value, std::int64_t max) {
  if (value.empty() || value.size() > 18) return std::nullopt;
  std::int64_t number = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  if (number > max) return std::nullopt;
  return number;
}

// Reads one row of the applied table, checking every value against what strata writes.
class RowReader {
public:
  RowReader(const Row& row, const std::string& display, const std::string& table)
      : m_row(row), m_display(display), m_table(table) {}

  std::string text(std::size_t column, std::string_view name) {
    if (!m_row[column]) invalid(name, "NULL", "a value");
    return *m_row[column];
  }

  // A whole number of 0 up to `max`, in decimal digits; NULL is nullopt when `nullable`, else invalid.
  std::optional<std::int64_t> count(std::size_t column, std::string_view name, bool nullable,
                                    std::int64_t max = std::numeric_limits<int>::max()) {
    if (!m_row[column]) {
      if (!nullable) invalid(name, "NULL", max == 1 ? "0 or 1" : "a whole number of 0 or more");
      return std::nullopt;
    }
    const auto number = parse_count(*m_row[column], max);
    if (!number)
      invalid(name, fmt::format("'{}'", excerpt(*m_row[column])), max == 1 ? "0 or 1" : "a whole number of 0 or more");
    return number;
  }

  [[noreturn]] void invalid(std::string_view column, const std::string& shown, std::string_view expected) const {
    const std::string revision =
        m_row[0] ? fmt::format("revision '{}'", excerpt(*m_row[0])) : std::string("a row without a revision");
    throw DatabaseError(ErrorCode::version_store_invalid,
                        fmt::format("{}: strata's version table {} holds a value strata never writes: {} is {} in "
                                    "the row of {} (expected {}); nothing was changed\nhint: the table is written "
                                    "only by strata: correct or delete that row with the database's own client, or "
                                    "restore the table from a backup",
                                    m_display, m_table, column, shown, revision, expected));
  }

private:
  const Row& m_row;
  const std::string& m_display;
  const std::string& m_table;
};

}  // namespace

VersionStore::VersionStore(Connection& connection, VersionStoreOptions options)
    : m_connection(connection), m_sql(connection.engine(), std::move(options)) {}

Result VersionStore::run(const SqlCommand& command) { return m_connection.query(command.sql, command.params); }

void VersionStore::run_one_row(const SqlCommand& command, const std::string& revision, std::string_view action) {
  if (!m_sql.options().records) return;
  const std::uint64_t touched = run(command).affected_rows();
  if (touched != 1)
    throw DatabaseError(ErrorCode::version_row_missing,
                        fmt::format("{}: cannot {} revision '{}' in {}: {} rows matched, expected exactly 1",
                                    m_connection.display_name(), action, revision, m_sql.table_display(), touched),
                        statement_fields({}, command.sql));
}

bool VersionStore::exists() {
  if (!m_sql.options().records) return false;
  return run(m_sql.table_exists(m_sql.options().table)).one_field() == "1";
}

std::vector<std::string> VersionStore::columns(std::string_view bare_name) {
  std::vector<std::string> names;
  const Result result = run(m_sql.select_columns(bare_name));
  for (const Row& row : result.rows()) names.push_back(row[0].value_or(""));
  return names;
}

bool VersionStore::check_shape() {
  const auto check = [&](const std::string& bare_name, const std::string& shown,
                         const std::vector<std::string>& required, std::string_view key) {
    auto present = columns(bare_name);
    std::vector<std::string> missing;
    for (const auto& column : required)
      if (std::find(present.begin(), present.end(), column) == present.end()) missing.push_back(column);
    if (missing.empty()) return present;
    const std::string_view what = key == "table" ? "version table" : "version log";
    throw DatabaseError(ErrorCode::version_store_shape,
                        fmt::format("{0}: table {1} has the name of strata's {2} but not its shape: it lacks the {3} "
                                    "{4}; nothing was changed\nhint: if it is a table of your own, name strata's {2} "
                                    "differently in strata.toml ([version_store] {5} = \"...\"); if it is strata's, "
                                    "restore it from a backup",
                                    m_connection.display_name(), shown, what,
                                    missing.size() == 1 ? "column" : "columns", util::join(missing, ", "), key));
  };
  const auto applied = check(m_sql.options().table, m_sql.table_display(), VersionStoreSql::applied_columns(), "table");
  if (run(m_sql.table_exists(m_sql.options().log_table)).one_field() == "1")
    check(m_sql.options().log_table, m_sql.options().log_table, VersionStoreSql::log_columns(), "log_table");
  return std::find(applied.begin(), applied.end(), "dirty_direction") != applied.end();
}

void VersionStore::ensure() {
  if (!m_sql.options().records) return;
  std::optional<Transaction> own;
  if (!m_connection.in_transaction()) own.emplace(m_connection.begin(TransactionMode::write));
  const bool existed = exists();
  if (existed && !check_shape())
    for (const SqlCommand& command : m_sql.add_direction_column()) run(command);
  for (const SqlCommand& command : m_sql.create()) run(command);
  if (!existed) check_shape();  // the log table may have been there already, someone else's
  if (run(m_sql.schema_hash_column_exists()).one_field() == "0") run(m_sql.add_schema_hash_column());
  if (own) own->commit();
}

void VersionStore::set_schema_hash(const std::string& revision, const std::string& hash) {
  run_one_row(m_sql.update_schema_hash(revision, hash), revision, "record the schema hash of");
}

std::vector<std::pair<std::string, std::string>> VersionStore::schema_hashes() {
  if (!m_sql.options().records) return {};
  std::vector<std::pair<std::string, std::string>> hashes;
  if (!exists() || run(m_sql.schema_hash_column_exists()).one_field() == "0") return hashes;
  const Result result = run(m_sql.select_schema_hashes());
  for (const Row& row : result.rows()) hashes.emplace_back(row[0].value_or(""), row[1].value_or(""));
  return hashes;
}

std::vector<AppliedRevision> VersionStore::applied() {
  if (!m_sql.options().records) return {};
  std::vector<AppliedRevision> revisions;
  if (!exists()) return revisions;
  const bool has_direction = check_shape();
  const Result result = run(m_sql.select_applied(has_direction));
  revisions.reserve(result.size());
  const std::string table = m_sql.table_display();
  for (const Row& row : result.rows()) {
    RowReader reader(row, m_connection.display_name(), table);
    AppliedRevision applied;
    applied.revision = reader.text(0, "revision");
    if (applied.revision.empty()) reader.invalid("revision", "empty", "a revision id");
    applied.checksum = reader.text(1, "checksum");
    applied.applied_at = row[2].value_or("");
    applied.execution_ms = reader.count(3, "execution_ms", true, std::numeric_limits<std::int64_t>::max()).value_or(0);
    applied.applied_by = row[4].value_or("");
    applied.dirty = reader.count(5, "dirty", false, 1) == 1;
    applied.statements_done = static_cast<int>(reader.count(6, "statements_done", false).value_or(0));
    if (const auto statement = reader.count(7, "dirty_statement", true))
      applied.dirty_statement = static_cast<int>(*statement);
    applied.dirty_error = row[8];
    if (applied.dirty) {
      applied.dirty_direction = DirtyDirection::up;
      if (row[9] && *row[9] == "down") applied.dirty_direction = DirtyDirection::down;
      else if (row[9] && *row[9] != "up")
        reader.invalid("dirty_direction", fmt::format("'{}'", excerpt(*row[9])), "up or down");
    }
    revisions.push_back(std::move(applied));
  }
  return revisions;
}

std::vector<LogEntry> VersionStore::log_entries() {
  if (!m_sql.options().records) return {};
  std::vector<LogEntry> entries;
  if (run(m_sql.table_exists(m_sql.options().log_table)).one_field() != "1") return entries;
  const Result result = run(m_sql.select_log());  // a named Result: rows() of a temporary would dangle
  for (const Row& row : result.rows()) {
    const auto id = row[0] ? parse_count(*row[0], std::numeric_limits<std::int64_t>::max()) : std::nullopt;
    if (!id)
      throw DatabaseError(
          ErrorCode::version_store_invalid,
          fmt::format("{}: strata's version log {} holds an id that is not a whole number ('{}'); "
                      "nothing was changed\nhint: the table is written only by strata: restore it "
                      "from a backup",
                      m_connection.display_name(), m_sql.options().log_table, excerpt(row[0].value_or("NULL"))));
    entries.push_back(LogEntry{*id, row[1].value_or(""), row[2].value_or(""), row[3], row[4], row[5].value_or("")});
  }
  return entries;
}

void VersionStore::record_applied(const std::string& revision, const std::string& checksum, std::int64_t execution_ms) {
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

void VersionStore::mark_failed(const std::string& revision, int statement_index, const std::string& error,
                               DirtyDirection direction) {
  run_one_row(m_sql.update_failed(revision, statement_index, error, direction), revision, "mark as failed");
}

void VersionStore::mark_completed(const std::string& revision, std::int64_t execution_ms,
                                  const std::optional<std::string>& checksum) {
  run_one_row(m_sql.update_completed(revision, execution_ms, checksum), revision, "mark as completed");
}

void VersionStore::update_checksum(const std::string& revision, const std::string& checksum) {
  run_one_row(m_sql.update_checksum(revision, checksum), revision, "re-record the checksum of");
}

void VersionStore::log(LogAction action, const std::string& revision, const std::string& detail) {
  if (!m_sql.options().records) return;
  run(m_sql.insert_log(action, revision, detail));
}

void VersionStore::replace_all(const std::vector<RevisionChecksum>& revisions) {
  if (!m_sql.options().records) return;
  run(m_sql.delete_all_applied());
  for (const auto& [revision, checksum] : revisions) record_applied(revision, checksum, 0);
}

bool VersionStore::alembic_exists() {
  if (!m_sql.options().records) return false;
  return run(m_sql.table_exists("alembic_version")).one_field() == "1";
}

std::vector<std::string> VersionStore::alembic_heads() {
  std::vector<std::string> heads;
  if (!alembic_exists()) return heads;
  const Result result = run(m_sql.select_alembic());
  for (const Row& row : result.rows()) heads.push_back(row[0].value_or(""));
  return heads;
}

void VersionStore::set_alembic_heads(const std::vector<std::string>& heads) {
  if (!m_sql.options().records) return;
  for (const SqlCommand& command : m_sql.set_alembic_heads(heads)) run(command);
}

}  // namespace strata::db
