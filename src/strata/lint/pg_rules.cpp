// The PostgreSQL rules. Each rule reads one statement's parse tree and the section's state (transaction, timeouts
// set so far, which tables are new) and reports where it points, what the statement locks or breaks, and the safe
// pattern. The rule meanings follow squawk's documentation; where strata knows more (the transaction mode from the
// header, tables created by ancestor revisions), the rule uses it.
// This file holds the registry of rule ids, the section state the rules share (Checker), the statement replay into
// the static catalog, and the helpers the rule files (pg_rules_<group>.cpp) use.
#include "strata/lint/pg_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "strata/lint/pg_checker.hpp"

namespace strata::lint::pg {

Msg alter_table(Msg body, std::string_view kind) {
  if (kind != "AlterTableStmt") return {};
  if (text(body, "objtype") != "OBJECT_TABLE" && !text(body, "objtype").empty()) return {};
  return get(body, "relation");
}

std::string in_quotes(std::string_view name) { return fmt::format("\"{}\"", name); }

std::string table_name(Msg range_var) {
  std::string name(text(range_var, "schemaname"));
  if (!name.empty()) name += '.';
  name += text(range_var, "relname");
  return name;
}

Msg type_of(Msg column_def) { return get(column_def, "type_name"); }

std::string_view type_name(Msg column_def) {
  const auto type = type_of(column_def);
  return type ? last_name(list(type, "names")) : std::string_view{};
}

std::size_t type_location(Msg column_def, std::size_t fallback) {
  const auto type = type_of(column_def);
  return type ? location(type, location(column_def, fallback)) : location(column_def, fallback);
}

std::string transaction_none_hint(const PgSection& section) {
  return fmt::format("add the header line `-- transaction: none` to {}{} so the engine runs it outside a transaction",
                     section.path,
                     section.header_line > 0 ? fmt::format(" (below line {})", section.header_line) : std::string{});
}

std::vector<std::vector<std::string>> dropped_names(Msg body) {
  std::vector<std::vector<std::string>> names;
  for (const auto object : list(body, "objects")) {
    std::vector<std::string> parts;
    if (const auto l = as(object, "List"))
      for (const auto item : list(l, "items"))
        if (const auto string = as(item, "String")) parts.emplace_back(text(string, "sval"));
    names.push_back(std::move(parts));
  }
  return names;
}

std::string key_of_parts(const std::vector<std::string>& parts) {
  if (parts.empty()) return {};
  if (parts.size() >= 2 && parts[parts.size() - 2] != "public") return parts[parts.size() - 2] + "." + parts.back();
  return parts.back();
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ".") + part;
  return out;
}

bool is_transaction(Msg body, std::string_view kind, std::initializer_list<std::string_view> kinds) {
  if (kind != "TransactionStmt") return false;
  const auto value = text(body, "kind");
  return std::find(kinds.begin(), kinds.end(), value) != kinds.end();
}

void syntax_error(Msg, std::string_view, Checker&) {}

