// The PostgreSQL rules. Each rule reads one statement's parse tree and the section's state (transaction, timeouts
// set so far, which tables are new) and reports where it points, what the statement locks or breaks, and the safe
// pattern. The rule meanings follow squawk's documentation; where strata knows more (the transaction mode from the
// header, tables created by ancestor revisions), the rule uses it.
#include "strata/lint/pg_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "strata/lint/pg_tree.hpp"

namespace strata::lint {

namespace {

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
  std::set<std::string> m_not_valid_in_transaction;  // table.constraint added NOT VALID in the open transaction
  std::map<std::string, std::string> m_not_null_checks;  // table.constraint -> column of CHECK (col IS NOT NULL)
  std::set<std::string> m_proven_here;                   // table.column proven by a validated check in this section
};

// ---- helpers over statements ---------------------------------------------------------------------------------

Msg alter_table(Msg body, std::string_view kind) {
  if (kind != "AlterTableStmt") return {};
  if (text(body, "objtype") != "OBJECT_TABLE" && text(body, "objtype") != "") return {};
  return get(body, "relation");
}

template <typename Fn>
void for_each_command(Msg body, Fn&& fn) {
  for (const auto node : list(body, "cmds"))
    if (const auto command = as(node, "AlterTableCmd")) fn(command);
}

std::string in_quotes(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string table_name(Msg range_var) {
  std::string name(text(range_var, "schemaname"));
  if (!name.empty()) name += '.';
  name += text(range_var, "relname");
  return name;
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

Msg type_of(Msg column_def) { return get(column_def, "type_name"); }

std::string_view type_name(Msg column_def) {
  const auto type = type_of(column_def);
  return type ? last_name(list(type, "names")) : std::string_view{};
}

std::size_t type_location(Msg column_def, std::size_t fallback) {
  const auto type = type_of(column_def);
  return type ? location(type, location(column_def, fallback)) : location(column_def, fallback);
}

// Functions whose value does not change per row: a default using only them is stored once (PostgreSQL 11+) instead
// of rewriting the table.
bool non_volatile_function(std::string_view name) {
  static const std::set<std::string_view> names{
      "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "statement_timestamp",
      "transaction_timestamp", "current_user", "session_user", "current_schema", "current_database", "version",
      "lower", "upper", "length", "abs", "coalesce", "concat", "jsonb_build_object", "json_build_object",
      "jsonb_build_array", "json_build_array", "array_length", "to_jsonb", "to_json", "make_interval",
      "make_date", "make_timestamp", "make_timestamptz", "date_trunc", "pg_catalog"};
  return names.contains(name);
}

bool is_volatile(Msg expression) {
  if (as(expression, "A_Const") || as(expression, "SQLValueFunction")) return false;
  if (const auto cast = as(expression, "TypeCast")) {
    const auto arg = get(cast, "arg");
    return arg && is_volatile(arg);
  }
  if (const auto collate = as(expression, "CollateClause")) {
    const auto arg = get(collate, "arg");
    return arg && is_volatile(arg);
  }
  if (const auto array = as(expression, "A_ArrayExpr")) {
    for (const auto element : list(array, "elements"))
      if (is_volatile(element)) return true;
    return false;
  }
  if (const auto op = as(expression, "A_Expr")) {
    for (const char* side : {"lexpr", "rexpr"})
      if (const auto operand = get(op, side); operand && is_volatile(operand)) return true;
    return false;
  }
  if (const auto call = as(expression, "FuncCall")) {
    if (!non_volatile_function(last_name(list(call, "funcname")))) return true;
    for (const auto arg : list(call, "args"))
      if (is_volatile(arg)) return true;
    return false;
  }
  return true;  // anything else (sub-selects, column references, unknown nodes): assume a rewrite
}

std::string transaction_none_hint(const PgSection& section) {
  return "add the header line `-- transaction: none` to " + section.path +
         (section.header_line > 0 ? " (below line " + std::to_string(section.header_line) + ")" : std::string{}) +
         " so the engine runs it outside a transaction";
}

// ---- the rules --------------------------------------------------------------------------------------------------

void adding_field_with_default(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_AddColumn") return;
    const auto def = get(command, "def");
    const auto column = as(def, "ColumnDef");
    if (!column) return;
    for_each_constraint(column, [&](Msg constraint) {
      const auto type = text(constraint, "contype");
      const auto at = location(constraint, c.statement_begin());
      if (type == "CONSTR_GENERATED") {
        c.report(at,
                 "adding the stored generated column " + in_quotes(text(column, "colname")) + " rewrites table " +
                     in_quotes(table_name(relation)) + " under an ACCESS EXCLUSIVE lock, blocking reads and writes",
                 "add a plain nullable column and fill it with a trigger and batched updates instead");
      } else if (type == "CONSTR_DEFAULT") {
        const auto expression = get(constraint, "raw_expr");
        const bool rewrite = !c.pg_at_least(11) || (expression && is_volatile(expression));
        if (!rewrite) return;
        c.report(at,
                 "adding column " + in_quotes(text(column, "colname")) +
                     (c.pg_at_least(11) ? " with a volatile default" : " with a default (before PostgreSQL 11)") +
                     " rewrites table " + in_quotes(table_name(relation)) +
                     " under an ACCESS EXCLUSIVE lock, blocking reads and writes",
                 "add the column without a default, then SET DEFAULT, then backfill existing rows in batches");
      }
    });
  });
}

bool has_foreign_key(Msg column_def) {
  bool found = false;
  for_each_constraint(column_def, [&](Msg constraint) { found |= text(constraint, "contype") == "CONSTR_FOREIGN"; });
  return found;
}

void adding_foreign_key_constraint(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  const auto message = "adding a validated foreign key takes a SHARE ROW EXCLUSIVE lock on " +
                       in_quotes(table_name(relation)) +
                       " and on the referenced table while every row is checked, blocking writes to both";
  const std::string help =
      "add it with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration";
  for_each_command(body, [&](Msg command) {
    const auto subtype = text(command, "subtype");
    const auto def = get(command, "def");
    if (!def) return;
    if (subtype == "AT_AddConstraint") {
      const auto constraint = as(def, "Constraint");
      if (constraint && text(constraint, "contype") == "CONSTR_FOREIGN" && !flag(constraint, "skip_validation"))
        c.report(location(constraint, c.statement_begin()), message, help);
    } else if (subtype == "AT_AddColumn") {
      const auto column = as(def, "ColumnDef");
      if (column && has_foreign_key(column)) c.report(location(column, c.statement_begin()), message, help);
    }
  });
}

void adding_not_nullable_field(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_SetNotNull") return;
    const std::string column(text(command, "name"));
    if (c.pg_at_least(12) && c.not_null_proven(table_key(relation), column)) return;
    c.report(c.statement_begin(),
             "SET NOT NULL on " + in_quotes(column) + " scans all of " + in_quotes(table_name(relation)) +
                 " under an ACCESS EXCLUSIVE lock, blocking reads and writes",
             c.pg_at_least(12)
                 ? "add CHECK (" + column + " IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT "
                                            "NULL (PostgreSQL 12+ skips the scan)"
                 : std::string("add CHECK (" + column + " IS NOT NULL) NOT VALID and VALIDATE it instead of SET NOT NULL"));
  });
}

