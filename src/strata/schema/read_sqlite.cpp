// The SQLite catalog reader: sqlite_schema for the list of objects and the SQL of views, triggers and indexes;
// PRAGMA table_xinfo, index_list, index_xinfo and foreign_key_list (through their table-valued functions) for
// tables, whose stored CREATE statement is never compared as text because ALTER TABLE rewrites it.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/schema/catalog_rows.hpp"
#include "strata/schema/read_incremental.hpp"
#include "strata/schema/sqlite_table_sql.hpp"
#include "strata/util/strings.hpp"

namespace strata::schema {

namespace {

using catalog::boolean;
using catalog::rows_of;
using catalog::text;

std::string upper(std::string value) {
  bool quoted = false;
  for (char& c : value) {
    if (c == '"' || c == '\'') quoted = !quoted;
    if (!quoted && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return value;
}

struct Catalog {
  db::Connection& connection;
  Snapshot& snapshot;
};

void read_columns(Catalog& catalog, const std::string& table, const sqlite_sql::TableSql& parsed,
                  SchemaObject& table_object) {
  const auto rows = catalog.connection.query(
      "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo($1) ORDER BY cid", {table});
  std::vector<std::pair<int, std::string>> primary_key;
  int position = 0;
  for (const auto& row : rows.rows()) {
    const int hidden = std::stoi(text(row[6]));
    if (hidden == 1) continue;  // a virtual table's hidden column
    SchemaObject column;
    column.kind = ObjectKind::column;
    column.table = table;
    column.name = text(row[1]);
    column.attributes["type"] = upper(normalise_sql(text(row[2])));
    column.attributes["nullable"] = boolean(text(row[3]) == "0");
    if (row[4]) column.attributes["default"] = normalise_sql(*row[4]);
    column.attributes[std::string(k_position)] = std::to_string(++position);
    const auto extras = parsed.columns.find(column.name);
    if (extras != parsed.columns.end()) {
      if (!extras->second.collation.empty()) column.attributes["collation"] = upper(extras->second.collation);
      if (hidden == 2 || hidden == 3)
        column.attributes["generated"] =
            fmt::format("({}) {}", extras->second.generated, hidden == 3 ? "STORED" : "VIRTUAL");
      if (extras->second.autoincrement) table_object.attributes["autoincrement"] = "true";
    }
    const int pk = std::stoi(text(row[5]));
    if (pk > 0) primary_key.emplace_back(pk, column.name);
    catalog.snapshot.objects.push_back(std::move(column));
  }
  std::sort(primary_key.begin(), primary_key.end());
  std::vector<std::string> names;
  names.reserve(primary_key.size());
  for (const auto& [order, name] : primary_key) names.push_back(name);
  if (!names.empty()) table_object.attributes["primary_key"] = util::join(names, ", ");
}

std::string index_columns(Catalog& catalog, const std::string& index) {
  const auto rows = catalog.connection.query(
      "SELECT seqno, cid, name, \"desc\", coll, \"key\" FROM pragma_index_xinfo($1) ORDER BY seqno", {index});
  std::vector<std::string> columns;
  for (const auto& row : rows.rows()) {
    if (text(row[5]) != "1") continue;
    std::string column = text(row[1]) == "-2" ? "(expression)" : text(row[2]);
    if (text(row[4]) != "BINARY") column += fmt::format(" COLLATE {}", upper(text(row[4])));
    if (text(row[3]) == "1") column += " DESC";
    columns.push_back(std::move(column));
  }
  return util::join(columns, ", ");
}

// The WHERE clause of a partial index's CREATE INDEX statement.
std::string partial_where(const std::string& sql) {
  const auto words = normalise_sql(sql);
  // The last top-level WHERE: expressions in the column list sit inside parentheses.
  int depth = 0;
  std::size_t where = std::string::npos;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == '\'' || words[i] == '"') {
      const char quote = words[i];
      for (++i; i < words.size() && words[i] != quote; ++i) {}
      continue;
    }
    if (words[i] == '(') ++depth;
    if (words[i] == ')') --depth;
    if (depth == 0 && i + 6 <= words.size() && (i == 0 || words[i - 1] == ' ' || words[i - 1] == ')')) {
      std::string word = upper(words.substr(i, 5));
      if (word == "WHERE" && (i + 5 == words.size() || words[i + 5] == ' ' || words[i + 5] == '(')) where = i;
    }
  }
  return where == std::string::npos ? std::string() : std::string(util::trim(words.substr(where + 5)));
}

void read_indexes(Catalog& catalog, const std::string& table, const std::map<std::string, std::string>& index_sql) {
  const auto rows =
      catalog.connection.query("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)", {table});
  for (const auto& row : rows.rows()) {
    const std::string& name = text(row[0]);
    const std::string& origin = text(row[2]);
    if (origin == "pk") continue;  // the table's primary_key attribute says it
    if (origin == "u") {
      // An automatic index of a UNIQUE constraint: its name follows the constraint's place in the statement, so
      // the constraint is identified by its columns instead.
      SchemaObject unique;
      unique.kind = ObjectKind::constraint;
      unique.table = table;
      const std::string columns = index_columns(catalog, name);
      unique.name = fmt::format("unique ({})", columns);
      unique.attributes["type"] = "unique";
      unique.attributes["columns"] = columns;
      catalog.snapshot.objects.push_back(std::move(unique));
      continue;
    }
    SchemaObject index;
    index.kind = ObjectKind::index;
    index.table = table;
    index.name = name;
    index.attributes["unique"] = boolean(text(row[1]) == "1");
    index.attributes["columns"] = index_columns(catalog, name);
    const auto sql = index_sql.find(name);
    if (sql != index_sql.end()) {
      index.attributes["definition"] = normalise_sql(sql->second);
      if (text(row[3]) == "1") index.attributes["where"] = partial_where(sql->second);
    }
    catalog.snapshot.objects.push_back(std::move(index));
  }
}

void read_foreign_keys(Catalog& catalog, const std::string& table) {
  const auto rows = catalog.connection.query(
      "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, \"match\" FROM pragma_foreign_key_list($1) "
      "ORDER BY id, seq",
      {table});
  struct Key {
    std::string parent;
    std::vector<std::string> from;
    std::vector<std::string> to;
    std::string on_update;
    std::string on_delete;
    std::string match;
  };
  std::map<std::string, Key> keys;
  std::set<std::string> names;
  for (const auto& row : rows.rows()) {
    Key& key = keys[text(row[0])];
    key.parent = text(row[2]);
    key.from.push_back(text(row[3]));
    if (row[4]) key.to.push_back(*row[4]);
    key.on_update = text(row[5]);
    key.on_delete = text(row[6]);
    key.match = text(row[7]);
  }
  for (const auto& [id, key] : keys) {
    SchemaObject constraint;
    constraint.kind = ObjectKind::constraint;
    constraint.table = table;
    constraint.name = fmt::format("foreign key ({})", util::join(key.from, ", "));
    constraint.attributes["type"] = "foreign key";
    constraint.attributes["columns"] = util::join(key.from, ", ");
    constraint.attributes["references"] =
        key.to.empty() ? key.parent : fmt::format("{} ({})", key.parent, util::join(key.to, ", "));
    constraint.attributes["on_update"] = key.on_update;
    constraint.attributes["on_delete"] = key.on_delete;
    if (key.match != "NONE") constraint.attributes["match"] = key.match;
    // Two foreign keys on the same columns (to different tables) keep apart by their target.
    if (!names.insert(constraint.name).second) constraint.name += fmt::format(" references {}", key.parent);
    constraint.depends_on.push_back(key.parent);
    catalog.snapshot.objects.push_back(std::move(constraint));
  }
}

void read_checks(Catalog& catalog, const std::string& table, const sqlite_sql::TableSql& parsed) {
  for (const auto& check : parsed.checks) {
    SchemaObject constraint;
    constraint.kind = ObjectKind::constraint;
    constraint.table = table;
    constraint.name = check.name.empty() ? fmt::format("check ({})", check.expression) : check.name;
    constraint.attributes["type"] = "check";
    constraint.attributes["expression"] = check.expression;
    catalog.snapshot.objects.push_back(std::move(constraint));
  }
}

bool excluded(const std::string& name, const ReadOptions& options) {
  return name == options.version_store.table || name == options.version_store.log_table || name == "alembic_version" ||
         name.starts_with("sqlite_");
}

// One catalog row of sqlite_schema.
struct CatalogRow {
  std::string type;
  std::string name;
  std::string table;
  db::Cell sql;
};

// What a SQLite snapshot is read from: every object's stored statement. Any change to a table (ALTER TABLE
// included) rewrites its row's statement, and an index or trigger has its own row, so comparing these rows with
// the previous read's tells exactly which objects to read again.
struct SchemaRows {
  std::set<std::string> shadow;
  std::vector<CatalogRow> rows;
  std::map<std::string, std::string> index_sql;
  std::vector<std::string> view_names;
};

SchemaRows read_schema_rows(db::Connection& connection, const ReadOptions& options) {
  SchemaRows schema;
  for (const auto& row : rows_of(connection.query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND "
                                                  "type = 'shadow'")))
    schema.shadow.insert(text(row[0]));
  const auto objects = connection.query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  for (const auto& row : objects.rows()) {
    CatalogRow entry{text(row[0]), text(row[1]), text(row[2]), row[3]};
    if (entry.type == "index" && entry.sql) schema.index_sql[entry.name] = *entry.sql;
    if (entry.type == "view") schema.view_names.push_back(entry.name);
    const bool own = entry.type == "trigger" || entry.type == "index";
    if (excluded(own ? entry.table : entry.name, options) || schema.shadow.count(entry.name) > 0) continue;
    schema.rows.push_back(std::move(entry));
  }
  return schema;
}

// A unit of re-reading: a table with its columns, indexes and constraints ('t'), a view ('v'), a trigger ('g').
using Unit = std::pair<char, std::string>;

Unit unit_of_row(const CatalogRow& row) {
  if (row.type == "index") return {'t', row.table};
  if (row.type == "view") return {'v', row.name};
  if (row.type == "trigger") return {'g', row.name};
  return {'t', row.name};
}

Unit unit_of_object(const SchemaObject& object) {
  switch (object.kind) {
    case ObjectKind::view: return {'v', object.name};
    case ObjectKind::trigger: return {'g', object.name};
    case ObjectKind::table: return {'t', object.name};
    default: return {'t', object.table};
  }
}

// The objects one catalog row of a table, view or trigger gives (an index row gives none: its table reads it).
void read_row(Catalog& catalog, const CatalogRow& row, const SchemaRows& schema) {
  const std::string& name = row.name;
  const std::string& sql = text(row.sql);
  auto& snapshot = catalog.snapshot;
  if (row.type == "table") {
    SchemaObject object;
    object.kind = ObjectKind::table;
    object.name = name;
    if (upper(sql.substr(0, 20)).starts_with("CREATE VIRTUAL")) {
      // A virtual table's shape belongs to its module; its statement is all there is to compare.
      object.attributes["definition"] = normalise_sql(sql);
      snapshot.objects.push_back(std::move(object));
      return;
    }
    const auto parsed = sqlite_sql::parse_create_table(sql);
    object.attributes["without_rowid"] = boolean(parsed.without_rowid);
    object.attributes["strict"] = boolean(parsed.strict);
    read_columns(catalog, name, parsed, object);
    read_indexes(catalog, name, schema.index_sql);
    read_foreign_keys(catalog, name);
    read_checks(catalog, name, parsed);
    snapshot.objects.push_back(std::move(object));
  } else if (row.type == "view") {
    SchemaObject view;
    view.kind = ObjectKind::view;
    view.name = name;
    view.attributes["definition"] = normalise_sql(sql);
    const auto words = sqlite_sql::identifiers(sql);
    for (const auto& other : schema.view_names) {
      std::string lowered = other;
      for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (other != name && std::find(words.begin(), words.end(), lowered) != words.end())
        view.depends_on.push_back(other);
    }
    snapshot.objects.push_back(std::move(view));
  } else if (row.type == "trigger") {
    SchemaObject trigger;
    trigger.kind = ObjectKind::trigger;
    trigger.table = row.table;
    trigger.name = name;
    trigger.attributes["definition"] = normalise_sql(sql);
    snapshot.objects.push_back(std::move(trigger));
  }
}

class SqliteIncremental final : public SnapshotReader::Engine {
public:
  SqliteIncremental(db::Connection& connection, const ReadOptions& options)
      : m_connection(connection), m_options(options) {}

