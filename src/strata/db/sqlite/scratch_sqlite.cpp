#include "strata/db/scratch_sqlite.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "strata/db/sqlite/handles.hpp"

namespace strata::db {

struct ScratchSqlite::Impl {
  sqlite::DatabaseHandle db;
};

namespace {

using sqlite::DatabaseHandle;
using sqlite::StatementHandle;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Does `sql` mention `word` as a whole identifier (case-insensitive)? For view and trigger bodies, which SQLite
// does not break down per column.
bool mentions(std::string_view sql, std::string_view word) {
  const auto text = lower(sql);
  const auto needle = lower(word);
  auto is_ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    const bool before = pos == 0 || !is_ident(text[pos - 1]);
    const bool after = pos + needle.size() >= text.size() || !is_ident(text[pos + needle.size()]);
    if (before && after) return true;
  }
  return false;
}

}  // namespace

ScratchSqlite::ScratchSqlite() : m_impl(std::make_unique<Impl>()) {
  sqlite3* raw = nullptr;
  sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr);
  m_impl->db.reset(raw);
}

ScratchSqlite::~ScratchSqlite() = default;

std::optional<std::string> ScratchSqlite::run(std::string_view statement) {
  sqlite3* db = m_impl->db.get();
  if (!db) return "cannot open an in-memory SQLite database";
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, statement.data(), static_cast<int>(statement.size()), &raw, nullptr) != SQLITE_OK)
    return std::string(sqlite3_errmsg(db));
  const StatementHandle prepared(raw);
  if (!prepared) return std::nullopt;  // only comments
  int code = SQLITE_ROW;
  while ((code = sqlite3_step(prepared.get())) == SQLITE_ROW) {}
  if (code != SQLITE_DONE) return std::string(sqlite3_errmsg(db));
  return std::nullopt;
}

std::vector<std::string> ScratchSqlite::column_uses(std::string_view table, std::string_view column) {
  std::vector<std::string> uses;
  sqlite3* db = m_impl->db.get();
  if (!db) return uses;
  auto query = [&](const std::string& sql, const std::vector<std::string>& params, auto&& row) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) return;
    const StatementHandle statement(raw);
    for (std::size_t i = 0; i < params.size(); ++i)
      sqlite3_bind_text(statement.get(), static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(statement.get()) == SQLITE_ROW) row(statement.get());
  };
  auto text_at = [](sqlite3_stmt* statement, int index) {
    const auto* value = sqlite3_column_text(statement, index);
    return value ? std::string(reinterpret_cast<const char*>(value)) : std::string{};
  };
  const std::string name(table);
  const auto wanted = lower(column);
  // Indexes (explicit ones, and the automatic ones behind PRIMARY KEY and UNIQUE), with the columns they cover.
  query("SELECT il.name, il.origin, ii.name FROM pragma_index_list(?1) AS il, pragma_index_info(il.name) AS ii", {name},
        [&](sqlite3_stmt* row) {
          if (lower(text_at(row, 2)) != wanted) return;
          const auto origin = text_at(row, 1);
          if (origin == "pk") uses.emplace_back("the PRIMARY KEY");
          else if (origin == "u") uses.emplace_back("a UNIQUE constraint");
          else uses.push_back(fmt::format("index {}", text_at(row, 0)));
        });
  // Partial-index WHERE clauses and expression indexes do not show in index_info by name.
  query("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL", {name},
        [&](sqlite3_stmt* row) {
          const auto index = fmt::format("index {}", text_at(row, 0));
          if (std::find(uses.begin(), uses.end(), index) == uses.end() && mentions(text_at(row, 1), column))
            uses.push_back(index);
        });
  // A rowid-table INTEGER PRIMARY KEY has no index.
  query("SELECT pk FROM pragma_table_info(?1) WHERE lower(name) = lower(?2)", {name, std::string(column)},
        [&](sqlite3_stmt* row) {
          if (sqlite3_column_int(row, 0) > 0 && std::find(uses.begin(), uses.end(), "the PRIMARY KEY") == uses.end())
            uses.emplace_back("the PRIMARY KEY");
        });
  query("SELECT 1 FROM pragma_foreign_key_list(?1) WHERE lower(\"from\") = lower(?2) LIMIT 1",
        {name, std::string(column)}, [&](sqlite3_stmt*) { uses.emplace_back("a foreign key"); });
  query("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('view', 'trigger') AND sql IS NOT NULL", {},
        [&](sqlite3_stmt* row) {
          const auto sql = text_at(row, 2);
          if (mentions(sql, table) && mentions(sql, column))
            uses.push_back(fmt::format("{} {}", text_at(row, 0), text_at(row, 1)));
        });
  return uses;
}

std::string ScratchSqlite::library_version() { return sqlite3_libversion(); }

}  // namespace strata::db
