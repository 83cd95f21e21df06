#pragma once
// The PostgreSQL catalog reader, shared by the full read (read_postgres.cpp) and the incremental one
// (read_postgres_incremental.hpp); the query of each object kind is in read_postgres_kinds.cpp. Every definition comes
// from the server's own deparsers (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef,
// pg_get_functiondef, pg_get_triggerdef), so two spellings of the same DDL read back the same. One query per object
// kind over all selected schemas, inside one read-only transaction so the catalog cannot change between them. Internal
// to schema/.
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

  void read_schemas();
  void read_extensions();
  void read_enums();
  void read_domains();
  void read_composites();
  void read_tables();
  void read_columns();
  void read_sequences();
  void read_constraints();
  void read_indexes();
  void read_views();
  // Which relations each view's query reads, so format_sql() creates them first.
  void read_view_dependencies();
  void read_functions();
  void read_triggers();
  void read_policies();
  // One reader per object kind; each reads all objects of its kind, or those the filter lists.
  void read_kinds();

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
