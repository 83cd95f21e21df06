#include "strata/db/postgres/pg_connection.hpp"

#include <fmt/format.h>

#include "strata/db/postgres/errors.hpp"

namespace strata::db::postgres {

namespace {

// A migration that RAISEs a NOTICE in a loop must not fill the memory; the rest is counted.
constexpr std::size_t k_notice_limit = 1000;

}  // namespace

// Notices would otherwise go to stderr (the library never prints); they are kept for take_notices().
void PgConnection::receive_notice(void* self, const PGresult* notice) {
  auto& connection = *static_cast<PgConnection*>(self);
  if (connection.m_notices.size() >= k_notice_limit) {
    ++connection.m_notices_dropped;
    return;
  }
  const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY);
  const char* primary = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
  std::string text = fmt::format("{}: {}", severity ? severity : "NOTICE", primary ? primary : "");
  connection.m_notices.push_back(scrub_secret(std::move(text), connection.m_password));
}

std::vector<std::string> PgConnection::take_notices() {
  auto notices = std::move(m_notices);
  m_notices.clear();
  if (m_notices_dropped > 0) notices.push_back(fmt::format("({} more notices not kept)", m_notices_dropped));
  m_notices_dropped = 0;
  return notices;
}

PgConnection::PgConnection(const DatabaseUrl& url, const ConnectOptions& options)
    : m_url(url), m_password(url.password()) {
  std::vector<const char*> keys;
  std::vector<const char*> values;
  for (const auto& [key, value] : m_url.keywords()) {
    keys.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keys.push_back("fallback_application_name");
  values.push_back(options.application_name.c_str());
  // Error positions are character counts; with UTF-8 on the wire they convert exactly to byte offsets.
  if (!m_url.keyword("client_encoding")) {
    keys.push_back("client_encoding");
    values.push_back("UTF8");
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  m_connection.reset(PQconnectdbParams(keys.data(), values.data(), 0));
  if (!m_connection || PQstatus(m_connection.get()) != CONNECTION_OK)
    throw_connect_error(m_connection.get(), display_name(), m_password);
  PQsetNoticeReceiver(m_connection.get(), &PgConnection::receive_notice, this);
}

ResultHandle PgConnection::run(std::string_view sql, const Params* params) {
  const std::string text(sql);
  ResultHandle result;
  if (params == nullptr) {
    result.reset(PQexec(m_connection.get(), text.c_str()));
  } else {
    std::vector<const char*> values;
    values.reserve(params->size());
    for (const Cell& cell : *params) values.push_back(cell ? cell->c_str() : nullptr);
    result.reset(PQexecParams(m_connection.get(), text.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                              nullptr, nullptr, 0));
  }
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
    // Leave the COPY state so the connection stays usable, then refuse.
    PQputCopyEnd(m_connection.get(), "COPY is not supported by strata");
    while (ResultHandle rest{PQgetResult(m_connection.get())}) {}
    throw StatementError(ErrorCode::copy_unsupported,
                         display_name() +
                             ": COPY ... FROM STDIN / TO STDOUT cannot run in a migration; use "
                             "INSERT statements or COPY with a server-side file",
                         statement_fields({}, text, "COPY is not supported"), std::nullopt);
  }
  throw_result_error(m_connection.get(), result.get(), display_name(), sql, m_password);
}

void PgConnection::execute(std::string_view sql) { run(sql, nullptr); }

namespace {

Result to_result(PGresult* raw, std::string_view sql) {
  std::vector<std::string> columns;
  const int column_count = PQnfields(raw);
  columns.reserve(static_cast<std::size_t>(column_count));
  for (int c = 0; c < column_count; ++c) columns.emplace_back(PQfname(raw, c));
  std::vector<Row> rows;
  const int row_count = PQntuples(raw);
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int r = 0; r < row_count; ++r) {
    Row row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      if (PQgetisnull(raw, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(raw, r, c), static_cast<std::size_t>(PQgetlength(raw, r, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  const std::string affected_text = PQcmdTuples(raw);
  const std::uint64_t affected =
      PQresultStatus(raw) == PGRES_COMMAND_OK && !affected_text.empty() ? std::stoull(affected_text) : 0;
  return Result(std::string(sql), std::move(columns), std::move(rows), affected);
}

}  // namespace

Result PgConnection::query(std::string_view sql, const Params& params) {
  const ResultHandle result = run(sql, &params);
  return to_result(result.get(), sql);
}

std::vector<Result> PgConnection::query_batch(const std::vector<std::string>& statements) {
  if (statements.size() < 2) return Connection::query_batch(statements);
  // One simple query: the server runs the statements in order and stops at the first failure, and libpq hands
  // back one result per statement that ran.
  std::string text;
  for (const auto& statement : statements) {
    text += statement;
    text += ";\n";
  }
  if (PQsendQuery(m_connection.get(), text.c_str()) == 0)
    throw_result_error(m_connection.get(), nullptr, display_name(), text, m_password);
  std::vector<Result> results;
  results.reserve(statements.size());
  ResultHandle failed;
  while (ResultHandle result{PQgetResult(m_connection.get())}) {
    const ExecStatusType status = PQresultStatus(result.get());
    if (failed) continue;  // read to the end, so the connection is ready for the next command
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      results.push_back(to_result(result.get(), statements[std::min(results.size(), statements.size() - 1)]));
    } else {
      failed = std::move(result);
    }
  }
  // The error's position counts from the start of the whole text: quote all of it.
  if (failed) throw_result_error(m_connection.get(), failed.get(), display_name(), text, m_password);
  if (results.size() != statements.size())
    throw_result_error(m_connection.get(), nullptr, display_name(), text, m_password);
  return results;
}

bool PgConnection::session_in_transaction() const noexcept {
  const PGTransactionStatusType status = PQtransactionStatus(m_connection.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

void PgConnection::begin_transaction(TransactionMode /*mode*/) { execute("BEGIN"); }

// A COMMIT whose connection was lost: the server may have committed before it went away, or not.
DatabaseError PgConnection::in_doubt_error(const StatementError& error) const {
  return DatabaseError(ErrorCode::in_doubt,
                       display_name() +
                           ": the connection was lost during COMMIT; the transaction may or may not have been "
                           "committed — check the version table before retrying",
                       error.fields());
}

// COMMIT of a transaction that an earlier error aborted "succeeds" with the tag ROLLBACK.
void PgConnection::check_commit_tag(PGresult* result) const {
  if (std::string_view(PQcmdStatus(result)) == "ROLLBACK")
    throw DatabaseError(
        ErrorCode::commit_failed,
        fmt::format("{}: COMMIT rolled back: an earlier statement in the transaction failed", display_name()),
        statement_fields({}, "COMMIT"));
}

void PgConnection::commit_transaction() {
  ResultHandle result;
  try {
    result = run("COMMIT", nullptr);
  } catch (const StatementError& error) {
    if (PQstatus(m_connection.get()) == CONNECTION_BAD) throw in_doubt_error(error);
    throw;
  }
  check_commit_tag(result.get());
}

void PgConnection::rollback_transaction() noexcept {
  if (PQstatus(m_connection.get()) != CONNECTION_OK) return;
  PQclear(PQexec(m_connection.get(), "ROLLBACK"));
}

void PgConnection::rollback_transaction_or_throw() { execute("ROLLBACK"); }

}  // namespace strata::db::postgres
