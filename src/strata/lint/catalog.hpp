#pragma once
// A static catalog: which tables and indexes the migrations create, drop and rename, and in which revision and
// statement. Built by replaying every revision's up section (no database); queried with a scope, so a revision
// sees only what its ancestors and its own earlier statements did.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace strata::lint {

// Where an event happened: a unit (a revision's index, or a standalone file's) and a statement within its up section.
struct Place {
  std::uint32_t unit = 0;
  std::uint32_t statement = 0;
};

// What is visible from a statement: everything its ancestors did, and what its own unit did before it.
struct Scope {
  const std::vector<char>* ancestors = nullptr;  // ancestors[unit] != 0: that unit is a strict ancestor
  std::uint32_t unit = 0;
  std::uint32_t statement = 0;
  bool sees(const Place& place) const noexcept {
    if (place.unit == unit) return place.statement < statement;
    return ancestors && place.unit < ancestors->size() && (*ancestors)[place.unit] != 0;
  }
};

class Catalog {
public:
  // Table keys are `relname`, or `schema.relname` for a schema other than public.
  void create_table(const std::string& key, Place place);
  void drop_table(const std::string& key, Place place);
  void rename_table(const std::string& from, const std::string& to, Place place);
  void create_index(const std::string& name, const std::string& table, Place place);
  void drop_index(const std::string& name, Place place);
  // A validated CHECK (column IS NOT NULL) on `table`: from PostgreSQL 12 SET NOT NULL uses it and skips the scan.
  void prove_not_null(const std::string& table, const std::string& column, Place place);
  // A CHECK (column IS NOT NULL) NOT VALID named `name`: its later VALIDATE proves the column (any revision).
  void note_not_null_check(const std::string& table, const std::string& name, const std::string& column);
  std::optional<std::string> not_null_check(const std::string& table, std::string_view name) const;

  // The unit that created `key` as seen from `scope` (following renames); nullopt when the migrations never created
  // it (it predates them: an existing table) or it was dropped.
  std::optional<std::uint32_t> table_creator(const std::string& key, const Scope& scope) const;
  // The table of index `name`, when the migrations created it.
  std::optional<std::string> index_table(const std::string& name, const Scope& scope) const;
  bool not_null_proven(const std::string& table, const std::string& column, const Scope& scope) const;

private:
  struct Event {
    Place place;
    bool exists = false;
    std::uint32_t creator = 0;  // tables: the unit whose CREATE made the object (kept through renames)
    std::string detail;         // indexes: their table
  };
  const Event* latest(const std::unordered_map<std::string, std::vector<Event>>& map, const std::string& key,
                      const Scope& scope) const;
  std::unordered_map<std::string, std::vector<Event>> m_tables;
  std::unordered_map<std::string, std::vector<Event>> m_indexes;
  std::unordered_map<std::string, std::vector<Event>> m_not_null;
  std::unordered_map<std::string, std::string> m_not_null_checks;  // table.constraint -> column
};

}  // namespace strata::lint
