// PgConnection::run_in_transaction: BEGIN, a section's statements and COMMIT sent as one libpq pipeline, so that a
// migration costs one round trip to the server instead of one per statement plus two. The server runs the
// messages in order as they arrive; after the first error it skips everything up to the pipeline's sync point, so
// the statements after a failure never run and the transaction is left aborted for us to roll back.
#include <algorithm>
#include <cctype>

#include "strata/db/postgres/errors.hpp"
#include "strata/db/postgres/pg_connection.hpp"

namespace strata::db::postgres {

namespace {

// COPY ... FROM STDIN / TO STDOUT switches the connection into copy mode, which a pipeline cannot carry; run() has
// the one place that refuses it, so a section holding any COPY takes the statement-by-statement path.
bool is_copy(const Statement& statement) {
  const std::string_view text = statement.text;
  if (text.size() < 4) return false;
  for (std::size_t i = 0; i < 4; ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != "copy"[i]) return false;
  return text.size() == 4 || !(std::isalnum(static_cast<unsigned char>(text[4])) || text[4] == '_');
}

// Leaves pipeline mode however the exchange ended (a connection that is gone is past caring), and before anything
// else is sent: ROLLBACK after a failure goes as an ordinary query.
class PipelineMode {
public:
  explicit PipelineMode(PGconn* connection) : m_connection(connection) {}
  ~PipelineMode() { leave(); }
  PipelineMode(const PipelineMode&) = delete;
  PipelineMode& operator=(const PipelineMode&) = delete;
  void leave() noexcept {
    if (m_connection != nullptr) PQexitPipelineMode(m_connection);
    m_connection = nullptr;
  }

private:
  PGconn* m_connection;
};

}  // namespace

std::optional<BatchFailure> PgConnection::run_in_transaction(std::span<const Statement> statements) {
  if (std::any_of(statements.begin(), statements.end(), is_copy)) return Connection::run_in_transaction(statements);
  PGconn* connection = m_connection.get();
  // Query 0 is BEGIN, 1..n the statements, n + 1 COMMIT.
  std::vector<std::string_view> texts;
  texts.reserve(statements.size() + 2);
  texts.emplace_back("BEGIN");
  for (const Statement& statement : statements) texts.emplace_back(statement.text);
  texts.emplace_back("COMMIT");
  const std::size_t commit = texts.size() - 1;

  if (PQenterPipelineMode(connection) == 0)
    throw_result_error(connection, nullptr, display_name(), "BEGIN", m_password);
  PipelineMode pipeline(connection);
  std::size_t sent = 0;
  for (const std::string_view text : texts) {
    const std::string query(text);
    if (PQsendQueryParams(connection, query.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 0) break;
    ++sent;
  }
  // Sending fails only with the connection. Before COMMIT was sent nothing can have been committed; after it,
  // the server may have run it all.
  if (sent < texts.size() || PQpipelineSync(connection) == 0) {
    const StatementError error =
        result_error(connection, nullptr, display_name(), texts[std::min(sent, commit)], m_password);
    if (sent == texts.size()) throw in_doubt_error(error);
    throw error;
  }

  // Each query's results end with a null; the sync point's own result ends the exchange.
  std::size_t query = 0;
  std::optional<std::size_t> failed_query;
  ResultHandle failed;
  ResultHandle committed;
  while (true) {
    ResultHandle result{PQgetResult(connection)};
    if (!result) {
      // Past the last query without the sync point's result, libpq has nothing more to give: stop rather than wait.
      if (PQstatus(connection) == CONNECTION_BAD || ++query > texts.size()) break;
      continue;
    }
    const ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_PIPELINE_SYNC) break;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY ||
        status == PGRES_PIPELINE_ABORTED) {
      if (query == commit && status == PGRES_COMMAND_OK) committed = std::move(result);
      continue;
    }
    if (!failed) {
      failed = std::move(result);
      failed_query = query;
    }
  }

  pipeline.leave();

  // An error after COMMIT's own result (the session terminated once it was done) changes nothing: it committed.
  if (failed && *failed_query <= commit) {
    const std::size_t at = *failed_query;
    StatementError error = result_error(connection, failed.get(), display_name(), texts[at], m_password);
    if (at == commit) {
      if (PQstatus(connection) == CONNECTION_BAD) throw in_doubt_error(error);
      throw error;  // a COMMIT that fails (a deferred constraint) rolls the transaction back
    }
    // The connection failed without the server saying where it stopped: it may have run everything after this
    // query, COMMIT included, before the answers were lost.
    if (error.code() == ErrorCode::connection_lost) throw in_doubt_error(error);
    // The server reported the error (a terminated session too: FATAL with its SQLSTATE) and skipped everything
    // after it, COMMIT included.
    // The server holds the aborted transaction open until told (unless it was BEGIN that failed).
    if (PQtransactionStatus(connection) == PQTRANS_INERROR) rollback_transaction();
    if (at == 0) throw error;
    return BatchFailure{at - 1, std::move(error)};
  }
  if (!committed) throw in_doubt_error(result_error(connection, nullptr, display_name(), "COMMIT", m_password));
  check_commit_tag(committed.get());
  return std::nullopt;
}

}  // namespace strata::db::postgres
