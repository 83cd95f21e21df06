// SQLite DDL from a difference. ALTER TABLE adds, drops and renames columns and renames tables; every other change
// to a table is SQLite's documented rebuild (https://www.sqlite.org/lang_altertable.html, section 7): create the
// new table under a temporary name, copy the rows of the columns both have, drop the old table, rename the new
// one, then recreate its indexes, triggers and the views over it. Never "rename the old table first", which
// SQLite's documentation calls incorrect (references to it would follow the rename).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "strata/schema/create_sql.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/schema/sqlite_table_sql.hpp"
#include "strata/util/strings.hpp"

namespace strata::schema::ddl_detail {

namespace {

using Objects = std::vector<const SchemaObject*>;

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Whether the SQL text names `name` (an identifier, any case, quoted or not).
bool mentions(const std::string& sql, const std::string& name) {
  const auto words = sqlite_sql::identifiers(sql);
  return std::find(words.begin(), words.end(), lowered(name)) != words.end();
}

// The SQL an object carries that may name a column or table.
std::string text_of(const SchemaObject& object) {
  std::string text;
  for (const auto& [name, value] : object.attributes)
    if (name != k_position) text += " " + value;
  return text;
}

// ALTER TABLE ADD COLUMN's limits: no primary key or unique (those are constraint changes), NOT NULL only with a
// default that is not NULL, no default that is an expression or a current time, no stored generated column.
bool can_add(const SchemaObject& column) {
  const std::string& value = column.attribute("default");
  const std::string upper = lowered(value);
  if (!value.empty() && (value.front() == '(' || upper.starts_with("current_"))) return false;
  if (column.attribute("nullable") == "false" && (value.empty() || upper == "null")) return false;
  const std::string& generated = column.attribute("generated");
  return generated.empty() || generated.size() < 7 || generated.substr(generated.size() - 7) != " STORED";
}

struct TableChange {
  const SchemaObject* old_table = nullptr;
  const SchemaObject* new_table = nullptr;
  Objects dropped_columns;
  Objects added_columns;
  bool rebuild = false;
  std::string why;  // why a rebuild
};

}  // namespace

Ddl generate_sqlite(const Snapshot& from, const Snapshot& to) {
  const Pairs pairs = pair_objects(from, to);
  Ddl ddl;
  std::set<std::string> dropped_tables;
  std::set<std::string> added_tables;
  for (const SchemaObject* object : pairs.removed)
    if (object->kind == ObjectKind::table) dropped_tables.insert(object->name);
  for (const SchemaObject* object : pairs.added)
    if (object->kind == ObjectKind::table) added_tables.insert(object->name);

  // What changes in each table both snapshots have.
  std::map<std::string, TableChange> tables;
  const auto change_of = [&](const std::string& table) -> TableChange& {
    TableChange& change = tables[table];
    if (change.old_table == nullptr) {
      change.old_table = from.find(ObjectKind::table, table);
      change.new_table = to.find(ObjectKind::table, table);
    }
    return change;
  };
  const auto rebuild = [&](const std::string& table, const std::string& why) {
    TableChange& change = change_of(table);
    if (!change.rebuild) change.why = why;
    change.rebuild = true;
  };
  for (const auto& [old_object, new_object] : pairs.changed) {
    if (old_object->kind == ObjectKind::table)
      rebuild(old_object->name,
              fmt::format("change the table's {}", changed_attributes(*old_object, *new_object).front()));
    if (old_object->kind == ObjectKind::column)
      rebuild(old_object->table, fmt::format("change column {}'s {}", old_object->name,
                                             changed_attributes(*old_object, *new_object).front()));
    if (old_object->kind == ObjectKind::constraint) rebuild(old_object->table, "change a constraint");
  }
  for (const SchemaObject* object : pairs.removed) {
    if (dropped_tables.count(object->table) > 0) continue;
    if (object->kind == ObjectKind::constraint) rebuild(object->table, "drop a constraint");
    if (object->kind == ObjectKind::column) change_of(object->table).dropped_columns.push_back(object);
  }
  for (const SchemaObject* object : pairs.added) {
    if (added_tables.count(object->table) > 0) continue;
    if (object->kind == ObjectKind::constraint) rebuild(object->table, "add a constraint");
    if (object->kind == ObjectKind::column) {
      change_of(object->table).added_columns.push_back(object);
      if (!can_add(*object)) rebuild(object->table, fmt::format("add column {} as defined", object->name));
    }
  }
  // DROP COLUMN refuses a column that a key, index, constraint, trigger, view or generated column uses.
  for (auto& [name, change] : tables) {
    if (change.rebuild) continue;
    for (const SchemaObject* column : change.dropped_columns) {
      bool used = false;
      for (const auto& key : util::split(change.old_table->attribute("primary_key"), ','))
        used = used || util::trim(key) == column->name;
      for (const auto& object : from.objects)
        if (&object != column && (object.table == name || object.kind == ObjectKind::view) &&
            object.kind != ObjectKind::column && mentions(text_of(object), column->name))
          used = true;
      for (const SchemaObject* member : from.members_of(*change.old_table))
        if (member != column && member->kind == ObjectKind::column &&
            mentions(member->attribute("generated"), column->name))
          used = true;
      if (used) {
        rebuild(name, fmt::format("drop column {}, which other objects use", column->name));
        break;
      }
    }
  }

  std::set<std::string> rebuilt;
  std::set<std::string> touched = dropped_tables;  // tables whose views and triggers must be dropped first
  for (const auto& [name, change] : tables) {
    touched.insert(name);
    if (change.rebuild) rebuilt.insert(name);
  }
  // Foreign-key enforcement must be off while a table in a foreign-key relation is rebuilt; that is possible only
  // outside a transaction.
  for (const std::string& name : rebuilt)
    for (const Snapshot* snapshot : {&from, &to})
      for (const auto& object : snapshot->objects)
        if (object.kind == ObjectKind::constraint && object.attribute("type") == "foreign key" &&
            (object.table == name || object.depends_on == std::vector<std::string>{name}))
          ddl.needs_no_transaction = true;

  // Views and triggers over a touched table, or over a view that is recreated, are dropped first and recreated
  // after: SQLite checks them when a table is renamed.
  std::set<std::string> recreated_views;
  std::set<const SchemaObject*> changed_or_removed;
  for (const auto& [old_object, new_object] : pairs.changed) changed_or_removed.insert(old_object);
  for (const SchemaObject* object : pairs.removed) changed_or_removed.insert(object);
  for (bool grown = true; grown;) {
    grown = false;
    for (const auto& object : from.objects) {
      if (object.kind != ObjectKind::view || recreated_views.count(object.name) > 0) continue;
      bool affected = changed_or_removed.count(&object) > 0;
      for (const auto& name : touched) affected = affected || mentions(object.attribute("definition"), name);
      for (const auto& name : recreated_views) affected = affected || mentions(object.attribute("definition"), name);
      if (affected) grown = recreated_views.insert(object.name).second;
    }
  }
  std::set<std::string> recreated_triggers;
  for (const auto& object : from.objects) {
    if (object.kind != ObjectKind::trigger) continue;
    bool affected = changed_or_removed.count(&object) > 0 || rebuilt.count(object.table) > 0;
    for (const auto& name : touched) affected = affected || mentions(object.attribute("definition"), name);
    for (const auto& name : recreated_views) affected = affected || mentions(object.attribute("definition"), name);
    if (affected) recreated_triggers.insert(object.name);
  }

  std::string& out = ddl.sql;
  out += rename_hints(from, to, pairs);
  if (ddl.needs_no_transaction)
    out +=
        "-- foreign keys are switched off for the table rebuild, which works only outside a transaction: the\n"
        "-- revision needs `-- transaction: none`\nPRAGMA foreign_keys = OFF;\nBEGIN;\n";
  for (const auto& object : from.objects)
    if (object.kind == ObjectKind::trigger && recreated_triggers.count(object.name) > 0 &&
        dropped_tables.count(object.table) == 0 && rebuilt.count(object.table) == 0)
      out += fmt::format("DROP TRIGGER {};\n", quote(object.name));
  Objects views;
  for (const auto& object : from.objects)
    if (object.kind == ObjectKind::view && recreated_views.count(object.name) > 0) views.push_back(&object);
  views = dependency_order(views);
  for (auto view = views.rbegin(); view != views.rend(); ++view)
    out += fmt::format("DROP VIEW {};\n", quote((*view)->name));
  for (const auto& object : from.objects) {
    if (object.kind != ObjectKind::index || dropped_tables.count(object.table) > 0 || rebuilt.count(object.table) > 0)
      continue;
    const SchemaObject* after = to.find(ObjectKind::index, object.qualified_name());
    if (after == nullptr || differs(object, *after)) out += fmt::format("DROP INDEX {};\n", quote(object.name));
  }
  for (const SchemaObject* object : pairs.added)
    if (object->kind == ObjectKind::table) out += create_statement(to, *object);
  for (const auto& [name, change] : tables) {
    const std::string table = quote(name);
    if (!change.rebuild) {
      for (const SchemaObject* column : change.dropped_columns) {
        destructive(ddl, *column, "drops the column and its values");
        out += fmt::format("ALTER TABLE {} DROP COLUMN {};\n", table, quote(column->name));
      }
      for (const SchemaObject* column : change.added_columns)
        out += fmt::format("ALTER TABLE {} ADD COLUMN {};\n", table, sqlite_column_definition(*column));
      continue;
    }
    for (const SchemaObject* column : change.dropped_columns)
      destructive(ddl, *column, "drops the column and its values");
    std::vector<std::string> copied;
    for (const SchemaObject* member : to.members_of(*change.new_table)) {
      if (member->kind != ObjectKind::column || !member->attribute("generated").empty()) continue;
      const SchemaObject* before = from.find(ObjectKind::column, member->qualified_name());
      if (before != nullptr && before->attribute("generated").empty()) copied.push_back(quote(member->name));
    }
    const std::string temporary = name + "__strata_new";
    out += fmt::format(
        "-- table {}: rebuilt, since SQLite's ALTER TABLE cannot {}: create the new table, copy the "
        "rows, drop the old table, rename the new one\n",
        name, change.why);
    out += create_statement(to, *change.new_table, temporary);
    if (!copied.empty())
      out += fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM {2};\n", quote(temporary), util::join(copied, ", "),
                         table);
    out += fmt::format("DROP TABLE {};\n", table);
    out += fmt::format("ALTER TABLE {} RENAME TO {};\n", quote(temporary), table);
  }
  for (const SchemaObject* object : pairs.removed) {
    if (object->kind != ObjectKind::table) continue;
    destructive(ddl, *object, "drops the table and its rows");
    out += fmt::format("DROP TABLE {};\n", quote(object->name));
  }
  for (const auto& object : to.objects) {
    if (object.kind != ObjectKind::index || object.attribute("definition").empty()) continue;
    const SchemaObject* before = from.find(ObjectKind::index, object.qualified_name());
    if (before == nullptr || differs(*before, object) || rebuilt.count(object.table) > 0)
      out += create_statement(to, object);
  }
  Objects new_views;
  for (const auto& object : to.objects)
    if (object.kind == ObjectKind::view &&
        (recreated_views.count(object.name) > 0 || from.find(ObjectKind::view, object.name) == nullptr))
      new_views.push_back(&object);
  for (const SchemaObject* view : dependency_order(new_views)) out += create_statement(to, *view);
  for (const auto& object : to.objects)
    if (object.kind == ObjectKind::trigger && (recreated_triggers.count(object.name) > 0 ||
                                               from.find(ObjectKind::trigger, object.qualified_name()) == nullptr))
      out += create_statement(to, object);
  if (ddl.needs_no_transaction) out += "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n";
  return ddl;
}

}  // namespace strata::schema::ddl_detail