  void read(Snapshot& snapshot, SnapshotReader::Stats& stats) override {
    snapshot.engine = db::Engine::sqlite;
    // One read transaction: the catalog cannot change between the queries.
    std::optional<db::Transaction> transaction;
    if (!m_connection.in_transaction()) transaction.emplace(m_connection.begin(db::TransactionMode::read));
    const SchemaRows schema = read_schema_rows(m_connection, m_options);

    std::map<Unit, std::string> signatures;
    for (const auto& row : schema.rows) {
      std::string& signature = signatures[unit_of_row(row)];
      for (const std::string* part : {&row.type, &row.name, &row.table, &text(row.sql)}) {
        signature += std::to_string(part->size());
        signature += ':';
        signature += *part;
      }
      signature += row.sql ? "" : "-";
    }
    // A view's dependencies are the other views its statement names, so a new or dropped view re-reads them all.
    const bool full = !m_read || schema.shadow != m_shadow;
    const bool all_views = full || schema.view_names != m_view_names;
    std::set<Unit> stale;
    for (const auto& [unit, signature] : signatures) {
      const auto before = m_signatures.find(unit);
      if (full || (all_views && unit.first == 'v') || before == m_signatures.end() || before->second != signature)
        stale.insert(unit);
    }
    for (const auto& [unit, signature] : m_signatures)
      if (signatures.count(unit) == 0) stale.insert(unit);

    Snapshot fresh;
    Catalog catalog{m_connection, fresh};
    for (const auto& row : schema.rows)
      if (stale.count(unit_of_row(row)) > 0) read_row(catalog, row, schema);
    if (transaction) transaction->commit();
    if (full) snapshot.objects.clear();
    replace_objects(
        snapshot, [&](const SchemaObject& object) { return !full && stale.count(unit_of_object(object)) > 0; },
        std::move(fresh.objects), &stats.groups);
    stats.full = full;
    stats.reread = stale.size();
    m_signatures = std::move(signatures);
    m_shadow = schema.shadow;
    m_view_names = schema.view_names;
    m_read = true;
  }

private:
  db::Connection& m_connection;
  const ReadOptions& m_options;
  bool m_read = false;
  std::map<Unit, std::string> m_signatures;
  std::set<std::string> m_shadow;
  std::vector<std::string> m_view_names;
};

}  // namespace

Snapshot read_sqlite_snapshot(db::Connection& connection, const ReadOptions& options) {
  Snapshot snapshot;
  SnapshotReader::Stats stats;
  SqliteIncremental(connection, options).read(snapshot, stats);
  return snapshot;
}

std::unique_ptr<SnapshotReader::Engine> sqlite_incremental(db::Connection& connection, const ReadOptions& options) {
  return std::make_unique<SqliteIncremental>(connection, options);
}

}  // namespace strata::schema