void adding_required_field(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_AddColumn") return;
    const auto def = get(command, "def");
    const auto column = as(def, "ColumnDef");
    if (!column) return;
    bool not_null = false, has_default = false;
    for_each_constraint(column, [&](Msg constraint) {
      const auto type = text(constraint, "contype");
      not_null |= type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY";
      has_default |= type == "CONSTR_DEFAULT" || type == "CONSTR_GENERATED" || type == "CONSTR_IDENTITY";
    });
    const auto type = type_name(column);
    has_default |= type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial4" ||
                   type == "serial8" || type == "serial2";
    if (!not_null || has_default) return;
    c.report(location(column, c.statement_begin()),
             "adding the NOT NULL column " + in_quotes(text(column, "colname")) + " without a default fails when " +
                 in_quotes(table_name(relation)) + " has rows, and breaks inserts from clients that do not set it",
             "add the column as nullable, or with a non-volatile DEFAULT");
  });
}

// Index-backed constraints (PRIMARY KEY, UNIQUE) added to an existing table, as ADD CONSTRAINT (not USING INDEX) or
// inline in ADD COLUMN: the index is built under ACCESS EXCLUSIVE.
void index_backed_constraint(Msg body, std::string_view kind, Checker& c, std::string_view type,
                             std::string_view what, std::string_view form) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  const auto message = "adding " + std::string(what) + " builds its index on " + in_quotes(table_name(relation)) +
                       " under an ACCESS EXCLUSIVE lock, blocking reads and writes";
  const auto help = "CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE ... ADD CONSTRAINT ... " +
                    std::string(form) + " USING INDEX";
  for_each_command(body, [&](Msg command) {
    const auto subtype = text(command, "subtype");
    const auto def = get(command, "def");
    if (!def) return;
    if (subtype == "AT_AddConstraint") {
      const auto constraint = as(def, "Constraint");
      if (constraint && text(constraint, "contype") == type && text(constraint, "indexname").empty())
        c.report(location(constraint, c.statement_begin()), message, help);
    } else if (subtype == "AT_AddColumn") {
      const auto column = as(def, "ColumnDef");
      if (!column) return;
      for_each_constraint(column, [&](Msg constraint) {
        if (text(constraint, "contype") == type) c.report(location(constraint, c.statement_begin()), message, help);
      });
    }
  });
}

void adding_serial_primary_key_field(Msg body, std::string_view kind, Checker& c) {
  index_backed_constraint(body, kind, c, "CONSTR_PRIMARY", "a primary key", "PRIMARY KEY");
}