const std::vector<PgRule>& pg_rules() {
  static const std::vector<PgRule> rules{
      {"adding-field-with-default", adding_field_with_default},
      {"adding-foreign-key-constraint", adding_foreign_key_constraint},
      {"adding-not-nullable-field", adding_not_nullable_field},
      {"adding-required-field", adding_required_field},
      {"adding-serial-primary-key-field", adding_serial_primary_key_field},
      {"ban-alter-domain-with-add-constraint", ban_alter_domain_with_add_constraint},
      {"ban-char-field", ban_char_field},
      {"ban-concurrent-index-creation-in-transaction", ban_concurrent_index_creation_in_transaction},
      {"ban-create-domain-with-constraint", ban_create_domain_with_constraint},
      {"ban-drop-column", ban_drop_column},
      {"ban-drop-database", ban_drop_database},
      {"ban-drop-not-null", ban_drop_not_null},
      {"ban-drop-table", ban_drop_table},
      {"ban-duplicate-column-assignments", ban_duplicate_column_assignments},
      {"ban-truncate-cascade", ban_truncate_cascade},
      {"ban-uncommitted-transaction", ban_uncommitted_transaction},
      {"changing-column-type", changing_column_type},
      {"constraint-missing-not-valid", constraint_missing_not_valid},
      {"disallowed-unique-constraint", disallowed_unique_constraint},
      {"identifier-too-long", identifier_too_long},
      {"prefer-bigint-over-int", prefer_bigint_over_int},
      {"prefer-bigint-over-smallint", prefer_bigint_over_smallint},
      {"prefer-identity", prefer_identity},
      {"prefer-robust-stmts", prefer_robust_stmts},
      {"prefer-text-field", prefer_text_field},
      {"prefer-timestamptz", prefer_timestamptz},
      {"renaming-column", renaming_column},
      {"renaming-table", renaming_table},
      {"require-concurrent-index-creation", require_concurrent_index_creation},
      {"require-concurrent-index-deletion", require_concurrent_index_deletion},
      {"require-concurrent-partition-detach", require_concurrent_partition_detach},
      {"require-concurrent-reindex", require_concurrent_reindex},
      {"require-enum-value-ordering", require_enum_value_ordering},
      {"require-lock-timeout", require_lock_timeout},
      {"require-statement-timeout", require_statement_timeout},
      {"require-table-schema", require_table_schema},
      {"transaction-nesting", transaction_nesting},
      {"syntax-error", syntax_error},
      {"non-idempotent", non_idempotent},
  };
  return rules;
}

namespace {

std::string_view kind_of(Msg node) { return tree::kind(node); }

// The column of `CHECK (column IS NOT NULL)`, or empty.
std::string not_null_check_column(Msg constraint) {
  if (text(constraint, "contype") != "CONSTR_CHECK") return {};
  const auto expression = get(constraint, "raw_expr");
  const auto test = as(expression, "NullTest");
  if (!test || text(test, "nulltesttype") != "IS_NOT_NULL") return {};
  const auto arg = get(test, "arg");
  const auto ref = as(arg, "ColumnRef");
  return ref ? std::string(last_name(list(ref, "fields"))) : std::string{};
}

}  // namespace

void Checker::update_state(Msg body, std::string_view kind) {
  if (kind == "TransactionStmt") {
    const auto value = text(body, "kind");
    if (value == "TRANS_STMT_BEGIN" || value == "TRANS_STMT_START") m_explicit_transaction = true;
    if (value == "TRANS_STMT_COMMIT" || value == "TRANS_STMT_ROLLBACK") {
      m_explicit_transaction = false;
      if (!m_section.per_migration) m_not_valid_in_transaction.clear();
    }
  } else if (kind == "VariableSetStmt") {
    const auto name = text(body, "name");
    if (name == "lock_timeout") m_lock_timeout = true;
    if (name == "statement_timeout") m_statement_timeout = true;
  } else if (const auto relation = alter_table(body, kind)) {
    const auto key = table_key(relation);
    for_each_command(body, [&](Msg command) {
      const auto subtype = text(command, "subtype");
      if (subtype == "AT_AddConstraint") {
        const auto def = get(command, "def");
        const auto constraint = as(def, "Constraint");
        if (!constraint) return;
        const std::string name(text(constraint, "conname"));
        const auto column = not_null_check_column(constraint);
        if (flag(constraint, "skip_validation")) {
          if (in_transaction() && !name.empty()) m_not_valid_in_transaction.insert(key + "." + name);
          if (!column.empty() && !name.empty()) m_not_null_checks[key + "." + name] = column;
        } else if (!column.empty()) {
          m_proven_here.insert(key + "." + column);
        }
      } else if (subtype == "AT_ValidateConstraint") {
        const auto found = m_not_null_checks.find(key + "." + std::string(text(command, "name")));
        if (found != m_not_null_checks.end()) m_proven_here.insert(key + "." + found->second);
      }
    });
  }
}

