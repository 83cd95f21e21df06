#pragma once
// DDL from a schema difference: the statements that turn one snapshot into another, on the snapshots' engine.
// Objects are created, dropped and changed in an order their dependencies allow, with the lightest statement
// that exists; a change no statement can make is written as drop and create, with a comment saying so.
#include <string>
#include <utility>
#include <vector>

#include "strata/schema/model.hpp"

namespace strata::schema {

struct DdlOptions {
  // Renames to write as renames, as (old, new) qualified names: tables `schema.table` (SQLite `table`), columns
  // `schema.table.column` (SQLite `table.column`; the new name may be the bare column name). Never guessed: a
  // likely rename that is not listed here is written as drop and add, with a comment naming it.
  std::vector<std::pair<std::string, std::string>> renames;
  // PostgreSQL: the non-blocking forms. Indexes are dropped and created CONCURRENTLY (IF [NOT] EXISTS, so a
  // retried run succeeds), in `before_sql` and `after_sql`, which need a `-- transaction: none` revision each;
  // foreign keys and checks are added NOT VALID and validated in `after_sql`, once the lock of the ADD is gone.
  bool online = false;
};

// A statement that may lose data (dropping a table or column, narrowing a column's type). The script carries the
// same fact as a `-- destructive: ...` line above the statement.
struct DdlWarning {
  ObjectKind kind = ObjectKind::table;
  std::string object;  // qualified name
  std::string reason;  // "drops the table and its rows", ...
};

struct Ddl {
  std::string sql;  // empty when the snapshots are equal
  std::vector<DdlWarning> warnings;
  // The revision holding the script needs `-- transaction: none`. SQLite: a table rebuild had to switch
  // foreign-key enforcement off, which works only outside a transaction (the script brings its own BEGIN/COMMIT).
  // PostgreSQL: an enum gained a value, which cannot be used in the transaction that added it.
  bool needs_no_transaction = false;
  // With DdlOptions::online only: what runs, outside a transaction, before and after `sql`.
  std::string before_sql;
  std::string after_sql;
};

// The statements that turn `from` into `to`. Both snapshots must be of the same engine.
Ddl generate_ddl(const Snapshot& from, const Snapshot& to, const DdlOptions& options = {});

namespace ddl_detail {

// Objects of the two snapshots paired by identity.
struct Pairs {
  std::vector<const SchemaObject*> removed;                                  // only in `from`
  std::vector<const SchemaObject*> added;                                    // only in `to`
  std::vector<std::pair<const SchemaObject*, const SchemaObject*>> changed;  // in both, compared attributes differ
  std::vector<std::pair<const SchemaObject*, const SchemaObject*>> same;     // in both, equal
};
Pairs pair_objects(const Snapshot& from, const Snapshot& to);

// Whether two objects differ in an attribute that matters (column position and privileges do not).
bool differs(const SchemaObject& a, const SchemaObject& b);
// The attributes that differ, by name.
std::vector<std::string> changed_attributes(const SchemaObject& a, const SchemaObject& b);

// `from` with the renames applied (tables and their members, columns), and the statements that make them.
struct Renamed {
  Snapshot snapshot;
  std::string sql;
};
Renamed apply_renames(const Snapshot& from, const DdlOptions& options);

// Comment lines naming the likely renames among the dropped and added tables and columns of `pairs`.
std::string rename_hints(const Snapshot& from, const Snapshot& to, const Pairs& pairs);

// `objects` ordered so that each comes after the objects (among them) it depends on; canonical order otherwise.
std::vector<const SchemaObject*> dependency_order(const std::vector<const SchemaObject*>& objects);

// A name as a double-quoted identifier; both engines' DDL writes names this way.
std::string quote(const std::string& name);

// Appends a `-- destructive: reason` line and records the warning.
void destructive(Ddl& ddl, const SchemaObject& object, const std::string& reason);

Ddl generate_postgres(const Snapshot& from, const Snapshot& to, bool online);
Ddl generate_sqlite(const Snapshot& from, const Snapshot& to);

}  // namespace ddl_detail

}  // namespace strata::schema