void ban_alter_domain_with_add_constraint(Msg body, std::string_view kind, Checker& c) {
  if (kind != "AlterDomainStmt" || text(body, "subtype") != "C") return;
  c.report(c.statement_begin(),
           "adding a constraint to domain " + in_quotes(dotted(list(body, "type_name"))) +
               " checks every column of that type in every table, under locks that block writes",
           "put the constraint on the columns (as NOT VALID, then VALIDATE) instead of on the domain");
}

void ban_char_field(Msg body, std::string_view kind, Checker& c) {
  for_each_column_def(body, kind, [&](Msg column) {
    const auto type = type_name(column);
    if (type != "bpchar" && type != "char" && type != "character") return;
    c.report(type_location(column, c.statement_begin()),
             "column " + in_quotes(text(column, "colname")) +
                 " uses char(n), which pads values with blanks and is no faster than text",
             "use text, or varchar");
  });
}

// CONCURRENTLY forms that PostgreSQL refuses inside a transaction block: squawk's rule covers CREATE INDEX; strata
// adds DROP INDEX, REINDEX and DETACH PARTITION, which fail the same way.
std::string concurrent_statement(Msg body, std::string_view kind) {
  if (kind == "IndexStmt" && flag(body, "concurrent")) return "CREATE INDEX CONCURRENTLY";
  if (kind == "DropStmt" && text(body, "remove_type") == "OBJECT_INDEX" && flag(body, "concurrent"))
    return "DROP INDEX CONCURRENTLY";
  if (kind == "ReindexStmt")
    for (const auto param : list(body, "params"))
      if (const auto def = as(param, "DefElem"); def && text(def, "defname") == "concurrently")
        return "REINDEX CONCURRENTLY";
  if (kind == "AlterTableStmt") {
    std::string found;
    for_each_command(body, [&](Msg command) {
      if (text(command, "subtype") != "AT_DetachPartition") return;
      const auto def = get(command, "def");
      const auto partition = as(def, "PartitionCmd");
      if (partition && flag(partition, "concurrent")) found = "DETACH PARTITION CONCURRENTLY";
    });
    return found;
  }
  return {};
}

void ban_concurrent_index_creation_in_transaction(Msg body, std::string_view kind, Checker& c) {
  if (!c.in_transaction()) return;
  const auto statement = concurrent_statement(body, kind);
  if (statement.empty()) return;
  if (c.explicit_transaction() || !c.section().per_migration) {
    c.report(c.statement_begin(), statement + " cannot run inside the transaction opened by BEGIN",
             "move the statement after COMMIT");
    return;
  }
  c.report(c.statement_begin(),
           statement + " cannot run inside a transaction, and this migration runs in one (transaction: per-migration)",
           transaction_none_hint(c.section()));
}

void ban_create_domain_with_constraint(Msg body, std::string_view kind, Checker& c) {
  if (kind != "CreateDomainStmt") return;
  for (const auto node : list(body, "constraints"))
    if (const auto constraint = as(node, "Constraint"); constraint && text(constraint, "contype") == "CONSTR_CHECK") {
      c.report(location(constraint, c.statement_begin()),
               "domain " + in_quotes(dotted(list(body, "domainname"))) +
                   " has a CHECK constraint; changing it later checks every column of the type under blocking locks",
               "put CHECK constraints on the table columns instead");
      return;
    }
}

void ban_drop_column(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || c.section().down || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_DropColumn") return;
    c.report(c.statement_begin(),
             "dropping column " + in_quotes(text(command, "name")) + " of " + in_quotes(table_name(relation)) +
                 " breaks running clients that still read or write it",
             "deploy code that no longer uses the column first, then drop it in a later migration");
  });
}

void ban_drop_database(Msg, std::string_view kind, Checker& c) {
  if (kind != "DropdbStmt") return;
  c.report(c.statement_begin(), "DROP DATABASE in a migration destroys every table and row in that database",
           "drop databases by hand, outside the migrations");
}

void ban_drop_not_null(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || c.section().down || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_DropNotNull") return;
    c.report(c.statement_begin(),
             "dropping NOT NULL on " + in_quotes(text(command, "name")) + " of " + in_quotes(table_name(relation)) +
                 " lets NULLs in that running clients do not expect",
             "keep the constraint and store a marker value, or migrate clients to handle NULL first");
  });
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

void ban_drop_table(Msg body, std::string_view kind, Checker& c) {
  if (kind != "DropStmt" || text(body, "remove_type") != "OBJECT_TABLE" || c.section().down) return;
  for (const auto& parts : dropped_names(body)) {
    if (!c.existing_key(key_of_parts(parts))) continue;
    c.report(c.statement_begin(),
             "dropping table " + in_quotes(joined(parts)) + " deletes its rows and breaks clients that still use it",
             "deploy code that no longer uses the table first, then drop it in a later migration");
  }
}

