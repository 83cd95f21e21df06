// Rules about locks and concurrency: what a statement blocks on a table that already has traffic, and how long.
#include "strata/lint/pg_checker.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace strata::lint::pg {

namespace {

// Functions whose value does not change per row: a default using only them is stored once (PostgreSQL 11+) instead
// of rewriting the table.
bool non_volatile_function(std::string_view name) {
  static const std::set<std::string_view> names{"now",
                                                "current_timestamp",
                                                "current_date",
                                                "current_time",
                                                "localtime",
                                                "localtimestamp",
                                                "statement_timestamp",
                                                "transaction_timestamp",
                                                "current_user",
                                                "session_user",
                                                "current_schema",
                                                "current_database",
                                                "version",
                                                "lower",
                                                "upper",
                                                "length",
                                                "abs",
                                                "coalesce",
                                                "concat",
                                                "jsonb_build_object",
                                                "json_build_object",
                                                "jsonb_build_array",
                                                "json_build_array",
                                                "array_length",
                                                "to_jsonb",
                                                "to_json",
                                                "make_interval",
                                                "make_date",
                                                "make_timestamp",
                                                "make_timestamptz",
                                                "date_trunc",
                                                "pg_catalog"};
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

bool has_foreign_key(Msg column_def) {
  bool found = false;
  for_each_constraint(column_def, [&](Msg constraint) { found |= text(constraint, "contype") == "CONSTR_FOREIGN"; });
  return found;
}

// Index-backed constraints (PRIMARY KEY, UNIQUE) added to an existing table, as ADD CONSTRAINT (not USING INDEX) or
// inline in ADD COLUMN: the index is built under ACCESS EXCLUSIVE.
void index_backed_constraint(Msg body, std::string_view kind, Checker& c, std::string_view type, std::string_view what,
                             std::string_view form) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  const auto message =
      fmt::format("adding {} builds its index on {} under an ACCESS EXCLUSIVE lock, blocking reads and writes", what,
                  in_quotes(table_name(relation)));
  const auto help = fmt::format(
      "CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE ... ADD CONSTRAINT ... {} USING INDEX", form);
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

}  // namespace

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
                 fmt::format("adding the stored generated column {} rewrites table {} under an ACCESS EXCLUSIVE "
                             "lock, blocking reads and writes",
                             in_quotes(text(column, "colname")), in_quotes(table_name(relation))),
                 "add a plain nullable column and fill it with a trigger and batched updates instead");
      } else if (type == "CONSTR_DEFAULT") {
        const auto expression = get(constraint, "raw_expr");
        const bool rewrite = !c.pg_at_least(11) || (expression && is_volatile(expression));
        if (!rewrite) return;
        c.report(at,
                 fmt::format("adding column {} {} rewrites table {} under an ACCESS EXCLUSIVE lock, blocking reads "
                             "and writes",
                             in_quotes(text(column, "colname")),
                             c.pg_at_least(11) ? "with a volatile default" : "with a default (before PostgreSQL 11)",
                             in_quotes(table_name(relation))),
                 "add the column without a default, then SET DEFAULT, then backfill existing rows in batches");
      }
    });
  });
}

void adding_foreign_key_constraint(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  const auto message = fmt::format(
      "adding a validated foreign key takes a SHARE ROW EXCLUSIVE lock on {} and on the "
      "referenced table while every row is checked, blocking writes to both",
      in_quotes(table_name(relation)));
  const std::string help = "add it with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration";
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
             fmt::format("SET NOT NULL on {} scans all of {} under an ACCESS EXCLUSIVE lock, blocking reads and writes",
                         in_quotes(column), in_quotes(table_name(relation))),
             c.pg_at_least(12) ? fmt::format("add CHECK ({} IS NOT NULL) NOT VALID, VALIDATE it in a later migration, "
                                             "then SET NOT NULL (PostgreSQL 12+ skips the scan)",
                                             column)
                               : fmt::format("add CHECK ({} IS NOT NULL) NOT VALID and VALIDATE it instead of SET NOT "
                                             "NULL",
                                             column));
  });
}

void adding_serial_primary_key_field(Msg body, std::string_view kind, Checker& c) {
  index_backed_constraint(body, kind, c, "CONSTR_PRIMARY", "a primary key", "PRIMARY KEY");
}

