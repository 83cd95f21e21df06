#pragma once
// Internal to the PostgreSQL rules (pg_rules*.cpp): the checker that walks a section's statements and holds what
// the rules need to know about it, the helpers the rules share, and every rule's check function. The registry of
// rule ids is in pg_rules.cpp; the rules themselves are grouped by what they guard in pg_rules_<group>.cpp.
#include <cstddef>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "strata/lint/pg_rules.hpp"
#include "strata/lint/pg_tree.hpp"

namespace strata::lint::pg {

using namespace tree;

class Checker;
using CheckFn = void (*)(Msg body, std::string_view kind, Checker& checker);

struct PgRule {
  std::string_view id;
  CheckFn check;
};

// What the rules know about the section while walking it, and where their reports go.
class Checker {
public:
  Checker(const PgSection& section, const Options& options) : m_section(section), m_options(options) {}

  const PgSection& section() const noexcept { return m_section; }
  const Options& options() const noexcept { return m_options; }
  std::size_t index() const noexcept { return m_index; }
  std::size_t statement_begin() const noexcept { return m_begin; }
  bool in_transaction() const noexcept { return m_section.per_migration || m_explicit_transaction; }
  bool explicit_transaction() const noexcept { return m_explicit_transaction; }
  bool lock_timeout_set() const noexcept { return m_lock_timeout; }
  bool statement_timeout_set() const noexcept { return m_statement_timeout; }
  bool lock_timeout_reported() const noexcept { return m_lock_timeout_reported; }
  bool statement_timeout_reported() const noexcept { return m_statement_timeout_reported; }
  void mark_lock_timeout_reported() noexcept { m_lock_timeout_reported = true; }
  void mark_statement_timeout_reported() noexcept { m_statement_timeout_reported = true; }
  bool pg_at_least(int major) const noexcept { return m_options.pg_version.major >= major; }
  // A table that existed before this revision (or the pending run) started: the rules about locks apply to it.
  bool existing(Msg range_var) const {
    return !m_section.is_new_table || !m_section.is_new_table(table_key(range_var), m_index);
  }
  bool existing_key(const std::string& key) const {
    return !m_section.is_new_table || !m_section.is_new_table(key, m_index);
  }
  // An index whose table is new (the migrations' own index on a table of this revision or run).
  bool index_on_new_table(const std::string& name) const {
    if (!m_section.index_table) return false;
    const auto table = m_section.index_table(name, m_index);
    return !table.empty() && !existing_key(table);
  }
  bool not_null_proven(const std::string& table, const std::string& column) const {
    if (m_proven_here.contains(table + "." + column)) return true;
    return m_section.not_null_proven && m_section.not_null_proven(table, column, m_index);
  }
  bool added_not_valid_in_transaction(const std::string& table, std::string_view name) const {
    return m_not_valid_in_transaction.contains(table + "." + std::string(name));
  }
  // Statements that follow: for BEGIN without COMMIT.
  const std::vector<ParsedStatement>& statements() const { return m_section.parsed->statements; }

  void report(std::size_t offset, std::string message, std::string help) {
    m_violations.push_back({m_rule, offset, m_index, std::move(message), std::move(help)});
  }

  void run(const std::vector<PgRule>& rules);
  std::vector<Violation> take() { return std::move(m_violations); }

private:
  void update_state(Msg body, std::string_view kind);