void ban_duplicate_column_assignments(Msg body, std::string_view kind, Checker& c) {
  std::set<std::string> seen;
  auto check = [&](std::string_view name, std::size_t at, std::string_view what) {
    if (name.empty()) return;
    if (!seen.insert(std::string(name)).second)
      c.report(at, "column " + in_quotes(name) + " is " + std::string(what) + " twice in one statement",
               "remove the second one");
  };
  if (kind == "CreateStmt") {
    for (const auto element : list(body, "table_elts"))
      if (const auto column = as(element, "ColumnDef"))
        check(text(column, "colname"), location(column, c.statement_begin()), "declared");
  } else if (kind == "UpdateStmt") {
    for (const auto target : list(body, "target_list"))
      if (const auto res = as(target, "ResTarget")) check(text(res, "name"), location(res, c.statement_begin()), "assigned");
  } else if (kind == "InsertStmt") {
    for (const auto target : list(body, "cols"))
      if (const auto res = as(target, "ResTarget")) check(text(res, "name"), location(res, c.statement_begin()), "listed");
  } else if (kind == "AlterTableStmt") {
    for_each_command(body, [&](Msg command) {
      if (text(command, "subtype") != "AT_AddColumn") return;
      if (const auto def = get(command, "def"))
        if (const auto column = as(def, "ColumnDef"))
          check(text(column, "colname"), location(column, c.statement_begin()), "added");
    });
  }
}

void ban_truncate_cascade(Msg body, std::string_view kind, Checker& c) {
  if (kind != "TruncateStmt" || text(body, "behavior") != "DROP_CASCADE") return;
  c.report(c.statement_begin(),
           "TRUNCATE ... CASCADE also empties every table with a foreign key to these tables, and theirs in turn",
           "truncate the tables you mean by name, without CASCADE");
}

bool is_transaction(Msg body, std::string_view kind, std::initializer_list<std::string_view> kinds) {
  if (kind != "TransactionStmt") return false;
  const auto value = text(body, "kind");
  return std::find(kinds.begin(), kinds.end(), value) != kinds.end();
}

void ban_uncommitted_transaction(Msg body, std::string_view kind, Checker& c) {
  if (!is_transaction(body, kind, {"TRANS_STMT_BEGIN", "TRANS_STMT_START"})) return;
  const auto& statements = c.statements();
  for (std::size_t i = c.index() + 1; i < statements.size(); ++i) {
    const auto& node = statements[i].node;
    const auto next = as(node, "TransactionStmt");
    if (next && (text(next, "kind") == "TRANS_STMT_COMMIT" || text(next, "kind") == "TRANS_STMT_ROLLBACK"))
      return;
  }
  c.report(c.statement_begin(), "this BEGIN is never committed or rolled back in the section",
           "end the transaction with COMMIT");
}

void changing_column_type(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_AlterColumnType") return;
    c.report(c.statement_begin(),
             "changing the type of " + in_quotes(text(command, "name")) + " may rewrite " +
                 in_quotes(table_name(relation)) +
                 " and its indexes under an ACCESS EXCLUSIVE lock, and breaks clients that read the old type",
             "add a column of the new type, write to both, backfill, then switch reads and drop the old column");
  });
}

void constraint_missing_not_valid(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation) return;
  const auto key = table_key(relation);
  for_each_command(body, [&](Msg command) {
    const auto subtype = text(command, "subtype");
    if (subtype == "AT_ValidateConstraint") {
      if (c.in_transaction() && c.added_not_valid_in_transaction(key, text(command, "name")))
        c.report(c.statement_begin(),
                 "VALIDATE CONSTRAINT " + in_quotes(text(command, "name")) +
                     " in the transaction that added it NOT VALID keeps that ADD's ACCESS EXCLUSIVE lock while "
                     "every row is checked, blocking reads and writes",
                 "validate the constraint in a later migration");
      return;
    }
    if (subtype != "AT_AddConstraint" || !c.existing(relation)) return;
    const auto def = get(command, "def");
    const auto constraint = as(def, "Constraint");
    if (!constraint) return;
    const auto type = text(constraint, "contype");
    if ((type != "CONSTR_CHECK" && type != "CONSTR_FOREIGN") || flag(constraint, "skip_validation")) return;
    c.report(location(constraint, c.statement_begin()),
             "adding a constraint without NOT VALID checks every row of " + in_quotes(table_name(relation)) +
                 " while holding a lock that blocks writes",
             "add it with NOT VALID, then VALIDATE CONSTRAINT in a later migration");
  });
}

void disallowed_unique_constraint(Msg body, std::string_view kind, Checker& c) {
  index_backed_constraint(body, kind, c, "CONSTR_UNIQUE", "a UNIQUE constraint", "UNIQUE");
}

