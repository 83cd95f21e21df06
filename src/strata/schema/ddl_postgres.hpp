#pragma once
// The PostgreSQL DDL generator's one generation (ddl_postgres.cpp: the plan and the drops;
// ddl_postgres_create.cpp: what is created and changed). Internal to schema/.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "strata/db/sql_text.hpp"
#include "strata/schema/ddl.hpp"

namespace strata::schema::ddl_detail {

using Objects = std::vector<const SchemaObject*>;
using TableKey = std::pair<std::string, std::string>;

inline std::string table_of(const SchemaObject& object) { return qualified_identifier(object.schema, object.table); }
inline std::string own_name(const SchemaObject& object) { return qualified_identifier(object.schema, object.name); }

inline bool is_fk(const SchemaObject& object) {
  return object.kind == ObjectKind::constraint && object.attribute("type") == "foreign key";
}
inline bool inherited(const SchemaObject& object) { return object.attribute("inherited") == "true"; }

// `CREATE [UNIQUE] INDEX name ...` as `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS name ...`.
inline std::string concurrent_index(std::string statement) {
  const auto at = statement.find("INDEX ");
  if (at != std::string::npos) statement.insert(at + 6, "CONCURRENTLY IF NOT EXISTS ");
  return statement;
}

// One generation: the two snapshots, what the comparison decided about their objects, and the statements so far.
// The phases run in the order of the comment at the top of this file, each appending to `out` (and the online
// forms to `ddl.before_sql` / `ddl.after_sql`).
struct PostgresDdl {
  PostgresDdl(const Snapshot& from_snapshot, const Snapshot& to_snapshot, bool online_forms)
      : from(from_snapshot), to(to_snapshot), online(online_forms), pairs(pair_objects(from, to)) {}

  Ddl generate();

  // What changes how (before any statement is written).
  void find_tables();
  void find_recreated();
  void find_views_to_recreate();
  // 1.
  void drop_dependents();
  // 2.
  void create_types_and_routines();
  // 3.
  void create_tables();
  void change_columns();
  void change_tables();
  void drop_tables_and_types();
  // 4.
  void add_constraints_and_indexes();
  void create_views();
  void create_triggers_and_policies();
  void comment();

  bool on_dropped(const SchemaObject& object) const { return dropped_tables.count({object.schema, object.table}) > 0; }
  bool on_added(const SchemaObject& object) const { return added_tables.count({object.schema, object.table}) > 0; }
  // Whether the `from` object is dropped (it goes, or is recreated).
  bool goes(const SchemaObject& object) const {
    return recreated.count(&object) > 0 || to.find(object.kind, object.qualified_name()) == nullptr;
  }
  // Whether the `to` object is created (it is new, or recreated).
  bool comes(const SchemaObject& object) const {
    const SchemaObject* before = from.find(object.kind, object.qualified_name());
    return before == nullptr || recreated.count(before) > 0;
  }

  const Snapshot& from;
  const Snapshot& to;
  const bool online;
  const Pairs pairs;
  Ddl ddl;
  std::string& out = ddl.sql;

  std::set<TableKey> dropped_tables;
  std::set<TableKey> added_tables;
  Objects new_tables;  // in the order they are created
  // Objects recreated (dropped, then created again) rather than changed in place.
  std::set<const SchemaObject*> recreated;  // the `from` side
  std::set<const SchemaObject*> recreated_enums;
  // Views changed in place with CREATE OR REPLACE VIEW (the `from` side), and why the others cannot be.
  std::set<const SchemaObject*> replaced;
  std::map<const SchemaObject*, std::string> why_recreated;
  std::set<std::pair<std::string, std::string>> recreated_enum_columns;  // (table qualified, column)
};

}  // namespace strata::schema::ddl_detail
