#include "strata/db/sqlite/sqlite_connection.hpp"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "strata/db/sqlite/errors.hpp"

namespace strata::db::sqlite {

namespace {

StatementHandle prepare(sqlite3* db, std::string_view sql, std::size_t offset, const char** tail,
                        std::string_view display) {
  sqlite3_stmt* raw = nullptr;
  const char* begin = sql.data() + offset;
  const int rc = sqlite3_prepare_v2(db, begin, static_cast<int>(sql.size() - offset), &raw, tail);
  StatementHandle statement(raw);
  if (rc != SQLITE_OK) throw_error(db, rc, display, sql, offset);
  return statement;
}

std::string missing_file_message(const std::string& path, const std::string& display) {
  return fmt::format(
      "database file '{}' does not exist ({})\nhint: check the path (a relative path in strata.toml "
      "starts from its folder, one in --url or $DATABASE_URL from the working directory); `strata "
      "upgrade` creates it",
      path, display);
}

}  // namespace

SqliteConnection::SqliteConnection(const DatabaseUrl& url, const ConnectOptions& options)
    : m_path(url.sqlite_path()),
      m_memory(url.is_memory()),
      m_display(url.redacted()),
      m_busy_timeout(options.busy_timeout) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (!m_memory) {
    std::error_code error;
    const bool exists = std::filesystem::exists(m_path, error);
    if (!exists && !options.create_if_missing)
      throw DatabaseError(ErrorCode::database_missing, missing_file_message(m_path, m_display));
    if (!exists) {
      const auto parent = std::filesystem::path(m_path).parent_path();
      if (!parent.empty() && !std::filesystem::is_directory(parent, error))
        throw DatabaseError(ErrorCode::database_missing,
                            fmt::format("cannot create database file '{}': directory '{}' does not exist ({})", m_path,
                                        parent.string(), m_display));
      flags |= SQLITE_OPEN_CREATE;
    }
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(m_path.c_str(), &raw, flags, nullptr);
  m_db.reset(raw);
  if (rc != SQLITE_OK) {
    const std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw DatabaseError(ErrorCode::connect_failed,
                        fmt::format("cannot open {}: {} [{}]", m_display, message, result_code_name(rc)),
                        statement_fields(result_code_name(rc), {}));
  }
  sqlite3_extended_result_codes(m_db.get(), 1);
  sqlite3_busy_timeout(m_db.get(), static_cast<int>(m_busy_timeout.count()));
  // A file that is not a database opens fine and fails at first use; fail here, naming it.
  execute("SELECT count(*) FROM sqlite_schema");
}

void SqliteConnection::execute(std::string_view sql) {
  std::size_t offset = 0;
  while (offset < sql.size()) {
    const char* tail = nullptr;
    StatementHandle statement = prepare(m_db.get(), sql, offset, &tail, m_display);
    const std::size_t statement_start = offset;
    offset = static_cast<std::size_t>(tail - sql.data());
    // The parser stops at a NUL byte without moving on: the rest of the text would never run.
    if (!statement && offset == statement_start && offset < sql.size())
      throw StatementError(ErrorCode::split_error,
                           fmt::format("{}: a NUL byte in the SQL text; nothing after it can run", m_display),
                           statement_fields({}, std::string(sql), "a NUL byte in the SQL text"), statement_start);
    if (!statement) continue;  // only whitespace or comments
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) rc = sqlite3_step(statement.get());
    if (rc != SQLITE_DONE)
      throw_error(m_db.get(), rc, m_display, sql, statement_start, skip_space_and_comments(sql, statement_start));
  }
}

Result SqliteConnection::query(std::string_view sql, const Params& params) {
  const char* tail = nullptr;
  StatementHandle statement = prepare(m_db.get(), sql, 0, &tail, m_display);
  const auto rest = static_cast<std::size_t>(tail - sql.data());
  if (!statement || skip_space_and_comments(sql, rest) < sql.size())
    throw DatabaseError(ErrorCode::not_one_statement,
                        fmt::format("{}: query() takes exactly one statement: {}", m_display, sql),
                        statement_fields({}, std::string(sql)));
  const int expected = sqlite3_bind_parameter_count(statement.get());
  if (expected != static_cast<int>(params.size()))
    throw DatabaseError(
        ErrorCode::bad_parameters,
        fmt::format("{}: statement takes {} parameters, {} given: {}", m_display, expected, params.size(), sql),
        statement_fields({}, std::string(sql)));
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string name = fmt::format("${}", i + 1);
    const int index = sqlite3_bind_parameter_index(statement.get(), name.c_str());
    if (index == 0)
      throw DatabaseError(ErrorCode::bad_parameters,
                          fmt::format("{}: statement does not use parameter {}: {}", m_display, name, sql),
                          statement_fields({}, std::string(sql)));
    const int rc = params[i] ? sqlite3_bind_text(statement.get(), index, params[i]->data(),
                                                 static_cast<int>(params[i]->size()), SQLITE_TRANSIENT)
                             : sqlite3_bind_null(statement.get(), index);
    if (rc != SQLITE_OK) throw_error(m_db.get(), rc, m_display, sql);
  }
  std::vector<std::string> columns;
  const int column_count = sqlite3_column_count(statement.get());
  columns.reserve(static_cast<std::size_t>(column_count));
  for (int c = 0; c < column_count; ++c) columns.emplace_back(sqlite3_column_name(statement.get(), c));
  std::vector<Row> rows;
  int rc = sqlite3_step(statement.get());
  for (; rc == SQLITE_ROW; rc = sqlite3_step(statement.get())) {
    Row row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      if (sqlite3_column_type(statement.get(), c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), c));
        row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), c))));
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) throw_error(m_db.get(), rc, m_display, sql);
  const std::uint64_t affected =
      sqlite3_stmt_readonly(statement.get()) ? 0 : static_cast<std::uint64_t>(sqlite3_changes64(m_db.get()));
  return Result(std::string(sql), std::move(columns), std::move(rows), affected);
}

void SqliteConnection::begin_transaction(TransactionMode mode) {
  execute(mode == TransactionMode::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

void SqliteConnection::commit_transaction() {
  try {
    execute("COMMIT");
  } catch (...) {
    // A COMMIT that fails with SQLITE_BUSY leaves the transaction open; end it so the connection is usable.
    rollback_transaction();
    throw;
  }
}

void SqliteConnection::rollback_transaction() noexcept {
  // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) already rolled back; ROLLBACK would then fail.
  if (sqlite3_get_autocommit(m_db.get()) != 0) return;
  sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteConnection::rollback_transaction_or_throw() {
  if (sqlite3_get_autocommit(m_db.get()) != 0) return;
  execute("ROLLBACK");
}

}  // namespace strata::db::sqlite
