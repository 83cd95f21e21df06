// PostgreSQL DDL, phases 2 to 4 (see ddl_postgres.cpp): types, sequences and functions; tables and their columns;
// then constraints, indexes, views, triggers, policies and comments.
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

}  // namespace strata::schema::ddl_detail