// From the scanner's tokens: the parse tree holds names already truncated to 63 bytes.
void identifier_too_long(Msg, std::string_view, Checker& c) {
  const auto& statement = c.statements()[c.index()];
  for (const auto& ident : c.section().parsed->long_identifiers) {
    if (ident.begin < statement.begin || ident.begin >= statement.end) continue;
    const auto name = c.section().sql.substr(ident.begin, ident.end - ident.begin);
    c.report(ident.begin,
             "identifier " + std::string(name.substr(0, 24)) + "... is " + std::to_string(name.size()) +
                 " bytes; PostgreSQL silently truncates names to 63 bytes, so two long names can collide",
             "use a name of at most 63 bytes");
  }
}

void type_rule(Msg body, std::string_view kind, Checker& c, std::initializer_list<std::string_view> types,
               std::string_view what, std::string_view help) {
  for_each_column_def(body, kind, [&](Msg column) {
    const auto type = type_name(column);
    if (std::find(types.begin(), types.end(), type) == types.end()) return;
    static const std::map<std::string_view, std::string_view> shown{
        {"int4", "integer"}, {"int2", "smallint"}, {"int8", "bigint"}, {"int", "integer"}};
    const auto name = shown.contains(type) ? shown.at(type) : type;
    c.report(type_location(column, c.statement_begin()),
             "column " + in_quotes(text(column, "colname")) + " is " + std::string(name) + ": " + std::string(what),
             std::string(help));
  });
}

void prefer_bigint_over_int(Msg body, std::string_view kind, Checker& c) {
  type_rule(body, kind, c, {"int4", "int", "integer", "serial", "serial4"},
            "a 32-bit integer runs out at 2,147,483,647, and widening it later rewrites the table",
            "use bigint (or bigserial / bigint GENERATED ... AS IDENTITY)");
}

void prefer_bigint_over_smallint(Msg body, std::string_view kind, Checker& c) {
  type_rule(body, kind, c, {"int2", "smallint", "smallserial", "serial2"},
            "a 16-bit integer runs out at 32,767, and widening it later rewrites the table",
            "use bigint");
}

void prefer_identity(Msg body, std::string_view kind, Checker& c) {
  type_rule(body, kind, c, {"serial", "serial4", "serial2", "serial8", "smallserial", "bigserial"},
            "serial columns own a sequence with separate permissions and odd copy and dump behaviour",
            "use bigint GENERATED BY DEFAULT AS IDENTITY");
}

void prefer_text_field(Msg body, std::string_view kind, Checker& c) {
  for_each_column_def(body, kind, [&](Msg column) {
    const auto type = type_of(column);
    if (type_name(column) != "varchar" || !type || list(type, "typmods").empty()) return;
    c.report(type_location(column, c.statement_begin()),
             "column " + in_quotes(text(column, "colname")) +
                 " is varchar(n); raising the limit later can take an ACCESS EXCLUSIVE lock",
             "use text with a CHECK (char_length(" + std::string(text(column, "colname")) + ") <= n) constraint");
  });
}

void prefer_timestamptz(Msg body, std::string_view kind, Checker& c) {
  for_each_column_def(body, kind, [&](Msg column) {
    if (type_name(column) != "timestamp") return;
    c.report(type_location(column, c.statement_begin()),
             "column " + in_quotes(text(column, "colname")) +
                 " is timestamp without time zone, which stores wall-clock times that shift meaning with the "
                 "session's time zone",
             "use timestamptz");
  });
}

void renaming_column(Msg body, std::string_view kind, Checker& c) {
  if (kind != "RenameStmt" || text(body, "rename_type") != "OBJECT_COLUMN" || c.section().down) return;
  const auto relation = get(body, "relation");
  if (relation && !c.existing(relation)) return;
  c.report(c.statement_begin(),
           "renaming column " + in_quotes(text(body, "subname")) + " to " + in_quotes(text(body, "newname")) +
               " breaks running clients that use the old name",
           "add the new column, write to both, backfill, switch clients, then drop the old one");
}

void renaming_table(Msg body, std::string_view kind, Checker& c) {
  if (kind != "RenameStmt" || text(body, "rename_type") != "OBJECT_TABLE" || c.section().down) return;
  const auto relation = get(body, "relation");
  if (relation && !c.existing(relation)) return;
  c.report(c.statement_begin(),
           "renaming table " + in_quotes(relation ? table_name(relation) : std::string{}) + " to " +
               in_quotes(text(body, "newname")) + " breaks running clients that use the old name",
           "rename, then CREATE VIEW with the old name over the new table until clients move");
}

void require_concurrent_index_creation(Msg body, std::string_view kind, Checker& c) {
  if (kind != "IndexStmt" || flag(body, "concurrent")) return;
  const auto relation = get(body, "relation");
  if (!relation || !c.existing(relation)) return;
  c.report(c.statement_begin(),
           "CREATE INDEX without CONCURRENTLY blocks writes to " + in_quotes(table_name(relation)) +
               " (SHARE lock) until the index is built",
           "use CREATE INDEX CONCURRENTLY, in a migration with the header line `-- transaction: none`");
}