void ban_alter_domain_with_add_constraint(Msg body, std::string_view kind, Checker& c) {
  if (kind != "AlterDomainStmt" || text(body, "subtype") != "C") return;
  c.report(c.statement_begin(),
           fmt::format("adding a constraint to domain {} checks every column of that type in every table, under locks "
                       "that block writes",
                       in_quotes(dotted(list(body, "type_name")))),
           "put the constraint on the columns (as NOT VALID, then VALIDATE) instead of on the domain");
}

void ban_create_domain_with_constraint(Msg body, std::string_view kind, Checker& c) {
  if (kind != "CreateDomainStmt") return;
  for (const auto node : list(body, "constraints"))
    if (const auto constraint = as(node, "Constraint"); constraint && text(constraint, "contype") == "CONSTR_CHECK") {
      c.report(location(constraint, c.statement_begin()),
               fmt::format("domain {} has a CHECK constraint; changing it later checks every column of the type under "
                           "blocking locks",
                           in_quotes(dotted(list(body, "domainname")))),
               "put CHECK constraints on the table columns instead");
      return;
    }
}

void changing_column_type(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_AlterColumnType") return;
    c.report(c.statement_begin(),
             fmt::format("changing the type of {} may rewrite {} and its indexes under an ACCESS EXCLUSIVE lock, and "
                         "breaks clients that read the old type",
                         in_quotes(text(command, "name")), in_quotes(table_name(relation))),
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
                 fmt::format("VALIDATE CONSTRAINT {} in the transaction that added it NOT VALID keeps that ADD's "
                             "ACCESS EXCLUSIVE lock while every row is checked, blocking reads and writes",
                             in_quotes(text(command, "name"))),
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
             fmt::format("adding a constraint without NOT VALID checks every row of {} while holding a lock that "
                         "blocks writes",
                         in_quotes(table_name(relation))),
             "add it with NOT VALID, then VALIDATE CONSTRAINT in a later migration");
  });
}

void disallowed_unique_constraint(Msg body, std::string_view kind, Checker& c) {
  index_backed_constraint(body, kind, c, "CONSTR_UNIQUE", "a UNIQUE constraint", "UNIQUE");
}

void require_concurrent_index_creation(Msg body, std::string_view kind, Checker& c) {
  if (kind != "IndexStmt" || flag(body, "concurrent")) return;
  const auto relation = get(body, "relation");
  if (!relation || !c.existing(relation)) return;
  c.report(c.statement_begin(),
           fmt::format("CREATE INDEX without CONCURRENTLY blocks writes to {} (SHARE lock) until the index is built",
                       in_quotes(table_name(relation))),
           "use CREATE INDEX CONCURRENTLY, in a migration with the header line `-- transaction: none`");
}

void require_concurrent_index_deletion(Msg body, std::string_view kind, Checker& c) {
  if (kind != "DropStmt" || text(body, "remove_type") != "OBJECT_INDEX" || flag(body, "concurrent")) return;
  for (const auto& parts : dropped_names(body)) {
    if (c.index_on_new_table(key_of_parts(parts))) continue;
    c.report(c.statement_begin(),
             fmt::format("DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table, "
                         "blocking reads and writes while it waits and drops {}",
                         in_quotes(joined(parts))),
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
             fmt::format("DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on {}, blocking reads "
                         "and writes",
                         in_quotes(table_name(relation))),
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

void require_lock_timeout(Msg body, std::string_view kind, Checker& c) {
  if (c.lock_timeout_set() || c.lock_timeout_reported()) return;
  const auto lock = lock_taken(body, kind, c);
  if (lock.empty()) return;
  c.mark_lock_timeout_reported();
  c.report(c.statement_begin(),
           fmt::format("no lock_timeout is set before this statement takes a {} lock; while it waits behind a long "
                       "query, it blocks {} of everyone queued after it",
                       lock, blocked_by(lock)),
           "SET lock_timeout = '1s'; at the top of the section (and retry the migration when it times out)");
}

void require_statement_timeout(Msg body, std::string_view kind, Checker& c) {
  if (c.statement_timeout_set() || c.statement_timeout_reported()) return;
  const auto lock = lock_taken(body, kind, c);
  if (lock.empty()) return;
  c.mark_statement_timeout_reported();
  c.report(c.statement_begin(),
           fmt::format("no statement_timeout is set before this statement, which holds a {} lock for as long as it "
                       "runs",
                       lock),
           "SET statement_timeout = '5s'; at the top of the section");
}

}  // namespace strata::lint::pg
