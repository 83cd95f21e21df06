#include "strata/db/sqlite/split.hpp"

#include <string>

#include <fmt/format.h>

#include "strata/db/split_builder.hpp"
#include "strata/db/sqlite/handles.hpp"

namespace strata::db::sqlite {

namespace {

// A private in-memory database: sqlite3_prepare_v2 needs a connection, and preparing never executes anything.
DatabaseHandle scratch_connection() {
  sqlite3* raw = nullptr;
  sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr);
  return DatabaseHandle(raw);
}

bool complete(std::string_view sql, std::size_t begin, std::size_t end, std::string& buffer) {
  buffer.assign(sql.substr(begin, end - begin));  // sqlite3_complete needs a NUL-terminated string
  return sqlite3_complete(buffer.c_str()) != 0;
}

// Where the statement starting at `start` ends (one past its ';'), or npos if it runs to the end of the text.
//
// First sqlite3_prepare_v2's tail: the parser stops exactly after the statement's ';' — but when the statement
// does not compile (a table created by an earlier statement of the script, a syntax error) it may stop sooner, at
// the failing token. It never stops later, so a tail right after a ';' where sqlite3_complete() agrees the text
// is complete is the statement's end. Otherwise (say, a CREATE TRIGGER on a table that does not exist yet) try
// each ';' from there on with sqlite3_complete(). The prepare step keeps splitting linear for long statements
// with many ';' inside strings; the scan alone would be quadratic there.
std::size_t statement_end(sqlite3* db, std::string_view sql, std::size_t start, std::string& buffer) {
  std::size_t from = start;
  if (db != nullptr) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    sqlite3_prepare_v2(db, sql.data() + start, static_cast<int>(sql.size() - start), &raw, &tail);
    const StatementHandle statement(raw);
    if (tail != nullptr) {
      const auto end = static_cast<std::size_t>(tail - sql.data());
      if (end > start && sql[end - 1] == ';' && complete(sql, start, end, buffer)) return end;
      if (end > start) from = end;
    }
  }
  for (std::size_t semicolon = sql.find(';', from); semicolon != std::string_view::npos;
       semicolon = sql.find(';', semicolon + 1))
    if (complete(sql, start, semicolon + 1, buffer)) return semicolon + 1;
  return std::string_view::npos;
}

}  // namespace

std::vector<Statement> split(std::string_view sql) {
  SplitBuilder builder(sql);
  const DatabaseHandle scratch = scratch_connection();
  std::string buffer;
  std::size_t start = 0;
  while (start < sql.size()) {
    const std::size_t end = statement_end(scratch.get(), sql, start, buffer);
    if (end == std::string_view::npos) break;
    builder.add(start, end);
    start = end;
  }
  builder.add(start, sql.size());
  return builder.take();
}

bool controls_transaction(std::string_view statement) {
  const DatabaseHandle scratch = scratch_connection();
  if (!scratch) return false;
  const std::string explain = fmt::format("EXPLAIN {}", statement);
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(scratch.get(), explain.c_str(), static_cast<int>(explain.size()), &raw, nullptr) != SQLITE_OK)
    return false;
  const StatementHandle program(raw);
  // EXPLAIN lists the compiled program, one instruction per row (column 1: the opcode); it runs nothing.
  while (sqlite3_step(program.get()) == SQLITE_ROW) {
    const auto* opcode = reinterpret_cast<const char*>(sqlite3_column_text(program.get(), 1));
    if (opcode != nullptr && std::string_view(opcode) == "AutoCommit") return true;
  }
  return false;
}

}  // namespace strata::db::sqlite
