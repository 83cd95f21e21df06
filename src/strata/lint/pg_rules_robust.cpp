// Rules about breaking running clients and about re-running: destructive or renaming changes, and statements that
// cannot be re-run after a partial failure.
#include "strata/lint/pg_checker.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace strata::lint::pg {

namespace {

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
      fixes.push_back(
          {"IF NOT EXISTS", fmt::format("CREATE TABLE IF NOT EXISTS {}", relation ? table_name(relation) : "")});
  } else if (kind == "IndexStmt") {
    if (!flag(body, "if_not_exists")) {
      const auto name = text(body, "idxname");
      fixes.push_back({"IF NOT EXISTS", name.empty()
                                            ? std::string("CREATE INDEX ... IF NOT EXISTS <name> (an index "
                                                          "needs a name to be re-runnable)")
                                            : fmt::format("CREATE INDEX{} IF NOT EXISTS {}",
                                                          flag(body, "concurrent") ? " CONCURRENTLY" : "", name)});
    }
  } else if (kind == "DropStmt") {
    if (!flag(body, "missing_ok")) {
      auto type = std::string(text(body, "remove_type"));
      if (type.starts_with("OBJECT_")) type = type.substr(7);
      std::replace(type.begin(), type.end(), '_', ' ');
      fixes.push_back({"IF EXISTS", fmt::format("DROP {} IF EXISTS ...", type)});
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
          fixes.push_back({"IF EXISTS", fmt::format("DROP COLUMN IF EXISTS {}", text(command, "name"))});
      } else if (subtype == "AT_DropConstraint") {
        if (flag(command, "missing_ok")) dropped_constraints.insert(std::string(text(command, "name")));
        else fixes.push_back({"IF EXISTS", fmt::format("DROP CONSTRAINT IF EXISTS {}", text(command, "name"))});
      } else if (subtype == "AT_AddConstraint") {
        const auto def = get(command, "def");
        const auto constraint = as(def, "Constraint");
        const std::string name(constraint ? text(constraint, "conname") : "");
        if (name.empty() || !dropped_constraints.contains(name))
          fixes.push_back({"a preceding DROP CONSTRAINT IF EXISTS",
                           fmt::format("ALTER TABLE ... DROP CONSTRAINT IF EXISTS {}; before adding it",
                                       name.empty() ? "<name>" : name)});
      } else {
        fixes.push_back({"a transaction", "wrap it in BEGIN; ... COMMIT;"});
      }
    });
  }
  return fixes;
}

}  // namespace

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
             fmt::format("adding the NOT NULL column {} without a default fails when {} has rows, and breaks inserts "
                         "from clients that do not set it",
                         in_quotes(text(column, "colname")), in_quotes(table_name(relation))),
             "add the column as nullable, or with a non-volatile DEFAULT");
  });
}

void ban_drop_column(Msg body, std::string_view kind, Checker& c) {
  const auto relation = alter_table(body, kind);
  if (!relation || c.section().down || !c.existing(relation)) return;
  for_each_command(body, [&](Msg command) {
    if (text(command, "subtype") != "AT_DropColumn") return;
    c.report(c.statement_begin(),
             fmt::format("dropping column {} of {} breaks running clients that still read or write it",
                         in_quotes(text(command, "name")), in_quotes(table_name(relation))),
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
             fmt::format("dropping NOT NULL on {} of {} lets NULLs in that running clients do not expect",
                         in_quotes(text(command, "name")), in_quotes(table_name(relation))),
             "keep the constraint and store a marker value, or migrate clients to handle NULL first");
  });
}

void ban_drop_table(Msg body, std::string_view kind, Checker& c) {
  if (kind != "DropStmt" || text(body, "remove_type") != "OBJECT_TABLE" || c.section().down) return;
  for (const auto& parts : dropped_names(body)) {
    if (!c.existing_key(key_of_parts(parts))) continue;
    c.report(c.statement_begin(),
             fmt::format("dropping table {} deletes its rows and breaks clients that still use it",
                         in_quotes(joined(parts))),
             "deploy code that no longer uses the table first, then drop it in a later migration");
  }
}

