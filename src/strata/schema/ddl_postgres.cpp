// PostgreSQL DDL from a difference, in dependency order:
//   1. drop what goes or is recreated, dependents first: policies, triggers, views (reverse dependency order),
//      foreign keys, other constraints, indexes;
//   2. create and change types, sequences and functions (new enum values with ALTER TYPE ... ADD VALUE);
//   3. create tables, then change the columns of the others (ALTER COLUMN ... TYPE / SET|DROP DEFAULT /
//      SET|DROP NOT NULL), then drop the tables and types that go;
//   4. add constraints, indexes and foreign keys last (so foreign-key cycles need no special care), then views in
//      dependency order (CREATE OR REPLACE VIEW where the output columns allow it), triggers, policies and comments.
// Online (DdlOptions::online): index drops and creations move to before_sql / after_sql as CONCURRENTLY, and
// constraints on existing tables are added NOT VALID and validated in after_sql.
// This file: the plan (what is recreated, which views can be replaced) and the drops; ddl_postgres_create.cpp: the
// rest.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "strata/db/sql_text.hpp"
#include "strata/schema/create_sql.hpp"
#include "strata/schema/ddl_postgres.hpp"
#include "strata/schema/ddl_postgres_predicates.hpp"
#include "strata/util/strings.hpp"