  const PgSection& m_section;
  const Options& m_options;
  std::vector<Violation> m_violations;
  std::string_view m_rule;
  std::size_t m_index = 0;
  std::size_t m_begin = 0;
  bool m_explicit_transaction = false;
  bool m_lock_timeout = false;
  bool m_statement_timeout = false;
  bool m_lock_timeout_reported = false;
  bool m_statement_timeout_reported = false;
  std::set<std::string> m_not_valid_in_transaction;      // table.constraint added NOT VALID in the open transaction
  std::map<std::string, std::string> m_not_null_checks;  // table.constraint -> column of CHECK (col IS NOT NULL)
  std::set<std::string> m_proven_here;                   // table.column proven by a validated check in this section
};

// Helpers the rules share (defined in pg_rules.cpp).

template <typename Fn>
void for_each_command(Msg body, Fn&& fn) {
  for (const auto node : list(body, "cmds"))
    if (const auto command = as(node, "AlterTableCmd")) fn(command);
}

// Column definitions a statement declares: CREATE TABLE columns, ADD COLUMN, ALTER COLUMN TYPE.
template <typename Fn>
void for_each_column_def(Msg body, std::string_view kind, Fn&& fn) {
  if (kind == "CreateStmt") {
    for (const auto element : list(body, "table_elts"))
      if (const auto column = as(element, "ColumnDef")) fn(column);
  } else if (kind == "AlterTableStmt") {
    for_each_command(body, [&](Msg command) {
      const auto subtype = text(command, "subtype");
      if (subtype != "AT_AddColumn" && subtype != "AT_AlterColumnType") return;
      if (const auto def = get(command, "def"))
        if (const auto column = as(def, "ColumnDef")) fn(column);
    });
  }
}

template <typename Fn>
void for_each_constraint(Msg column_def, Fn&& fn) {
  for (const auto node : list(column_def, "constraints"))
    if (const auto constraint = as(node, "Constraint")) fn(constraint);
}

Msg alter_table(Msg body, std::string_view kind);
std::string in_quotes(std::string_view name);
std::string table_name(Msg range_var);
Msg type_of(Msg column_def);
std::string_view type_name(Msg column_def);
std::size_t type_location(Msg column_def, std::size_t fallback);
std::string transaction_none_hint(const PgSection& section);
std::vector<std::vector<std::string>> dropped_names(Msg body);
std::string key_of_parts(const std::vector<std::string>& parts);
std::string joined(const std::vector<std::string>& parts);
bool is_transaction(Msg body, std::string_view kind, std::initializer_list<std::string_view> kinds);

// The rules in pg_rules_locks.cpp.

void adding_field_with_default(Msg body, std::string_view kind, Checker& c);
void adding_foreign_key_constraint(Msg body, std::string_view kind, Checker& c);
void adding_not_nullable_field(Msg body, std::string_view kind, Checker& c);
void adding_serial_primary_key_field(Msg body, std::string_view kind, Checker& c);
void ban_alter_domain_with_add_constraint(Msg body, std::string_view kind, Checker& c);
void ban_create_domain_with_constraint(Msg body, std::string_view kind, Checker& c);
void changing_column_type(Msg body, std::string_view kind, Checker& c);
void constraint_missing_not_valid(Msg body, std::string_view kind, Checker& c);
void disallowed_unique_constraint(Msg body, std::string_view kind, Checker& c);
void require_concurrent_index_creation(Msg body, std::string_view kind, Checker& c);
void require_concurrent_index_deletion(Msg body, std::string_view kind, Checker& c);
void require_concurrent_partition_detach(Msg body, std::string_view kind, Checker& c);
void require_concurrent_reindex(Msg body, std::string_view kind, Checker& c);
void require_lock_timeout(Msg body, std::string_view kind, Checker& c);
void require_statement_timeout(Msg body, std::string_view kind, Checker& c);

// The rules in pg_rules_types.cpp.

void ban_char_field(Msg body, std::string_view kind, Checker& c);
void identifier_too_long(Msg, std::string_view, Checker& c);
void prefer_bigint_over_int(Msg body, std::string_view kind, Checker& c);
void prefer_bigint_over_smallint(Msg body, std::string_view kind, Checker& c);
void prefer_identity(Msg body, std::string_view kind, Checker& c);
void prefer_text_field(Msg body, std::string_view kind, Checker& c);
void prefer_timestamptz(Msg body, std::string_view kind, Checker& c);
void require_enum_value_ordering(Msg body, std::string_view kind, Checker& c);
void require_table_schema(Msg body, std::string_view kind, Checker& c);

// The rules in pg_rules_robust.cpp.

void adding_required_field(Msg body, std::string_view kind, Checker& c);
void ban_drop_column(Msg body, std::string_view kind, Checker& c);
void ban_drop_database(Msg, std::string_view kind, Checker& c);
void ban_drop_not_null(Msg body, std::string_view kind, Checker& c);
void ban_drop_table(Msg body, std::string_view kind, Checker& c);
void ban_duplicate_column_assignments(Msg body, std::string_view kind, Checker& c);
void ban_truncate_cascade(Msg body, std::string_view kind, Checker& c);
void renaming_column(Msg body, std::string_view kind, Checker& c);
void renaming_table(Msg body, std::string_view kind, Checker& c);
void prefer_robust_stmts(Msg body, std::string_view kind, Checker& c);
void non_idempotent(Msg body, std::string_view kind, Checker& c);

// The rules in pg_rules_transactions.cpp.

void ban_concurrent_index_creation_in_transaction(Msg body, std::string_view kind, Checker& c);
void ban_uncommitted_transaction(Msg body, std::string_view kind, Checker& c);
void transaction_nesting(Msg body, std::string_view kind, Checker& c);

void syntax_error(Msg, std::string_view, Checker&);  // reported by the linter from the parse result

}  // namespace strata::lint::pg