void ban_duplicate_column_assignments(Msg body, std::string_view kind, Checker& c) {
  std::set<std::string> seen;
  auto check = [&](std::string_view name, std::size_t at, std::string_view what) {
    if (name.empty()) return;
    if (!seen.insert(std::string(name)).second)
      c.report(at, fmt::format("column {} is {} twice in one statement", in_quotes(name), what),
               "remove the second one");
  };
  if (kind == "CreateStmt") {
    for (const auto element : list(body, "table_elts"))
      if (const auto column = as(element, "ColumnDef"))
        check(text(column, "colname"), location(column, c.statement_begin()), "declared");
  } else if (kind == "UpdateStmt") {
    for (const auto target : list(body, "target_list"))
      if (const auto res = as(target, "ResTarget"))
        check(text(res, "name"), location(res, c.statement_begin()), "assigned");
  } else if (kind == "InsertStmt") {
    for (const auto target : list(body, "cols"))
      if (const auto res = as(target, "ResTarget"))
        check(text(res, "name"), location(res, c.statement_begin()), "listed");
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

void renaming_column(Msg body, std::string_view kind, Checker& c) {
  if (kind != "RenameStmt" || text(body, "rename_type") != "OBJECT_COLUMN" || c.section().down) return;
  const auto relation = get(body, "relation");
  if (relation && !c.existing(relation)) return;
  c.report(c.statement_begin(),
           fmt::format("renaming column {} to {} breaks running clients that use the old name",
                       in_quotes(text(body, "subname")), in_quotes(text(body, "newname"))),
           "add the new column, write to both, backfill, switch clients, then drop the old one");
}

void renaming_table(Msg body, std::string_view kind, Checker& c) {
  if (kind != "RenameStmt" || text(body, "rename_type") != "OBJECT_TABLE" || c.section().down) return;
  const auto relation = get(body, "relation");
  if (relation && !c.existing(relation)) return;
  c.report(c.statement_begin(),
           fmt::format("renaming table {} to {} breaks running clients that use the old name",
                       in_quotes(relation ? table_name(relation) : std::string{}), in_quotes(text(body, "newname"))),
           "rename, then CREATE VIEW with the old name over the new table until clients move");
}

void prefer_robust_stmts(Msg body, std::string_view kind, Checker& c) {
  static thread_local std::set<std::string> unused;
  const bool concurrent_index = kind == "IndexStmt" && flag(body, "concurrent");
  if (c.in_transaction() && !concurrent_index) return;
  unused.clear();
  for (const auto& fix : robust_fixes(body, kind, unused)) {
    c.report(
        c.statement_begin(),
        fmt::format("missing {}: if the migration fails after this statement, re-running it fails here", fix.missing),
        fmt::format("write {}", fix.example));
  }
}

// strata's rule: the same guards, for `transaction: none` revisions only, plus the statements squawk does not cover.
void non_idempotent(Msg body, std::string_view kind, Checker& c) {
  if (c.section().per_migration || c.explicit_transaction()) return;
  auto report = [&](const std::string& what, const std::string& form) {
    c.report(c.statement_begin(),
             fmt::format("{} fails with \"already exists\" or \"does not exist\" when this `transaction: none` "
                         "migration is re-run after a partial failure",
                         what),
             fmt::format("write {}", form));
  };
  if (kind == "CreateSchemaStmt" && !flag(body, "if_not_exists"))
    report("CREATE SCHEMA", fmt::format("CREATE SCHEMA IF NOT EXISTS {}", text(body, "schemaname")));
  else if (kind == "CreateSeqStmt" && !flag(body, "if_not_exists"))
    report("CREATE SEQUENCE", "CREATE SEQUENCE IF NOT EXISTS ...");
  else if (kind == "CreateExtensionStmt" && !flag(body, "if_not_exists"))
    report("CREATE EXTENSION", fmt::format("CREATE EXTENSION IF NOT EXISTS {}", text(body, "extname")));
  else if (kind == "ViewStmt" && !flag(body, "replace")) report("CREATE VIEW", "CREATE OR REPLACE VIEW ...");
  else if (kind == "CreateFunctionStmt" && !flag(body, "replace"))
    report("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION ...");
  else if (kind == "AlterEnumStmt" && !text(body, "new_val").empty() && text(body, "old_val").empty() &&
           !flag(body, "skip_if_new_val_exists"))
    report("ALTER TYPE ... ADD VALUE",
           fmt::format("ALTER TYPE ... ADD VALUE IF NOT EXISTS '{}'", text(body, "new_val")));
  else {
    std::set<std::string> dropped;
    const auto fixes = robust_fixes(body, kind, dropped);
    for (const auto& fix : fixes)
      if (fix.missing.starts_with("IF")) report(fmt::format("without {}, this statement", fix.missing), fix.example);
  }
}

}  // namespace strata::lint::pg
