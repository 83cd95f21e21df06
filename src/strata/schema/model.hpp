#pragma once
// The engine-neutral model of a database schema: a flat, sorted list of objects, each with a kind, a qualified
// name and named attributes whose values are normalised text. Readers fill it from the live catalog (read.hpp);
// everything else (formats, hash, diff) works on this model alone, so two schemas compare equal exactly when
// their objects and attributes do.
//
// Identity: an object is identified by (kind, qualified_name()). Top-level objects are named `schema.name` on
// PostgreSQL and `name` on SQLite; columns, constraints, triggers and policies belong to a table and are named
// `schema.table.name` (SQLite: `table.name`). Functions and procedures carry their identity arguments in their
// name (`public.add(integer, integer)`), since PostgreSQL overloads by argument types.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "strata/db/url.hpp"

namespace strata::schema {

// In the order a schema is built: schema-less and type objects first, then tables and what hangs off them.
enum class ObjectKind {
  schema,
  extension,
  enum_type,
  domain,
  composite_type,
  sequence,
  function,
  procedure,
  table,
  column,
  constraint,
  index,
  view,
  materialized_view,
  trigger,
  policy,
};

// "schema", "extension", "enum", "domain", "composite type", "sequence", "function", "procedure", "table",
// "column", "constraint", "index", "view", "materialized view", "trigger", "policy".
std::string_view to_string(ObjectKind kind) noexcept;
// Whether objects of this kind belong to a table and carry its name in theirs.
bool is_table_member(ObjectKind kind) noexcept;

// Attributes that are read but compared (and hashed) only when asked; see CompareOptions in diff.hpp.
inline constexpr std::string_view k_position = "position";      // a column's 1-based place in its table
inline constexpr std::string_view k_privileges = "privileges";  // grants, as sorted "grantee=privileges" lines
// A view's output columns, "name type" in order, comma-separated (PostgreSQL). Never compared nor hashed: they
// follow from the definition and the columns it reads; the DDL generator uses them to decide whether CREATE OR
// REPLACE VIEW can make a change.
inline constexpr std::string_view k_output_columns = "output_columns";

struct SchemaObject {
  ObjectKind kind = ObjectKind::table;
  std::string schema;  // PostgreSQL namespace; empty on SQLite and for schemas and extensions
  std::string table;   // the owning table of a member (column, constraint, trigger, policy) and of an index
  std::string name;
  // Normalised values, by attribute name ("type", "nullable", "default", "definition", "comment", ...). An
  // attribute that does not apply is absent rather than empty.
  std::map<std::string, std::string> attributes;
  // Qualified names of top-level objects that must exist before this one is created (views on tables, a partition
  // on its parent, ...). Used only to order format_sql(); neither compared nor hashed.
  std::vector<std::string> depends_on;

  std::string qualified_name() const;
  // The attribute's value, or "" when absent.
  const std::string& attribute(std::string_view attribute_name) const;
};

struct Snapshot {
  db::Engine engine = db::Engine::sqlite;
  // In canonical order (kind, then qualified name) once normalise() ran; readers return it normalised.
  std::vector<SchemaObject> objects;

  // The object of that kind and qualified name, or nullptr.
  const SchemaObject* find(ObjectKind kind, std::string_view qualified_name) const;
  // The members of a table (columns, constraints, triggers, policies) and its indexes, in canonical order.
  std::vector<const SchemaObject*> members_of(const SchemaObject& table) const;
  // members_of() for every table at once, by (schema, table): one pass instead of one per table.
  std::map<std::pair<std::string, std::string>, std::vector<const SchemaObject*>> members_by_table() const;
};

// A group is a top-level object with what belongs to it: a table with its columns, constraints, indexes, triggers
// and policies; a materialized view with its indexes; any other object alone. No object's difference or hash
// depends on another group, so a snapshot can be hashed and compared group by group, and kept up to date one group
// at a time as a database changes (tracked_comparison.hpp). A group is named by (schema, top-level name); two
// top-level objects that share a name (a sequence and an enum may) share a group, which changes nothing.
using GroupKey = std::pair<std::string, std::string>;
// The group's name without copying it.
std::pair<std::string_view, std::string_view> group_name(const SchemaObject& object);
GroupKey group_of(const SchemaObject& object);
// Orders GroupKeys, and finds one by group_name() without building a key.
struct GroupLess {
  using is_transparent = void;
  using View = std::pair<std::string_view, std::string_view>;
  bool operator()(const View& left, const View& right) const { return left < right; }
};
using GroupSet = std::set<GroupKey, GroupLess>;
// The objects of one group of a snapshot in canonical order, found by binary search (the snapshot must be in
// canonical order, as readers return it).
std::vector<const SchemaObject*> group_objects(const Snapshot& snapshot, const GroupKey& group);

// Puts the objects in canonical order, so that output and hash do not depend on the order the catalog returned
// them in. Readers call it; call it again after building or editing a Snapshot by hand.
void normalise(Snapshot& snapshot);
// The canonical order normalise() sorts by: kind, then schema, table and name.
bool canonical_less(const SchemaObject& left, const SchemaObject& right);
// Replaces the objects for which `stale` is true by `fresh` (normalised one by one), keeping canonical order
// without sorting everything again: how an incremental read updates the previous snapshot. The groups of the
// objects removed and added go into `touched` when given.
void replace_objects(Snapshot& snapshot, const std::function<bool(const SchemaObject&)>& stale,
                     std::vector<SchemaObject> fresh, GroupSet* touched = nullptr);

// SQL text with runs of whitespace outside quotes and comments collapsed to one space, spaces next to
// parentheses and commas removed, and leading/trailing whitespace and a trailing ';' dropped. Quoted strings and
// identifiers are kept byte for byte. For SQL the catalog stores as written (SQLite views, triggers, checks).
std::string normalise_sql(std::string_view sql);

}  // namespace strata::schema
