#pragma once
// The PostgreSQL catalog reader, shared by the full read (read_postgres.cpp) and the incremental one
// (read_postgres_incremental.hpp). Every definition comes from the server's own deparsers (format_type,
// pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef), so
// two spellings of the same DDL read back the same. One query per object kind over all selected schemas, inside
// one read-only transaction so the catalog cannot change between them. Internal to schema/.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/schema/catalog_rows.hpp"
#include "strata/schema/read_incremental.hpp"
#include "strata/util/strings.hpp"

namespace strata::schema::postgres_catalog {

using catalog::boolean;
using catalog::rows_of;
using catalog::text;

inline bool is_true(const db::Cell& cell) { return cell && *cell == "t"; }

// Where a scratch database's DDL log lives (ReadOptions::capture_changes); never part of a snapshot.
inline constexpr std::string_view k_capture_schema = "strata_scratch_changes";

// Objects that an extension created (CREATE EXTENSION makes them, DROP EXTENSION drops them) are the extension's.
inline std::string not_extension_member(std::string_view catalog, std::string_view oid) {
  return fmt::format(
      "NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '{}'::regclass AND x.objid = {} AND x.deptype = 'e')",
      catalog, oid);
}

// {a,b} of an aclitem[] as sorted lines, so grant order does not matter.
inline std::string privileges(const db::Cell& acl) {
  if (!acl || acl->size() < 2) return {};
  std::vector<std::string> items;
  std::string current;
  bool quoted = false;
  for (std::size_t i = 1; i + 1 < acl->size(); ++i) {
    const char c = (*acl)[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      items.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  items.push_back(current);
  std::sort(items.begin(), items.end());
  return util::join(items, "\n");
}

class Reader {
public:
  // `current_schema`: the caller's, where a version store without a schema of its own lives.
  Reader(db::Connection& connection, const ReadOptions& options, const std::string& current_schema)
      : m_connection(connection), m_options(options) {
    std::string array = "{";
    for (std::size_t i = 0; i < options.schemas.size(); ++i) {
      if (i > 0) array += ",";
      array += "\"";
      for (const char c : options.schemas[i]) {
        if (c == '"' || c == '\\') array += '\\';
        array += c;
      }
      array += "\"";
    }
    m_schemas = array + "}";
    m_version_schema = options.version_store.schema.empty() ? current_schema : options.version_store.schema;
  }

  // The schema the version store is in (the one given to the constructor when the store names none).
  const std::string& version_schema() const noexcept { return m_version_schema; }

  // Which objects an incremental read re-reads: oid lists by the catalog they are in; none: everything.
  enum class Scope { relations, types, functions };
  struct Filter {
    std::string relations = "{}";
    std::string types = "{}";
    std::string functions = "{}";
    // What the listed relations can hold, when the caller knows: a kind none of them has is not queried.
    bool schemas = true;  // schemas and extensions
    bool tables = true;   // tables: columns, constraints, indexes
    bool views = true;    // views and materialized views (which have indexes too)
    bool sequences = true;
    bool triggers = true;
    bool policies = true;
  };

  Snapshot read() {
    read_kinds();
    drop_version_store_schema(m_snapshot, m_options);
    normalise(m_snapshot);
    return std::move(m_snapshot);
  }

  // Schemas and extensions (always few), and of the other kinds only the objects the filter lists, unsorted.
  std::vector<SchemaObject> read_some(Filter filter) {
    m_filter = std::move(filter);
    read_kinds();
    return std::move(m_snapshot.objects);
  }

  // A schema of its own for the version store is strata's, unless something else lives in it. Its group goes into
  // `touched` when it leaves.
  static void drop_version_store_schema(Snapshot& snapshot, const ReadOptions& options, GroupSet* touched = nullptr) {
    if (options.version_store.schema.empty()) return;
    const std::string& own = options.version_store.schema;
    const bool used = std::any_of(snapshot.objects.begin(), snapshot.objects.end(),
                                  [&](const SchemaObject& o) { return o.schema == own; });
    if (used) return;
    const auto erased = std::erase_if(
        snapshot.objects, [&](const SchemaObject& o) { return o.kind == ObjectKind::schema && o.name == own; });
    if (erased > 0 && touched) touched->insert({"", own});
  }

  // The schema filter on a pg_namespace alias: the configured schemas ($1), or every user schema.
  std::string in_schemas(std::string_view alias) const {
    return fmt::format(
        "({0}.nspname <> '{1}' AND CASE WHEN cardinality($1::text[]) > 0 THEN {0}.nspname = ANY($1::text[]) ELSE "
        "{0}.nspname NOT IN ('pg_catalog', 'information_schema') AND {0}.nspname NOT LIKE 'pg\\_toast%' AND "
        "{0}.nspname NOT LIKE 'pg\\_temp\\_%' END)",
        alias, k_capture_schema);
  }

  // Runs a query with its parameters; an incremental read runs its queries as prepared statements (see Prepared).
  using Runner = std::function<db::Result(const std::string&, const db::Params&)>;
  void run_with(Runner runner) { m_runner = std::move(runner); }
  db::Result run(const std::string& sql, const db::Params& params) {
    return m_runner ? m_runner(sql, params) : m_connection.query(sql, params);
  }

  db::Result query(const std::string& sql) { return run(sql, {m_schemas}); }
  // The selected schemas as a text[] literal, the $1 of every query.
  const std::string& schemas_array() const { return m_schemas; }
  // A query restricted, when a filter is set, to the objects whose oid (`oid`, an SQL expression) it lists.
  db::Result query(const std::string& sql, Scope scope, std::string_view oid, const std::string& order = "") {
    if (!m_filter) return query(sql + order);
    const std::string& oids = scope == Scope::relations ? m_filter->relations
                              : scope == Scope::types   ? m_filter->types
                                                        : m_filter->functions;
    return run(fmt::format("{} AND {} = ANY($2::oid[]){}", sql, oid, order), {m_schemas, oids});
  }

private:
  bool excluded_table(const std::string& schema, const std::string& table) const {
    if (table == "alembic_version") return true;
    return schema == m_version_schema &&
           (table == m_options.version_store.table || table == m_options.version_store.log_table);
  }

  SchemaObject& add(ObjectKind kind, const std::string& schema, const std::string& table, const std::string& name) {
    SchemaObject object;
    object.kind = kind;
    object.schema = schema;
    object.table = table;
    object.name = name;
    m_snapshot.objects.push_back(std::move(object));
    return m_snapshot.objects.back();
  }

  static void set_optional(SchemaObject& object, const std::string& attribute, const db::Cell& value) {
    if (value && !value->empty()) object.attributes[attribute] = *value;
  }

  void read_schemas() {
    for (const auto& row : rows_of(query("SELECT n.nspname, obj_description(n.oid, 'pg_namespace'), n.nspacl::text "
                                         "FROM pg_namespace n WHERE " +
                                         in_schemas("n") + " AND " + not_extension_member("pg_namespace", "n.oid")))) {
      SchemaObject& object = add(ObjectKind::schema, "", "", text(row[0]));
      set_optional(object, "comment", row[1]);
      set_optional(object, std::string(k_privileges), privileges(row[2]));
    }
  }

  void read_extensions() {
    // Extensions are read with the schema they live in: plpgsql (in pg_catalog) is in every database anyway.
    for (const auto& row :
         rows_of(query("SELECT e.extname, e.extversion, n.nspname, obj_description(e.oid, 'pg_extension') "
                       "FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE " +
                       in_schemas("n")))) {
      SchemaObject& object = add(ObjectKind::extension, "", "", text(row[0]));
      object.attributes["version"] = text(row[1]);
      object.attributes["schema"] = text(row[2]);
      set_optional(object, "comment", row[3]);
    }
  }

  void read_enums() {
    for (const auto& row :
         rows_of(query("SELECT n.nspname, t.typname, (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY "
                       "e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), obj_description(t.oid, 'pg_type'), "
                       "t.typacl::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                       "WHERE t.typtype = 'e' AND " +
                           in_schemas("n") + " AND " + not_extension_member("pg_type", "t.oid"),
                       Scope::types, "t.oid"))) {
      SchemaObject& object = add(ObjectKind::enum_type, text(row[0]), "", text(row[1]));
      object.attributes["values"] = text(row[2]);
      set_optional(object, "comment", row[3]);
      set_optional(object, std::string(k_privileges), privileges(row[4]));
    }
  }

  void read_domains() {
    for (const auto& row : rows_of(query(
             "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, "
             "pg_get_expr(t.typdefaultbin, 0), CASE WHEN t.typcollation <> b.typcollation THEN "
             "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN "
             "pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END, "
             "(SELECT string_agg('CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), "
             "E'\\n' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid), "
             "obj_description(t.oid, 'pg_type'), t.typacl::text "
             "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type b ON b.oid = t.typbasetype "
             "WHERE t.typtype = 'd' AND " +
                 in_schemas("n") + " AND " + not_extension_member("pg_type", "t.oid"),
             Scope::types, "t.oid"))) {
      SchemaObject& object = add(ObjectKind::domain, text(row[0]), "", text(row[1]));
      object.attributes["type"] = text(row[2]);
      object.attributes["nullable"] = boolean(!is_true(row[3]));
      set_optional(object, "default", row[4]);
      set_optional(object, "collation", row[5]);
      set_optional(object, "constraints", row[6]);
      set_optional(object, "comment", row[7]);
      set_optional(object, std::string(k_privileges), privileges(row[8]));
    }
  }

  void read_composites() {
    for (const auto& row : rows_of(query(
             "SELECT n.nspname, t.typname, (SELECT string_agg(quote_ident(a.attname) || ' ' || "
             "format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> at.typcollation THEN "
             "' COLLATE ' || (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co "
             "JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END, ', ' "
             "ORDER BY a.attnum) FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid WHERE a.attrelid = "
             "t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), obj_description(t.oid, 'pg_type'), "
             "t.typacl::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON "
             "c.oid = t.typrelid WHERE t.typtype = 'c' AND c.relkind = 'c' AND " +
                 in_schemas("n") + " AND " + not_extension_member("pg_type", "t.oid"),
             Scope::types, "t.oid"))) {
      SchemaObject& object = add(ObjectKind::composite_type, text(row[0]), "", text(row[1]));
      object.attributes["attributes"] = text(row[2]);
      set_optional(object, "comment", row[3]);
      set_optional(object, std::string(k_privileges), privileges(row[4]));
    }
  }

  void read_tables() {
    for (const auto& row : rows_of(
             query("SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, "
                   "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
                   "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, "
                   "(SELECT string_agg(quote_ident(pn.nspname) || '.' || quote_ident(p.relname), ', ' ORDER BY "
                   "i.inhseqno) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON "
                   "pn.oid = p.relnamespace WHERE i.inhrelid = c.oid), "
                   "(SELECT string_agg(pn.nspname || '.' || p.relname, E'\\n') FROM pg_inherits i JOIN pg_class p ON "
                   "p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid), "
                   "obj_description(c.oid, 'pg_class'), c.relacl::text, array_to_string(c.reloptions, ', ') "
                   "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE c.relkind IN ('r', 'p') AND " +
                       in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                   Scope::relations, "c.oid"))) {
      if (excluded_table(text(row[0]), text(row[1]))) continue;
      SchemaObject& object = add(ObjectKind::table, text(row[0]), "", text(row[1]));
      object.attributes["partitioned"] = boolean(text(row[2]) == "p");
      object.attributes["unlogged"] = boolean(text(row[3]) == "u");
      object.attributes["row_security"] = boolean(is_true(row[4]));
      object.attributes["force_row_security"] = boolean(is_true(row[5]));
      set_optional(object, "partition_key", row[6]);
      set_optional(object, "partition_bound", row[7]);
      // A partition's parent, or an inheritance child's parents.
      set_optional(object, row[7] ? "partition_of" : "inherits", row[8]);
      if (row[9])
        for (const auto& parent : util::split(*row[9], '\n')) object.depends_on.push_back(parent);
      set_optional(object, "comment", row[10]);
      set_optional(object, std::string(k_privileges), privileges(row[11]));
      set_optional(object, "options", row[12]);
    }
  }

  void read_columns() {
    for (const auto& row : rows_of(
             query("SELECT n.nspname, c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), "
                   "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attgenerated, a.attidentity, "
                   "CASE WHEN a.attcollation <> t.typcollation THEN (SELECT quote_ident(cn.nspname) || '.' || "
                   "quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace "
                   "WHERE co.oid = a.attcollation) END, a.attislocal, col_description(c.oid, a.attnum), "
                   "a.attacl::text, (SELECT string_agg(o.option_name || '=' || o.option_value, ', ' ORDER BY "
                   "o.option_name) FROM pg_options_to_table(a.attoptions) o) "
                   "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON "
                   "n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON "
                   "d.adrelid = a.attrelid AND d.adnum = a.attnum "
                   "WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND " +
                       in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                   Scope::relations, "c.oid", " ORDER BY n.nspname, c.relname, a.attnum"))) {
      if (excluded_table(text(row[0]), text(row[1]))) continue;
      m_positions[{text(row[0]), text(row[1])}] += 1;
      SchemaObject& object = add(ObjectKind::column, text(row[0]), text(row[1]), text(row[2]));
      // Dropped columns leave gaps in attnum; the position counts live columns only.
      object.attributes[std::string(k_position)] = std::to_string(m_positions[{text(row[0]), text(row[1])}]);
      object.attributes["type"] = text(row[4]);
      object.attributes["nullable"] = boolean(!is_true(row[5]));
      if (text(row[7]) == "s") {
        object.attributes["generated"] = text(row[6]);
      } else {
        set_optional(object, "default", row[6]);
      }
      if (text(row[8]) == "a") object.attributes["identity"] = "always";
      if (text(row[8]) == "d") object.attributes["identity"] = "by default";
      set_optional(object, "collation", row[9]);
      if (!is_true(row[10])) object.attributes["inherited"] = "true";
      set_optional(object, "comment", row[11]);
      set_optional(object, std::string(k_privileges), privileges(row[12]));
      set_optional(object, "options", row[13]);
    }
  }

  void read_sequences() {
    for (const auto& row : rows_of(
             query("SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, "
                   "s.seqmax, s.seqcache, s.seqcycle, (SELECT tn.nspname || E'\\n' || t.relname || E'\\n' || a.attname "
                   "FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = "
                   "t.relnamespace JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE "
                   "d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND "
                   "d.deptype = 'a' LIMIT 1), obj_description(c.oid, 'pg_class'), c.relacl::text "
                   "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON "
                   "n.oid = c.relnamespace WHERE " +
                       in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid") +
                       // An identity column's sequence is the column's business (its identity attribute).
                       " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid "
                       "= c.oid "
                       "AND i.deptype = 'i')",
                   Scope::relations, "c.oid"))) {
      std::string owner;
      if (row[9]) {
        const auto parts = util::split(*row[9], '\n');
        if (parts.size() == 3) {
          if (excluded_table(parts[0], parts[1])) continue;
          owner = parts[0] + "." + parts[1] + "." + parts[2];
        }
      }
      SchemaObject& object = add(ObjectKind::sequence, text(row[0]), "", text(row[1]));
      object.attributes["type"] = text(row[2]);
      object.attributes["start"] = text(row[3]);
      object.attributes["increment"] = text(row[4]);
      object.attributes["minimum"] = text(row[5]);
      object.attributes["maximum"] = text(row[6]);
      object.attributes["cache"] = text(row[7]);
      object.attributes["cycle"] = boolean(is_true(row[8]));
      if (!owner.empty()) object.attributes["owned_by"] = owner;
      set_optional(object, "comment", row[10]);
      set_optional(object, std::string(k_privileges), privileges(row[11]));
    }
  }

  void read_constraints() {
    for (const auto& row : rows_of(
             query("SELECT n.nspname, c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid), "
                   "(k.conparentid <> 0 OR NOT k.conislocal), obj_description(k.oid, 'pg_constraint'), "
                   "fn.nspname || '.' || f.relname "
                   "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON "
                   "n.oid = c.relnamespace LEFT JOIN pg_class f ON f.oid = k.confrelid LEFT JOIN pg_namespace fn ON "
                   "fn.oid = f.relnamespace WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND " +
                       in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                   Scope::relations, "c.oid"))) {
      if (excluded_table(text(row[0]), text(row[1]))) continue;
      SchemaObject& object = add(ObjectKind::constraint, text(row[0]), text(row[1]), text(row[2]));
      const std::string& type = text(row[3]);
      object.attributes["type"] = type == "p"   ? "primary key"
                                  : type == "u" ? "unique"
                                  : type == "c" ? "check"
                                  : type == "f" ? "foreign key"
                                                : "exclusion";
      object.attributes["definition"] = text(row[4]);
      if (is_true(row[5])) object.attributes["inherited"] = "true";
      set_optional(object, "comment", row[6]);
      if (row[7]) object.depends_on.push_back(*row[7]);
    }
  }

  void read_indexes() {
    for (const auto& row : rows_of(query(
             "SELECT n.nspname, t.relname, i.relname, pg_get_indexdef(i.oid), "
             "EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid), obj_description(i.oid, 'pg_class') "
             "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
             "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE " +
                 in_schemas("n") + " AND " + not_extension_member("pg_class", "t.oid") +
                 // A primary key, unique or exclusion constraint's index is the constraint's business.
                 " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = t.oid AND "
                 "k.contype IN ('p', 'u', 'x'))",
             Scope::relations, "t.oid"))) {
      if (excluded_table(text(row[0]), text(row[1]))) continue;
      SchemaObject& object = add(ObjectKind::index, text(row[0]), text(row[1]), text(row[2]));
      object.attributes["definition"] = text(row[3]);
      if (is_true(row[4])) object.attributes["inherited"] = "true";
      set_optional(object, "comment", row[5]);
    }
  }

  void read_views() {
    for (const auto& row : rows_of(
             query("SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid), obj_description(c.oid, 'pg_class'), "
                   "c.relacl::text, array_to_string(c.reloptions, ', '), "
                   "(SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' "
                   "ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT "
                   "a.attisdropped) "
                   "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE c.relkind IN ('v', 'm') AND " +
                       in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                   Scope::relations, "c.oid"))) {
      SchemaObject& object =
          add(text(row[2]) == "m" ? ObjectKind::materialized_view : ObjectKind::view, text(row[0]), "", text(row[1]));
      object.attributes["definition"] = text(row[3]);
      set_optional(object, "comment", row[4]);
      set_optional(object, std::string(k_privileges), privileges(row[5]));
      set_optional(object, "options", row[6]);
      set_optional(object, std::string(k_output_columns), row[7]);
    }
  }

  // Which relations each view's query reads, so format_sql() creates them first.
  void read_view_dependencies() {
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> needs;
    for (const auto& row : rows_of(
             query("SELECT DISTINCT n.nspname, v.relname, rn.nspname || '.' || r.relname FROM pg_rewrite w "
                   "JOIN pg_class v ON v.oid = w.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace "
                   "JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND "
                   "d.refclassid = 'pg_class'::regclass JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON "
                   "rn.oid = r.relnamespace WHERE v.relkind IN ('v', 'm') AND r.oid <> v.oid AND " +
                       in_schemas("n"),
                   Scope::relations, "v.oid")))
      needs[{text(row[0]), text(row[1])}].push_back(text(row[2]));
    for (auto& object : m_snapshot.objects) {
      if (object.kind != ObjectKind::view && object.kind != ObjectKind::materialized_view) continue;
      const auto found = needs.find({object.schema, object.name});
      if (found != needs.end()) object.depends_on = found->second;
    }
  }

  void read_functions() {
    for (const auto& row : rows_of(
             query("SELECT n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind, "
                   "pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc'), p.proacl::text "
                   "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                   "WHERE p.prokind IN ('f', 'p') AND " +
                       in_schemas("n") + " AND " + not_extension_member("pg_proc", "p.oid"),
                   Scope::functions, "p.oid"))) {
      SchemaObject& object =
          add(text(row[2]) == "p" ? ObjectKind::procedure : ObjectKind::function, text(row[0]), "", text(row[1]));
      object.attributes["definition"] = text(row[3]);
      set_optional(object, "comment", row[4]);
      set_optional(object, std::string(k_privileges), privileges(row[5]));
    }
  }

  void read_triggers() {
    for (const auto& row : rows_of(
             query("SELECT n.nspname, c.relname, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled, g.tgparentid <> 0, "
                   "obj_description(g.oid, 'pg_trigger') FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN "
                   "pg_namespace n ON n.oid = c.relnamespace WHERE NOT g.tgisinternal AND " +
                       in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                   Scope::relations, "c.oid"))) {
      if (excluded_table(text(row[0]), text(row[1]))) continue;
      SchemaObject& object = add(ObjectKind::trigger, text(row[0]), text(row[1]), text(row[2]));
      object.attributes["definition"] = text(row[3]);
      const std::string& enabled = text(row[4]);
      if (enabled != "O")
        object.attributes["enabled"] = enabled == "D" ? "disabled" : enabled == "R" ? "replica" : "always";
      if (is_true(row[5])) object.attributes["inherited"] = "true";
      set_optional(object, "comment", row[6]);
    }
  }

  void read_policies() {
    for (const auto& row :
         rows_of(query("SELECT n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive, "
                       "(SELECT string_agg(role, ', ' ORDER BY role) FROM (SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE "
                       "quote_ident(pg_get_userbyid(r)) END AS role FROM unnest(p.polroles) r) roles), "
                       "pg_get_expr(p.polqual, p.polrelid), "
                       "pg_get_expr(p.polwithcheck, p.polrelid), obj_description(p.oid, 'pg_policy') "
                       "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON "
                       "n.oid = c.relnamespace WHERE " +
                           in_schemas("n"),
                       Scope::relations, "c.oid"))) {
      SchemaObject& object = add(ObjectKind::policy, text(row[0]), text(row[1]), text(row[2]));
      const std::string& command = text(row[3]);
      object.attributes["command"] = command == "r"   ? "SELECT"
                                     : command == "a" ? "INSERT"
                                     : command == "w" ? "UPDATE"
                                     : command == "d" ? "DELETE"
                                                      : "ALL";
      object.attributes["permissive"] = boolean(is_true(row[4]));
      object.attributes["roles"] = text(row[5]);
      set_optional(object, "using", row[6]);
      set_optional(object, "with_check", row[7]);
      set_optional(object, "comment", row[8]);
    }
  }

  // One reader per object kind; each reads all objects of its kind, or those the filter lists.
  void read_kinds() {
    m_snapshot.engine = db::Engine::postgres;
    // An incremental read skips the kinds it has nothing to re-read of: each query is a round trip.
    const Filter everything;
    const Filter& only = m_filter ? *m_filter : everything;
    if (only.schemas) {
      read_schemas();
      read_extensions();
    }
    if (!m_filter || m_filter->types != "{}") {
      read_enums();
      read_domains();
      read_composites();
    }
    if (!m_filter || m_filter->relations != "{}") {
      if (only.tables) {
        read_tables();
        read_columns();
        read_constraints();
      }
      if (only.tables || only.views) read_indexes();
      if (only.sequences) read_sequences();
      if (only.views) {
        read_views();
        read_view_dependencies();
      }
      if (only.triggers) read_triggers();
      if (only.policies) read_policies();
    }
    if (!m_filter || m_filter->functions != "{}") read_functions();
  }

  db::Connection& m_connection;
  const ReadOptions& m_options;
  std::string m_schemas;
  std::string m_version_schema;
  Snapshot m_snapshot;
  std::map<std::pair<std::string, std::string>, int> m_positions;
  std::optional<Filter> m_filter;
  Runner m_runner;
};

}  // namespace strata::schema::postgres_catalog
