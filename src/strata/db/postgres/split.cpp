#include "strata/db/postgres/split.hpp"

#include <pg_query.h>

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "strata/db/split_builder.hpp"
#include "strata/db/statement_error.hpp"

namespace strata::db::postgres {

namespace {

// Owns a PgQuerySplitResult; pg_query_free_split_result does not throw.
class SplitResult {
public:
  explicit SplitResult(const std::string& sql) : m_result(pg_query_split_with_scanner(sql.c_str())) {}
  ~SplitResult() { pg_query_free_split_result(m_result); }
  SplitResult(const SplitResult&) = delete;
  SplitResult& operator=(const SplitResult&) = delete;
  const PgQuerySplitResult& get() const noexcept { return m_result; }

private:
  PgQuerySplitResult m_result;
};

// Owns a PgQueryParseResult.
class ParseResult {
public:
  explicit ParseResult(const std::string& sql) : m_result(pg_query_parse(sql.c_str())) {}
  ~ParseResult() { pg_query_free_parse_result(m_result); }
  ParseResult(const ParseResult&) = delete;
  ParseResult& operator=(const ParseResult&) = delete;
  const PgQueryParseResult& get() const noexcept { return m_result; }

private:
  PgQueryParseResult m_result;
};

}  // namespace

bool controls_transaction(std::string_view statement) {
  const std::string text(statement);
  const ParseResult result(text);
  if (result.get().error != nullptr || result.get().parse_tree == nullptr) return false;
  const auto tree = nlohmann::json::parse(result.get().parse_tree, nullptr, false);
  if (!tree.is_object() || !tree.contains("stmts")) return false;
  for (const auto& entry : tree["stmts"]) {
    if (!entry.contains("stmt") || !entry["stmt"].contains("TransactionStmt")) continue;
    const auto& transaction = entry["stmt"]["TransactionStmt"];
    const std::string kind = transaction.value("kind", std::string());
    // Savepoints work inside the migration's transaction; everything else begins or ends one.
    if (kind != "TRANS_STMT_SAVEPOINT" && kind != "TRANS_STMT_RELEASE" && kind != "TRANS_STMT_ROLLBACK_TO") return true;
  }
  return false;
}

std::vector<Statement> split(std::string_view sql) {
  const std::string text(sql);  // libpg_query needs a NUL-terminated string
  const SplitResult result(text);
  if (const PgQueryError* error = result.get().error) {
    std::optional<std::size_t> offset;
    if (error->cursorpos > 0) offset = static_cast<std::size_t>(error->cursorpos - 1);
    const std::string message = error->message ? error->message : "unknown error";
    throw StatementError(ErrorCode::split_error, fmt::format("cannot split SQL into statements: {}", message),
                         statement_fields({}, text, message), offset);
  }
  SplitBuilder builder(sql);
  for (int i = 0; i < result.get().n_stmts; ++i) {
    const PgQuerySplitStmt* statement = result.get().stmts[i];
    const auto begin = static_cast<std::size_t>(statement->stmt_location);
    builder.add(begin, begin + static_cast<std::size_t>(statement->stmt_len));
  }
  return builder.take();
}

}  // namespace strata::db::postgres