void require_concurrent_index_deletion(Msg body, std::string_view kind, Checker& c) {
  if (kind != "DropStmt" || text(body, "remove_type") != "OBJECT_INDEX" || flag(body, "concurrent")) return;
  for (const auto& parts : dropped_names(body)) {
    if (c.index_on_new_table(key_of_parts(parts))) continue;
    c.report(c.statement_begin(),
             "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table, blocking "
             "reads and writes while it waits and drops " + in_quotes(joined(parts)),
             "use DROP INDEX CONCURRENTLY, in a migration with the header line `-- transaction: none`");
  }
}

void require_concurrent_partition_detach(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_DetachPartition") return;
    const auto def = get(command, "def");
    const auto partition = as(def, "PartitionCmd");
    if (partition && flag(partition, "concurrent")) return;
    c.report(c.statement_begin(),
             "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on " +
                 in_quotes(table_name(relation)) + ", blocking reads and writes",
             "use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), in a `-- transaction: none` migration");
  });
}

void require_concurrent_reindex(Msg body, std::string_view kind, Checker& c) {
  if (kind != "ReindexStmt") return;
  for (const auto param : list(body, "params"))
    if (const auto def = as(param, "DefElem"); def && text(def, "defname") == "concurrently") return;
  c.report(c.statement_begin(), "REINDEX without CONCURRENTLY blocks writes to the table while the index is rebuilt",
           "use REINDEX ... CONCURRENTLY (PostgreSQL 12+), in a `-- transaction: none` migration");
}

void require_enum_value_ordering(Msg body, std::string_view kind, Checker& c) {
  if (kind != "AlterEnumStmt" || text(body, "new_val").empty() || !text(body, "old_val").empty()) return;
  if (!text(body, "new_val_neighbor").empty()) return;
  c.report(c.statement_begin(),
           "ADD VALUE " + in_quotes(text(body, "new_val")) + " without BEFORE or AFTER appends it, so its sort order "
                                                          "depends on when each database ran the migration",
           "say where it goes: ADD VALUE '...' BEFORE '...' or AFTER '...'");
}

// What a statement locks, for the timeout rules: empty when it takes no lock worth a timeout.
std::string lock_taken(Msg body, std::string_view kind, const Checker& c) {
  if (kind == "AlterTableStmt") {
    const auto relation = get(body, "relation");
    if (relation && !c.existing(relation)) return {};
    bool only_concurrent_detach = false;
    for_each_command(body, [&](Msg command) {
      if (text(command, "subtype") != "AT_DetachPartition") return;
      const auto def = get(command, "def");
      const auto partition = as(def, "PartitionCmd");
      only_concurrent_detach = partition && flag(partition, "concurrent");
    });
    return only_concurrent_detach ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE";
  }
  if (kind == "IndexStmt") {
    const auto relation = get(body, "relation");
    if (relation && !c.existing(relation)) return {};
    // CONCURRENTLY still waits for a SHARE UPDATE EXCLUSIVE lock, behind every open transaction on the table.
    return flag(body, "concurrent") ? "SHARE UPDATE EXCLUSIVE" : "SHARE";
  }
  if (kind == "DropStmt") {
    const auto type = text(body, "remove_type");
    if (type == "OBJECT_INDEX") {
      for (const auto& parts : dropped_names(body))
        if (!c.index_on_new_table(key_of_parts(parts)))
          return flag(body, "concurrent") ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE";
      return {};
    }
    if (type == "OBJECT_TABLE") {
      for (const auto& parts : dropped_names(body))
        if (c.existing_key(key_of_parts(parts))) return "ACCESS EXCLUSIVE";
      return {};
    }
    return {};
  }
  if (kind == "RenameStmt" || kind == "TruncateStmt" || kind == "ClusterStmt" || kind == "AlterDomainStmt")
    return "ACCESS EXCLUSIVE";
  // COMMENT ON waits for a SHARE UPDATE EXCLUSIVE lock on the object it describes.
  if (kind == "CommentStmt") return "SHARE UPDATE EXCLUSIVE";
  // ADD VALUE locks the enum type against concurrent changes and use in new table definitions.
  if (kind == "AlterEnumStmt") return "EXCLUSIVE";
  if (kind == "ReindexStmt") {
    for (const auto param : list(body, "params"))
      if (const auto def = as(param, "DefElem"); def && text(def, "defname") == "concurrently")
        return "SHARE UPDATE EXCLUSIVE";
    return "SHARE";
  }
  if (kind == "VacuumStmt") {
    for (const auto option : list(body, "options"))
      if (const auto def = as(option, "DefElem"); def && text(def, "defname") == "full") return "ACCESS EXCLUSIVE";
    return {};
  }
  return {};
}

