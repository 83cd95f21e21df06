#pragma once
// Private to the schema part: the helpers format_sql.cpp (PostgreSQL) and sqlite_script.cpp (SQLite) share to write
// CREATE text and order a script, and the SQLite entry points format_sql.cpp dispatches to.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strata/db/sql_text.hpp"
#include "strata/schema/model.hpp"

namespace strata::schema::detail {

using Objects = std::vector<const SchemaObject*>;
// A table's member objects (columns, constraints...) by (schema, table).
using Members = std::map<std::pair<std::string, std::string>, Objects>;

std::string quote(std::string_view name);
std::string literal(db::Engine engine, const std::string& value);
// `"schema"."name"` on PostgreSQL, `"name"` on SQLite.
std::string qualified(const std::string& schema, const std::string& name);
std::string table_of(const SchemaObject& object);
std::string routine_name(const SchemaObject& object);
std::string without_semicolon(std::string text);
Objects of_kind(const Snapshot& snapshot, ObjectKind kind);
// `objects` with each one after the objects it depends on (among `objects`); otherwise canonical order.
Objects dependency_order(const Objects& objects);
bool has(const SchemaObject& object, std::string_view attribute);
bool inherited(const SchemaObject& object);
const Objects& members_of(const Members& members, const SchemaObject& table);

// SQLite (sqlite_script.cpp).
std::string sqlite_column(const SchemaObject& column, bool autoincrement_key);
void sqlite_table(std::string& out, const Members& members, const SchemaObject& table, std::string_view as_name = {});
std::string sqlite_script(const Snapshot& snapshot);

}  // namespace strata::schema::detail
