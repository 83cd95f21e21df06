// What the two engines' DDL generators share: pairing the objects of two snapshots, renames (applied when asked,
// hinted otherwise), dependency order and destructive marks.
#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/sql_text.hpp"
#include "strata/schema/create_sql.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/util/strings.hpp"

namespace strata::schema {

namespace ddl_detail {

namespace {

using Key = std::tuple<ObjectKind, std::string, std::string, std::string>;
Key key_of(const SchemaObject& object) { return {object.kind, object.schema, object.table, object.name}; }

bool compared(const std::string& attribute) {
  return attribute != k_position && attribute != k_privileges && attribute != k_output_columns;
}

std::string last_part(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// A column's shape for rename hints: its type (a rename often comes with a new default or NOT NULL).
std::string column_shape(const SchemaObject& column) { return column.attribute("type"); }

std::string table_shape(const Snapshot& snapshot, const SchemaObject& table) {
  std::vector<std::string> columns;
  for (const SchemaObject* member : snapshot.members_of(table))
    if (member->kind == ObjectKind::column) columns.push_back(member->name + "=" + column_shape(*member));
  std::sort(columns.begin(), columns.end());
  return util::join(columns, ";");
}

std::string replace_in_list(const std::string& list, const std::string& old_name, const std::string& new_name) {
  auto names = util::split(list, ',');
  for (auto& name : names) {
    const std::string trimmed(util::trim(name));
    name = trimmed == old_name ? new_name : trimmed;
  }
  return util::join(names, ", ");
}

}  // namespace

std::string quote(const std::string& name) { return db::quote_identifier(name); }

bool differs(const SchemaObject& a, const SchemaObject& b) { return !changed_attributes(a, b).empty(); }

std::vector<std::string> changed_attributes(const SchemaObject& a, const SchemaObject& b) {
  std::set<std::string> names;
  for (const auto& [name, value] : a.attributes) names.insert(name);
  for (const auto& [name, value] : b.attributes) names.insert(name);
  std::vector<std::string> changed;
  for (const auto& name : names)
    if (compared(name) && a.attribute(name) != b.attribute(name)) changed.push_back(name);
  return changed;
}

Pairs pair_objects(const Snapshot& from, const Snapshot& to) {
  std::map<Key, const SchemaObject*> left;
  std::map<Key, const SchemaObject*> right;
  for (const auto& object : from.objects) left.emplace(key_of(object), &object);
  for (const auto& object : to.objects) right.emplace(key_of(object), &object);
  Pairs pairs;
  for (const auto& [key, object] : left) {
    const auto found = right.find(key);
    if (found == right.end()) {
      pairs.removed.push_back(object);
    } else if (differs(*object, *found->second)) {
      pairs.changed.emplace_back(object, found->second);
    } else {
      pairs.same.emplace_back(object, found->second);
    }
  }
  for (const auto& [key, object] : right)
    if (left.count(key) == 0) pairs.added.push_back(object);
  return pairs;
}

Renamed apply_renames(const Snapshot& from, const DdlOptions& options) {
  Renamed renamed{from, {}};
  Snapshot& snapshot = renamed.snapshot;
  for (const auto& [old_name, new_name] : options.renames) {
    bool done = false;
    for (auto& table : snapshot.objects) {
      if (table.kind != ObjectKind::table || table.qualified_name() != old_name) continue;
      const std::string name = last_part(new_name);
      renamed.sql += fmt::format("ALTER TABLE {} RENAME TO {};\n", qualified_identifier(table.schema, table.name),
                                 qualified_identifier("", name));
      for (auto& object : snapshot.objects) {
        if (object.schema != table.schema) continue;
        if (&object != &table && object.table == table.name) object.table = name;
        // SQLite rewrites the foreign keys that name the table; PostgreSQL's definitions are read back anyway.
        std::string& references = object.attributes["references"];
        if (references == table.name || references.starts_with(table.name + " ("))
          references = name + references.substr(table.name.size());
        if (references.empty()) object.attributes.erase("references");
      }
      table.name = name;
      done = true;
      break;
    }
    if (done) continue;
    for (auto& column : snapshot.objects) {
      if (column.kind != ObjectKind::column || column.qualified_name() != old_name) continue;
      const std::string name = last_part(new_name);
      renamed.sql +=
          fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {};\n", qualified_identifier(column.schema, column.table),
                      qualified_identifier("", column.name), qualified_identifier("", name));
      for (auto& object : snapshot.objects) {
        if (object.schema != column.schema) continue;
        if (object.kind == ObjectKind::table && object.name == column.table && object.attributes.count("primary_key"))
          object.attributes["primary_key"] = replace_in_list(object.attributes["primary_key"], column.name, name);
        if (object.table == column.table && object.kind == ObjectKind::constraint && object.attributes.count("columns"))
          object.attributes["columns"] = replace_in_list(object.attributes["columns"], column.name, name);
      }
      column.name = name;
      done = true;
      break;
    }
    if (!done)
      throw UsageError(ErrorCode::unknown_rename,
                       fmt::format("cannot rename '{}': the schema has no table or column of that name\nhint: name "
                                   "the old table as schema.table (SQLite: table) or the column as schema.table.column",
                                   old_name));
  }
  normalise(snapshot);
  return renamed;
}

std::string rename_hints(const Snapshot& from, const Snapshot& to, const Pairs& pairs) {
  std::string out;
  // The hint names the one statement that replaces the drop and the add, and the option that writes it.
  const auto hint = [&out](const std::string& what, const SchemaObject& old_object, const SchemaObject& new_object) {
    const std::string statement =
        what == "table"
            ? fmt::format("ALTER TABLE {} RENAME TO {};", qualified_identifier(old_object.schema, old_object.name),
                          qualified_identifier("", new_object.name))
            : fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {};",
                          qualified_identifier(old_object.schema, old_object.table),
                          qualified_identifier("", old_object.name), qualified_identifier("", new_object.name));
    out +=
        fmt::format("-- likely rename: {} {} -> {}, written as drop and add; to keep the data, replace both by: {}\n",
                    what, old_object.qualified_name(), new_object.qualified_name(), statement);
  };
  std::set<std::pair<std::string, std::string>> removed_tables;
  std::set<std::pair<std::string, std::string>> added_tables;
  for (const SchemaObject* table : pairs.removed)
    if (table->kind == ObjectKind::table) removed_tables.insert({table->schema, table->name});
  for (const SchemaObject* table : pairs.added)
    if (table->kind == ObjectKind::table) added_tables.insert({table->schema, table->name});
  for (const SchemaObject* old_table : pairs.removed) {
    if (old_table->kind != ObjectKind::table) continue;
    const std::string shape = table_shape(from, *old_table);
    for (const SchemaObject* new_table : pairs.added)
      if (new_table->kind == ObjectKind::table && new_table->schema == old_table->schema &&
          table_shape(to, *new_table) == shape)
        hint("table", *old_table, *new_table);
  }
  for (const SchemaObject* old_column : pairs.removed) {
    if (old_column->kind != ObjectKind::column || removed_tables.count({old_column->schema, old_column->table}))
      continue;
    for (const SchemaObject* new_column : pairs.added)
      if (new_column->kind == ObjectKind::column && new_column->schema == old_column->schema &&
          new_column->table == old_column->table && column_shape(*new_column) == column_shape(*old_column))
        hint("column", *old_column, *new_column);
  }
  return out;
}

std::vector<const SchemaObject*> dependency_order(const std::vector<const SchemaObject*>& objects) {
  std::map<std::string, const SchemaObject*> by_name;
  for (const SchemaObject* object : objects) by_name.emplace(object->qualified_name(), object);
  std::vector<const SchemaObject*> ordered;
  std::set<const SchemaObject*> placed;
  std::set<const SchemaObject*> visiting;
  std::function<void(const SchemaObject*)> place = [&](const SchemaObject* object) {
    if (placed.count(object) > 0 || visiting.count(object) > 0) return;
    visiting.insert(object);
    for (const auto& needed : object->depends_on) {
      const auto found = by_name.find(needed);
      if (found != by_name.end()) place(found->second);
    }
    visiting.erase(object);
    placed.insert(object);
    ordered.push_back(object);
  };
  for (const SchemaObject* object : objects) place(object);
  return ordered;
}

void destructive(Ddl& ddl, const SchemaObject& object, const std::string& reason) {
  ddl.sql += fmt::format("-- destructive: {} {} {}\n", to_string(object.kind), object.qualified_name(), reason);
  ddl.warnings.push_back({object.kind, object.qualified_name(), reason});
}

}  // namespace ddl_detail

Ddl generate_ddl(const Snapshot& from, const Snapshot& to, const DdlOptions& options) {
  const auto renamed = ddl_detail::apply_renames(from, options);
  Ddl ddl = to.engine == db::Engine::postgres ? ddl_detail::generate_postgres(renamed.snapshot, to, options.online)
                                              : ddl_detail::generate_sqlite(renamed.snapshot, to);
  if (!renamed.sql.empty()) ddl.sql = renamed.sql + ddl.sql;
  return ddl;
}

}  // namespace strata::schema