std::string blocked_by(const std::string& lock) {
  if (lock == "ACCESS EXCLUSIVE") return "reads and writes";
  if (lock == "SHARE") return "writes";
  if (lock == "EXCLUSIVE") return "writes and schema changes";
  return "schema changes";
}

void require_lock_timeout(Msg body, std::string_view kind, Checker& c) {
  if (c.lock_timeout_set() || c.lock_timeout_reported()) return;
  const auto lock = lock_taken(body, kind, c);
  if (lock.empty()) return;
  c.mark_lock_timeout_reported();
  c.report(c.statement_begin(),
           "no lock_timeout is set before this statement takes a " + lock +
               " lock; while it waits behind a long query, it blocks " + blocked_by(lock) + " of everyone queued after it",
           "SET lock_timeout = '1s'; at the top of the section (and retry the migration when it times out)");
}

void require_statement_timeout(Msg body, std::string_view kind, Checker& c) {
  if (c.statement_timeout_set() || c.statement_timeout_reported()) return;
  const auto lock = lock_taken(body, kind, c);
  if (lock.empty()) return;
  c.mark_statement_timeout_reported();
  c.report(c.statement_begin(),
           "no statement_timeout is set before this statement, which holds a " + lock +
               " lock for as long as it runs",
           "SET statement_timeout = '5s'; at the top of the section");
}

void require_table_schema(Msg body, std::string_view kind, Checker& c) {
  Msg relation;
  if (kind == "CreateStmt" || kind == "AlterTableStmt" || kind == "IndexStmt") relation = get(body, "relation");
  else if (kind == "CreateTableAsStmt") {
    if (const auto into = get(body, "into")) relation = get(into, "rel");
  } else if (kind == "DropStmt" && text(body, "remove_type") == "OBJECT_TABLE") {
    for (const auto& parts : dropped_names(body))
      if (parts.size() < 2)
        c.report(c.statement_begin(), "table " + in_quotes(joined(parts)) + " is not schema-qualified",
                 "write schema." + joined(parts) + " so the statement does not depend on search_path");
    return;
  }
  if (!relation || !text(relation, "schemaname").empty()) return;
  c.report(location(relation, c.statement_begin()),
           "table " + in_quotes(text(relation, "relname")) + " is not schema-qualified",
           "write schema." + std::string(text(relation, "relname")) + " so the statement does not depend on search_path");
}

void transaction_nesting(Msg body, std::string_view kind, Checker& c) {
  if (is_transaction(body, kind, {"TRANS_STMT_BEGIN", "TRANS_STMT_START"})) {
    if (c.explicit_transaction())
      c.report(c.statement_begin(), "BEGIN inside a transaction that is already open does not nest",
               "remove this BEGIN, or use SAVEPOINT");
    else if (c.section().per_migration)
      c.report(c.statement_begin(),
               "BEGIN in a migration the engine already runs in a transaction (transaction: per-migration)",
               "remove BEGIN and COMMIT; the engine commits the migration and its version row together");
  } else if (is_transaction(body, kind, {"TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"})) {
    if (c.section().per_migration)
      c.report(c.statement_begin(),
               "COMMIT or ROLLBACK ends the transaction the engine opened for this migration (transaction: "
               "per-migration), so the migration and its version row are no longer applied together",
               "remove it; the engine commits the migration");
  }
}

// ---- prefer-robust-stmts and non-idempotent ---------------------------------------------------------------------

// For a statement outside any transaction: the IF [NOT] EXISTS form that makes it safe to re-run, or empty when it
// already is (or has none).
struct RobustFix {
  std::string missing;  // e.g. "IF NOT EXISTS"
  std::string example;  // the statement's safe form
};

