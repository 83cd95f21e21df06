#include "strata/db/postgres/split.hpp"

#include <pg_query.h>

#include <string>

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

}  // namespace

std::vector<Statement> split(std::string_view sql) {
  const std::string text(sql);  // libpg_query needs a NUL-terminated string
  const SplitResult result(text);
  if (const PgQueryError* error = result.get().error) {
    std::optional<std::size_t> offset;
    if (error->cursorpos > 0) offset = static_cast<std::size_t>(error->cursorpos - 1);
    const std::string message = error->message ? error->message : "unknown error";
    throw StatementError("cannot split SQL into statements: " + message, DatabaseError::Details{{}, text, {}, 0},
                         message, offset, "split_error");
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
