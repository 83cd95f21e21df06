#pragma once
// A private in-memory SQLite database for static checks: the linter replays migrations into it and asks SQLite
// itself whether a statement would run, and what a column is used by. Nothing here touches a user's database.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::db {

class ScratchSqlite {
public:
  ScratchSqlite();
  ~ScratchSqlite();
  ScratchSqlite(const ScratchSqlite&) = delete;
  ScratchSqlite& operator=(const ScratchSqlite&) = delete;

  // Runs one statement (all of its rows); SQLite's own error message when it fails.
  std::optional<std::string> run(std::string_view statement);

  // What stops `column` of `table` from being dropped: "index ix_name", "the PRIMARY KEY", "a UNIQUE constraint",
  // "view v", "trigger t", "a foreign key", "a CHECK constraint". Empty when nothing does (or the table is unknown).
  std::vector<std::string> column_uses(std::string_view table, std::string_view column);

  // The linked SQLite's version, as "3.40.1".
  static std::string library_version();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace strata::db