std::vector<RobustFix> robust_fixes(Msg body, std::string_view kind, std::set<std::string>& dropped_constraints) {
  std::vector<RobustFix> fixes;
  if (kind == "CreateStmt") {
    const auto relation = get(body, "relation");
    if (relation && text(relation, "relpersistence") == "t" && text(body, "oncommit") == "ONCOMMIT_DROP") return fixes;
    if (!flag(body, "if_not_exists"))
      fixes.push_back({"IF NOT EXISTS", "CREATE TABLE IF NOT EXISTS " + (relation ? table_name(relation) : "")});
  } else if (kind == "IndexStmt") {
    if (!flag(body, "if_not_exists")) {
      const auto name = text(body, "idxname");
      fixes.push_back({"IF NOT EXISTS", name.empty() ? std::string("CREATE INDEX ... IF NOT EXISTS <name> (an index "
                                                                   "needs a name to be re-runnable)")
                                                     : "CREATE INDEX" +
                                                           std::string(flag(body, "concurrent") ? " CONCURRENTLY" : "") +
                                                           " IF NOT EXISTS " + std::string(name)});
    }
  } else if (kind == "DropStmt") {
    if (!flag(body, "missing_ok")) {
      auto type = std::string(text(body, "remove_type"));
      if (type.starts_with("OBJECT_")) type = type.substr(7);
      std::replace(type.begin(), type.end(), '_', ' ');
      fixes.push_back({"IF EXISTS", "DROP " + type + " IF EXISTS ..."});
    }
  } else if (kind == "RenameStmt") {
    // No IF EXISTS form makes a rename re-runnable: after it ran, the old name is gone.
    fixes.push_back({"a transaction", "wrap it in BEGIN; ... COMMIT;"});
  } else if (kind == "AlterTableStmt" && (text(body, "objtype") == "OBJECT_TABLE")) {
    for_each_command(body, [&](Msg command) {
      const auto subtype = text(command, "subtype");
      if (subtype == "AT_AddColumn") {
        if (!flag(command, "missing_ok")) fixes.push_back({"IF NOT EXISTS", "ADD COLUMN IF NOT EXISTS ..."});
      } else if (subtype == "AT_DropColumn") {
        if (!flag(command, "missing_ok"))
          fixes.push_back({"IF EXISTS", "DROP COLUMN IF EXISTS " + std::string(text(command, "name"))});
      } else if (subtype == "AT_DropConstraint") {
        if (flag(command, "missing_ok")) dropped_constraints.insert(std::string(text(command, "name")));
        else fixes.push_back({"IF EXISTS", "DROP CONSTRAINT IF EXISTS " + std::string(text(command, "name"))});
      } else if (subtype == "AT_AddConstraint") {
        const auto def = get(command, "def");
        const auto constraint = as(def, "Constraint");
        const std::string name(constraint ? text(constraint, "conname") : "");
        if (name.empty() || !dropped_constraints.contains(name))
          fixes.push_back({"a preceding DROP CONSTRAINT IF EXISTS",
                           "ALTER TABLE ... DROP CONSTRAINT IF EXISTS " + (name.empty() ? "<name>" : name) +
                               "; before adding it"});
      } else {
        fixes.push_back({"a transaction", "wrap it in BEGIN; ... COMMIT;"});
      }
    });
  }
  return fixes;
}

void prefer_robust_stmts(Msg body, std::string_view kind, Checker& c) {
  static thread_local std::set<std::string> unused;
  const bool concurrent_index = kind == "IndexStmt" && flag(body, "concurrent");
  if (c.in_transaction() && !concurrent_index) return;
  unused.clear();
  for (const auto& fix : robust_fixes(body, kind, unused)) {
    c.report(c.statement_begin(),
             "missing " + fix.missing + ": if the migration fails after this statement, re-running it fails here",
             "write " + fix.example);
  }
}

// strata's rule: the same guards, for `transaction: none` revisions only, plus the statements squawk does not cover.
void non_idempotent(Msg body, std::string_view kind, Checker& c) {
  if (c.section().per_migration || c.explicit_transaction()) return;
  auto report = [&](const std::string& what, const std::string& form) {
    c.report(c.statement_begin(),
             what + " fails with \"already exists\" or \"does not exist\" when this `transaction: none` migration "
                    "is re-run after a partial failure",
             "write " + form);
  };
  if (kind == "CreateSchemaStmt" && !flag(body, "if_not_exists"))
    report("CREATE SCHEMA", "CREATE SCHEMA IF NOT EXISTS " + std::string(text(body, "schemaname")));
  else if (kind == "CreateSeqStmt" && !flag(body, "if_not_exists"))
    report("CREATE SEQUENCE", "CREATE SEQUENCE IF NOT EXISTS ...");
  else if (kind == "CreateExtensionStmt" && !flag(body, "if_not_exists"))
    report("CREATE EXTENSION", "CREATE EXTENSION IF NOT EXISTS " + std::string(text(body, "extname")));
  else if (kind == "ViewStmt" && !flag(body, "replace"))
    report("CREATE VIEW", "CREATE OR REPLACE VIEW ...");
  else if (kind == "CreateFunctionStmt" && !flag(body, "replace"))
    report("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION ...");
  else if (kind == "AlterEnumStmt" && !text(body, "new_val").empty() && text(body, "old_val").empty() &&
           !flag(body, "skip_if_new_val_exists"))
    report("ALTER TYPE ... ADD VALUE", "ALTER TYPE ... ADD VALUE IF NOT EXISTS '" + std::string(text(body, "new_val")) + "'");
  else {
    std::set<std::string> dropped;
    const auto fixes = robust_fixes(body, kind, dropped);
    for (const auto& fix : fixes)
      if (fix.missing.starts_with("IF")) report("without " + fix.missing + ", this statement", fix.example);
  }
}

void syntax_error(Msg, std::string_view, Checker&) {}  // reported by the linter from the parse result

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

}  // namespace

std::string table_key(Msg range_var) {
  const auto schema = text(range_var, "schemaname");
  const std::string name(text(range_var, "relname"));
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
      else
        catalog.prove_not_null(key, column, place);
    });
  }
}

}  // namespace strata::lint