void Checker::run(const std::vector<PgRule>& rules) {
  const auto& statements = m_section.parsed->statements;
  for (m_index = 0; m_index < statements.size(); ++m_index) {
    const auto& statement = statements[m_index];
    const auto kind = kind_of(statement.node);
    if (kind.empty()) continue;
    const auto body = tree::body(statement.node);
    m_begin = statement.begin;
    for (const auto& rule : rules) {
      m_rule = rule.id;
      rule.check(body, kind, *this);
    }
    update_state(body, kind);
  }
}

}  // namespace strata::lint::pg

namespace strata::lint {

using namespace pg;

std::string table_key(Msg range_var) {
  const auto schema = text(range_var, "schemaname");
  std::string name(text(range_var, "relname"));
  if (schema.empty() || schema == "public") return name;
  return std::string(schema) + "." + name;
}

std::vector<Violation> check_postgres(const PgSection& section, const Options& options) {
  // Rules that are off under this configuration are not run at all.
  std::vector<PgRule> active;
  for (const auto& rule : pg_rules())
    if (options.level_of(rule.id) != Level::off) active.push_back(rule);
  // In a down section, dropping what the up section created is the point: the rules that ban destruction stay quiet
  // there (inside their checks), the lock rules still apply.
  Checker checker(section, options);
  checker.run(active);
  auto violations = checker.take();
  // non-idempotent repeats prefer-robust-stmts' guards for `transaction: none` revisions; one finding per statement
  // and guard is enough, so the squawk rule wins when both are on.
  std::set<std::size_t> robust;
  for (const auto& violation : violations)
    if (violation.rule == "prefer-robust-stmts") robust.insert(violation.statement);
  std::erase_if(violations, [&](const Violation& violation) {
    return violation.rule == "non-idempotent" && robust.contains(violation.statement);
  });
  return violations;
}

void record_postgres(Msg statement, Catalog& catalog, Place place) {
  const auto kind = kind_of(statement);
  if (kind.empty()) return;
  const auto body = tree::body(statement);
  if (kind == "CreateStmt") {
    if (const auto relation = get(body, "relation")) catalog.create_table(table_key(relation), place);
  } else if (kind == "CreateTableAsStmt") {
    if (const auto into = get(body, "into"))
      if (const auto relation = get(into, "rel")) catalog.create_table(table_key(relation), place);
  } else if (kind == "DropStmt") {
    const auto type = text(body, "remove_type");
    for (const auto& parts : dropped_names(body)) {
      if (type == "OBJECT_TABLE") catalog.drop_table(key_of_parts(parts), place);
      else if (type == "OBJECT_INDEX") catalog.drop_index(key_of_parts(parts), place);
    }
  } else if (kind == "RenameStmt") {
    const auto relation = get(body, "relation");
    if (relation && text(body, "rename_type") == "OBJECT_TABLE") {
      std::string to(text(body, "newname"));
      const auto schema = text(relation, "schemaname");
      if (!schema.empty() && schema != "public") to = std::string(schema) + "." + to;
      catalog.rename_table(table_key(relation), to, place);
    }
  } else if (kind == "IndexStmt") {
    const auto relation = get(body, "relation");
    const auto name = text(body, "idxname");
    if (relation && !name.empty()) catalog.create_index(std::string(name), table_key(relation), place);
  } else if (const auto relation = alter_table(body, kind)) {
    const auto key = table_key(relation);
    for_each_command(body, [&](Msg command) {
      const auto subtype = text(command, "subtype");
      if (subtype == "AT_ValidateConstraint") {
        if (const auto column = catalog.not_null_check(key, text(command, "name")))
          catalog.prove_not_null(key, *column, place);
        return;
      }
      if (subtype != "AT_AddConstraint") return;
      const auto def = get(command, "def");
      const auto constraint = as(def, "Constraint");
      if (!constraint) return;
      const auto column = not_null_check_column(constraint);
      if (column.empty()) return;
      if (flag(constraint, "skip_validation"))
        catalog.note_not_null_check(key, std::string(text(constraint, "conname")), column);
      else catalog.prove_not_null(key, column, place);
    });
  }
}

}  // namespace strata::lint