namespace strata::schema::ddl_detail {

Ddl PostgresDdl::generate() {
  out += rename_hints(from, to, pairs);
  find_tables();
  find_recreated();
  find_views_to_recreate();
  drop_dependents();
  create_types_and_routines();
  create_tables();
  change_columns();
  change_tables();
  drop_tables_and_types();
  add_constraints_and_indexes();
  create_views();
  create_triggers_and_policies();
  comment();
  return ddl;
}

void PostgresDdl::find_tables() {
  for (const SchemaObject* object : pairs.removed)
    if (object->kind == ObjectKind::table) dropped_tables.insert({object->schema, object->name});
  for (const SchemaObject* object : pairs.added)
    if (object->kind == ObjectKind::table) added_tables.insert({object->schema, object->name});
}

void PostgresDdl::find_recreated() {
  for (const auto& [old_object, new_object] : pairs.changed) {
    switch (old_object->kind) {
      case ObjectKind::constraint:
      case ObjectKind::index:
      case ObjectKind::trigger:
      case ObjectKind::policy:
      case ObjectKind::view:
      case ObjectKind::materialized_view:
      case ObjectKind::domain:
      case ObjectKind::composite_type:
        if (changed_attributes(*old_object, *new_object) == std::vector<std::string>{"comment"}) break;
        if (old_object->kind == ObjectKind::view && replaceable(*old_object, *new_object)) {
          replaced.insert(old_object);
          break;
        }
        recreated.insert(old_object);
        if (old_object->kind == ObjectKind::view || old_object->kind == ObjectKind::materialized_view)
          why_recreated[old_object] = why_not_replaced(*old_object, *new_object);
        break;
      case ObjectKind::enum_type:
        if (!only_added(enum_values(*old_object), enum_values(*new_object))) recreated_enums.insert(old_object);
        break;
      default: break;
    }
  }
}

void PostgresDdl::find_views_to_recreate() {
  // Columns whose type changes (directly, or because their enum is recreated) or that go: the views reading their
  // tables are dropped first and created again afterwards.
  std::set<TableKey> reshaped = dropped_tables;
  for (const auto& [old_object, new_object] : pairs.changed)
    if (old_object->kind == ObjectKind::column &&
        (old_object->attribute("type") != new_object->attribute("type") ||
         old_object->attribute("collation") != new_object->attribute("collation")))
      reshaped.insert({old_object->schema, old_object->table});
  for (const SchemaObject* object : pairs.removed)
    if (object->kind == ObjectKind::column) reshaped.insert({object->schema, object->table});
  for (const SchemaObject* type : recreated_enums)
    for (const auto& object : to.objects)
      if (object.kind == ObjectKind::column && is_type(object.attribute("type"), *type) &&
          from.find(ObjectKind::column, object.qualified_name()) != nullptr) {
        reshaped.insert({object.schema, object.table});
        recreated_enum_columns.insert({object.qualified_name(), object.name});
      }
  std::set<std::string> gone_views;  // qualified names of relations whose views must go
  for (const auto& [schema, table] : reshaped) gone_views.insert(schema + "." + table);
  for (const auto& object : from.objects)
    if ((object.kind == ObjectKind::view || object.kind == ObjectKind::materialized_view) &&
        (recreated.count(&object) > 0 || to.find(object.kind, object.qualified_name()) == nullptr))
      gone_views.insert(object.qualified_name());
  for (bool grown = true; grown;) {
    grown = false;
    for (const auto& object : from.objects) {
      if (object.kind != ObjectKind::view && object.kind != ObjectKind::materialized_view) continue;
      if (gone_views.count(object.qualified_name()) > 0) {
        recreated.insert(&object);
        replaced.erase(&object);
        continue;
      }
      for (const auto& needed : object.depends_on)
        if (gone_views.count(needed) > 0) {
          gone_views.insert(object.qualified_name());
          recreated.insert(&object);
          replaced.erase(&object);
          grown = true;
          break;
        }
    }
  }
}

// 1. Drops, dependents first.
void PostgresDdl::drop_dependents() {
  for (const ObjectKind kind : {ObjectKind::policy, ObjectKind::trigger})
    for (const auto& object : from.objects)
      if (object.kind == kind && !inherited(object) && !on_dropped(object) && goes(object))
        out += fmt::format("DROP {};\n", pg_object_target(object));
  Objects views;
  for (const auto& object : from.objects)
    if ((object.kind == ObjectKind::view || object.kind == ObjectKind::materialized_view) && goes(object))
      views.push_back(&object);
  views = dependency_order(views);
  for (auto view = views.rbegin(); view != views.rend(); ++view) {
    if (recreated.count(*view) > 0 && to.find((*view)->kind, (*view)->qualified_name()) != nullptr) {
      const auto why = why_recreated.find(*view);
      out += fmt::format("-- {} {}: dropped and created again, since {}\n", to_string((*view)->kind),
                         (*view)->qualified_name(),
                         why != why_recreated.end() ? why->second : std::string("what it reads changes"));
    }
    out += fmt::format("DROP {};\n", pg_object_target(**view));
  }
  for (const bool foreign : {true, false})
    for (const auto& object : from.objects)
      if (object.kind == ObjectKind::constraint && is_fk(object) == foreign && !inherited(object) &&
          (foreign || !on_dropped(object)) && goes(object))
        out += fmt::format("ALTER TABLE {} DROP CONSTRAINT {};\n", table_of(object), quote(object.name));
  for (const auto& object : from.objects)
    if (object.kind == ObjectKind::index && !inherited(object) && !on_dropped(object) && goes(object)) {
      if (online) ddl.before_sql += fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {};\n", own_name(object));
      else out += fmt::format("DROP INDEX {};\n", own_name(object));
    }
}

void PostgresDdl::drop_tables_and_types() {
  Objects gone_tables;
  for (const SchemaObject* object : pairs.removed)
    if (object->kind == ObjectKind::table) gone_tables.push_back(object);
  gone_tables = dependency_order(gone_tables);
  for (auto table = gone_tables.rbegin(); table != gone_tables.rend(); ++table) {
    destructive(ddl, **table, "drops the table and its rows");
    out += fmt::format("DROP TABLE {};\n", own_name(**table));
  }
  // The old enum goes once the tables and columns still using it are gone too.
  for (const SchemaObject* type : recreated_enums)
    out += fmt::format("DROP TYPE {};\n", qualified_identifier(type->schema, type->name + "__strata_old"));
  std::set<std::string> owned_gone;  // sequences a dropped table or column takes with it
  for (const SchemaObject* object : pairs.removed)
    if (object->kind == ObjectKind::sequence && !object->attribute("owned_by").empty()) {
      const std::string& owner = object->attribute("owned_by");
      if (from.find(ObjectKind::column, owner) != nullptr && to.find(ObjectKind::column, owner) == nullptr)
        owned_gone.insert(object->qualified_name());
    }
  for (const ObjectKind kind :
       {ObjectKind::procedure, ObjectKind::function, ObjectKind::sequence, ObjectKind::composite_type,
        ObjectKind::domain, ObjectKind::enum_type, ObjectKind::extension, ObjectKind::schema})
    for (const SchemaObject* object : pairs.removed)
      if (object->kind == kind && owned_gone.count(object->qualified_name()) == 0)
        out += fmt::format("DROP {};\n", pg_object_target(*object));
}

Ddl generate_postgres(const Snapshot& from, const Snapshot& to, bool online) {
  return PostgresDdl(from, to, online).generate();
}

}  // namespace strata::schema::ddl_detail
