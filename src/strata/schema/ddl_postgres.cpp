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
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "strata/db/sql_text.hpp"
#include "strata/schema/create_sql.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/schema/ddl_postgres_predicates.hpp"
#include "strata/util/strings.hpp"

namespace strata::schema::ddl_detail {

namespace {

using Objects = std::vector<const SchemaObject*>;
using TableKey = std::pair<std::string, std::string>;

std::string table_of(const SchemaObject& object) { return qualified_identifier(object.schema, object.table); }
std::string own_name(const SchemaObject& object) { return qualified_identifier(object.schema, object.name); }

bool is_fk(const SchemaObject& object) {
  return object.kind == ObjectKind::constraint && object.attribute("type") == "foreign key";
}
bool inherited(const SchemaObject& object) { return object.attribute("inherited") == "true"; }

// `CREATE [UNIQUE] INDEX name ...` as `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS name ...`.
std::string concurrent_index(std::string statement) {
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

// 2. Schemas, extensions, types, sequences, functions.
void PostgresDdl::create_types_and_routines() {
  for (const ObjectKind kind : {ObjectKind::schema, ObjectKind::extension})
    for (const SchemaObject* object : pairs.added)
      if (object->kind == kind) out += create_statement(to, *object);
  for (const auto& [old_object, new_object] : pairs.changed) {
    if (old_object->kind == ObjectKind::extension &&
        old_object->attribute("version") != new_object->attribute("version"))
      out += fmt::format("ALTER EXTENSION {} UPDATE TO {};\n", quote(new_object->name),
                         db::quote_literal(db::Engine::postgres, new_object->attribute("version")));
    if (old_object->kind != ObjectKind::enum_type) continue;
    const auto before = enum_values(*old_object);
    const auto after = enum_values(*new_object);
    if (recreated_enums.count(old_object) > 0) {
      out += fmt::format(
          "-- enum {}: created again, since ALTER TYPE cannot remove or reorder values; its columns "
          "are converted\n",
          new_object->qualified_name());
      destructive(ddl, *new_object, "removes or reorders values; rows holding a removed value fail to convert");
      out +=
          fmt::format("ALTER TYPE {} RENAME TO {};\n", own_name(*old_object), quote(old_object->name + "__strata_old"));
      out += create_statement(to, *new_object);
      continue;
    }
    for (std::size_t i = 0; i < after.size(); ++i) {
      if (std::find(before.begin(), before.end(), after[i]) != before.end()) continue;
      // PostgreSQL refuses to use a value added in the same transaction (a default or a row naming it).
      if (!ddl.needs_no_transaction)
        out +=
            "-- a value added by ALTER TYPE cannot be used before its transaction commits: the revision needs "
            "`-- transaction: none`\n";
      ddl.needs_no_transaction = true;
      out += fmt::format("ALTER TYPE {} ADD VALUE {}", own_name(*new_object), after[i]);
      // Left to right, the value before this one is already there; the first goes before the first old value.
      if (i > 0) {
        out += fmt::format(" AFTER {}", after[i - 1]);
      } else {
        const auto first_old = std::find_if(after.begin(), after.end(), [&](const std::string& value) {
          return std::find(before.begin(), before.end(), value) != before.end();
        });
        out += fmt::format(" BEFORE {}", *first_old);
      }
      out += ";\n";
    }
  }
  for (const ObjectKind kind : {ObjectKind::enum_type, ObjectKind::domain, ObjectKind::composite_type,
                                ObjectKind::sequence, ObjectKind::function, ObjectKind::procedure})
    for (const auto& object : to.objects) {
      if (object.kind != kind) continue;
      const SchemaObject* before = from.find(kind, object.qualified_name());
      if (before != nullptr && recreated.count(before) > 0) {
        out += fmt::format("-- {} {}: dropped and created again, since no ALTER makes this change\n", to_string(kind),
                           object.qualified_name());
        out += fmt::format("DROP {};\n", pg_object_target(*before));
      }
      const bool changed_routine = before != nullptr &&
                                   (kind == ObjectKind::function || kind == ObjectKind::procedure) &&
                                   before->attribute("definition") != object.attribute("definition");
      if (before == nullptr || recreated.count(before) > 0 || changed_routine) out += create_statement(to, object);
      if (before != nullptr && kind == ObjectKind::sequence && differs(*before, object)) {
        std::string clauses;
        const auto set = [&](const std::string& attribute, std::string_view clause) {
          if (before->attribute(attribute) != object.attribute(attribute))
            clauses += fmt::format(" {} {}", clause, object.attribute(attribute));
        };
        set("type", "AS");
        set("increment", "INCREMENT BY");
        set("minimum", "MINVALUE");
        set("maximum", "MAXVALUE");
        set("start", "START WITH");
        set("cache", "CACHE");
        if (before->attribute("cycle") != object.attribute("cycle"))
          clauses += object.attribute("cycle") == "true" ? " CYCLE" : " NO CYCLE";
        if (!clauses.empty()) out += fmt::format("ALTER SEQUENCE {}{};\n", own_name(object), clauses);
      }
    }
}

// 3. Tables and columns.
void PostgresDdl::create_tables() {
  for (const SchemaObject* object : pairs.added)
    if (object->kind == ObjectKind::table) new_tables.push_back(object);
  for (const SchemaObject* table : dependency_order(new_tables)) out += create_statement(to, *table);
  for (const SchemaObject* object : pairs.removed) {
    if (object->kind != ObjectKind::column || on_dropped(*object) || inherited(*object)) continue;
    destructive(ddl, *object, "drops the column and its values");
    out += fmt::format("ALTER TABLE {} DROP COLUMN {};\n", table_of(*object), quote(object->name));
  }
  for (const SchemaObject* object : pairs.added)
    if (object->kind == ObjectKind::column && !on_added(*object) && !inherited(*object))
      out += fmt::format("ALTER TABLE {} ADD COLUMN {};\n", table_of(*object), pg_column_definition(*object));
}

void PostgresDdl::change_columns() {
  std::vector<std::pair<const SchemaObject*, const SchemaObject*>> columns;
  for (const auto& pair : pairs.changed)
    if (pair.first->kind == ObjectKind::column) columns.push_back(pair);
  for (const auto& pair : pairs.same)
    if (pair.first->kind == ObjectKind::column &&
        recreated_enum_columns.count({pair.second->qualified_name(), pair.second->name}))
      columns.push_back(pair);
  for (const auto& [before, after] : columns) {
    if (inherited(*after)) continue;
    const std::string alter = fmt::format("ALTER TABLE {} ALTER COLUMN {}", table_of(*after), quote(after->name));
    const std::string& old_type = before->attribute("type");
    const std::string& new_type = after->attribute("type");
    if (before->attribute("generated") != after->attribute("generated")) {
      out += fmt::format(
          "-- column {}: dropped and added again, since ALTER COLUMN cannot change a generated "
          "expression\n",
          after->qualified_name());
      destructive(ddl, *after, "drops the column and its values to change its generated expression");
      out += fmt::format("ALTER TABLE {} DROP COLUMN {};\n", table_of(*after), quote(after->name));
      out += fmt::format("ALTER TABLE {} ADD COLUMN {};\n", table_of(*after), pg_column_definition(*after));
      continue;
    }
    const bool retyped = old_type != new_type || before->attribute("collation") != after->attribute("collation") ||
                         recreated_enum_columns.count({after->qualified_name(), after->name}) > 0;
    const bool had_default = !before->attribute("default").empty();
    const bool default_changes = before->attribute("default") != after->attribute("default");
    // A default of the old type may not cast to the new one: it goes before the type changes.
    if (had_default && (default_changes || retyped)) out += fmt::format("{} DROP DEFAULT;\n", alter);
    if (retyped) {
      if (old_type != new_type && !widens(old_type, new_type))
        destructive(ddl, *after,
                    fmt::format("changes the type from {} to {}, which may not keep every value", old_type, new_type));
      const auto& collation = after->attribute("collation");
      out += fmt::format("{} TYPE {}{} USING {}::text::{};\n", alter, new_type,
                         collation.empty() ? std::string() : fmt::format(" COLLATE {}", collation), quote(after->name),
                         new_type);
    }
    if (!after->attribute("default").empty() && (default_changes || retyped))
      out += fmt::format("{} SET DEFAULT {};\n", alter, after->attribute("default"));
    if (before->attribute("nullable") != after->attribute("nullable"))
      out += fmt::format("{} {};\n", alter, after->attribute("nullable") == "false" ? "SET NOT NULL" : "DROP NOT NULL");
    const std::string& old_identity = before->attribute("identity");
    const std::string& new_identity = after->attribute("identity");
    if (old_identity != new_identity) {
      const std::string_view generated = new_identity == "always" ? "ALWAYS" : "BY DEFAULT";
      if (old_identity.empty()) out += fmt::format("{} ADD GENERATED {} AS IDENTITY;\n", alter, generated);
      else if (new_identity.empty()) out += fmt::format("{} DROP IDENTITY;\n", alter);
      else out += fmt::format("{} SET GENERATED {};\n", alter, generated);
    }
  }
}

void PostgresDdl::change_tables() {
  for (const auto& [before, after] : pairs.changed) {
    if (before->kind == ObjectKind::table) {
      const auto table = own_name(*after);
      if (before->attribute("unlogged") != after->attribute("unlogged"))
        out += fmt::format("ALTER TABLE {} SET {};\n", table,
                           after->attribute("unlogged") == "true" ? "UNLOGGED" : "LOGGED");
      if (before->attribute("row_security") != after->attribute("row_security"))
        out += fmt::format("ALTER TABLE {} {} ROW LEVEL SECURITY;\n", table,
                           after->attribute("row_security") == "true" ? "ENABLE" : "DISABLE");
      if (before->attribute("force_row_security") != after->attribute("force_row_security"))
        out += fmt::format("ALTER TABLE {} {} ROW LEVEL SECURITY;\n", table,
                           after->attribute("force_row_security") == "true" ? "FORCE" : "NO FORCE");
    }
  }
  for (const SchemaObject* table : new_tables) {
    if (table->attribute("row_security") == "true")
      out += fmt::format("ALTER TABLE {} ENABLE ROW LEVEL SECURITY;\n", own_name(*table));
    if (table->attribute("force_row_security") == "true")
      out += fmt::format("ALTER TABLE {} FORCE ROW LEVEL SECURITY;\n", own_name(*table));
  }
  for (const auto& object : to.objects) {
    if (object.kind != ObjectKind::sequence) continue;
    const SchemaObject* before = from.find(ObjectKind::sequence, object.qualified_name());
    if ((before == nullptr && !object.attribute("owned_by").empty()) ||
        (before != nullptr && before->attribute("owned_by") != object.attribute("owned_by")))
      out += pg_sequence_owner(object);
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

// 4. Constraints, indexes, foreign keys, views, triggers, policies, comments.
void PostgresDdl::add_constraints_and_indexes() {
  std::string validations;  // online: after the indexes are built, so a validation can use them
  for (const bool foreign : {false, true}) {
    for (const auto& object : to.objects) {
      if (object.kind != ObjectKind::constraint || is_fk(object) != foreign || inherited(object) || !comes(object))
        continue;
      const std::string& type = object.attribute("type");
      // A table created here has no rows to check: only constraints on existing tables are worth deferring.
      if (online && (type == "foreign key" || type == "check") && !on_added(object)) {
        std::string statement = create_statement(to, object);
        statement.insert(statement.rfind(';'), " NOT VALID");
        out += statement;
        validations += fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {};\n", table_of(object), quote(object.name));
      } else {
        out += create_statement(to, object);
      }
    }
    if (foreign) break;
    for (const auto& object : to.objects) {
      if (object.kind != ObjectKind::index || inherited(object) || !comes(object)) continue;
      if (online) ddl.after_sql += concurrent_index(create_statement(to, object));
      else out += create_statement(to, object);
    }
  }
  ddl.after_sql += validations;
}

void PostgresDdl::create_views() {
  Objects new_views;
  for (const auto& object : to.objects)
    if ((object.kind == ObjectKind::view || object.kind == ObjectKind::materialized_view) && comes(object))
      new_views.push_back(&object);
  for (const SchemaObject* view : replaced) new_views.push_back(to.find(view->kind, view->qualified_name()));
  for (const SchemaObject* view : dependency_order(new_views)) {
    const SchemaObject* before = from.find(view->kind, view->qualified_name());
    if (before == nullptr || replaced.count(before) == 0) {
      out += create_statement(to, *view);
      continue;
    }
    // Same leading columns, new ones appended: the view is replaced in place, and what depends on it stays.
    std::string statement = create_statement(to, *view);
    statement.replace(0, std::string("CREATE VIEW").size(), "CREATE OR REPLACE VIEW");
    out += statement;
  }
}

void PostgresDdl::create_triggers_and_policies() {
  for (const ObjectKind kind : {ObjectKind::trigger, ObjectKind::policy})
    for (const auto& object : to.objects)
      if (object.kind == kind && !inherited(object) && comes(object)) out += create_statement(to, object);
}

void PostgresDdl::comment() {
  for (const auto& object : to.objects) {
    const SchemaObject* before = from.find(object.kind, object.qualified_name());
    const bool created = before == nullptr || recreated.count(before) > 0;
    if (created ? !object.attribute("comment").empty() : before->attribute("comment") != object.attribute("comment"))
      out += comment_statement(object);
  }
}

}  // namespace

Ddl generate_postgres(const Snapshot& from, const Snapshot& to, bool online) {
  return PostgresDdl(from, to, online).generate();
}

}  // namespace strata::schema::ddl_detail
