#pragma once
// Splitting a migration's SQL into statements, with positions the engine maps back to the file.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "strata/db/url.hpp"

namespace strata::db {

struct Statement {
  std::string text;        // from its first token (leading whitespace and comments dropped) to its end,
                           // without the terminating ';' or trailing whitespace
  std::size_t offset = 0;  // byte offset of text[0] within the split input
  int line = 1;            // 1-based line of text[0] within the split input
};

// Splits with the engine's own lexer: libpg_query's scanner for PostgreSQL (dollar quoting, E'' strings, nested
// comments); for SQLite, sqlite3_prepare_v2 tail-walking on a private in-memory connection, checked and completed
// by sqlite3_complete() (strings, comments, CREATE TRIGGER ... BEGIN ... END) — the database's own connection is
// not used, since preparing there resolves names against a schema the script has not built yet. Statements made
// only of comments are dropped.
// Throws StatementError (code "split_error") with the offset when the text cannot be tokenised (unterminated
// quote or comment), or holds a NUL byte (which both drivers would take for the end of the text).
std::vector<Statement> split_statements(Engine engine, std::string_view sql);

// Whether `statement` (one statement, as split_statements returns it) begins or ends a transaction, as the engine's
// own parser reads it: PostgreSQL's TransactionStmt from libpg_query (BEGIN, START TRANSACTION, COMMIT, END,
// ROLLBACK, ABORT, PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED); on SQLite, a statement that compiles to the
// OP_AutoCommit instruction (BEGIN, COMMIT, END, ROLLBACK). Savepoints (SAVEPOINT, RELEASE, ROLLBACK TO) stay
// inside the transaction and are not counted. A statement the parser rejects is not counted either: the server
// reports it, inside the transaction, when it runs.
bool controls_transaction(Engine engine, std::string_view statement);

// 1-based line number of `offset` within `text` (offset past the end counts as the last line).
int line_at(std::string_view text, std::size_t offset) noexcept;

// Index of the first byte that is not whitespace or a comment (`-- ...` to end of line, `/* ... */`, nested as
// PostgreSQL allows), starting at `from`. Used only to trim statement boundaries found by the real lexers.
std::size_t skip_space_and_comments(std::string_view text, std::size_t from) noexcept;

}  // namespace strata::db
