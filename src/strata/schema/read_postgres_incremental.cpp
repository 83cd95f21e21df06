// The PostgreSQL half of SnapshotReader (read.hpp): what both ways of telling what changed share, the re-reading of
// the stale units and the check for renames (read_postgres_incremental.hpp).
#include "strata/schema/read_postgres_incremental.hpp"

namespace strata::schema {
namespace postgres_catalog {

void PostgresIncremental::read(Snapshot& snapshot, SnapshotReader::Stats& stats) {
  if (m_options.capture_changes && !m_capture_tried && !m_connection.in_transaction()) install_capture();
  // A read that fails half-way leaves the snapshot half-updated: the next read is then a full one.
  bool known = m_read;
  m_read = false;
  if (known && m_capturing && m_version_schema && !m_connection.in_transaction()) {
    if (read_logged(snapshot, stats)) return;  // read_captured() set m_read
    known = false;                             // the log asks for a full read
  }
  // Taking the log goes in the same round trip as the read's first query, inside the read's transaction: when the
  // read fails, the log comes back with the rollback.
  std::vector<std::string> also{k_generic_plans};
  if (m_capturing) also.push_back(k_take_changes_counting);
  with_catalog_path(
      m_connection, m_options,
      [&](Reader& reader, std::vector<db::Result>& taken) {
        if (!m_version_schema) m_version_schema = reader.version_schema();
        reader.run_with(
            [this](const std::string& sql, const db::Params& params) { return m_prepared.run(sql, params); });
        if (m_capturing) {
          const auto& changes = taken.at(1);
          const auto alive = changes.rows().empty() ? 0 : std::stoull(text(changes.rows().front()[0]));
          if (alive < m_prepared.size()) m_prepared.refresh();
          read_captured(reader, snapshot, stats, changes, nullptr, known);
        } else {
          m_prepared.refresh();
          read_in_transaction(reader, snapshot, stats, known);
        }
        return 0;
      },
      also);
}

// Re-reads the `stale` units: those that still exist are read again, and every object of a stale unit's previous
// name leaves the snapshot first (a dropped unit's objects just leave).
void PostgresIncremental::reread(Reader& reader, Snapshot& snapshot, SnapshotReader::Stats& stats,
                                 const std::set<Key>& stale, const std::function<bool(const Key&)>& exists,
                                 const Kinds* kinds) {
  Reader::Filter filter;
  if (kinds) {
    // Only what the stale relations hold now; a relation of unknown kind needs every query.
    filter.schemas = kinds->schemas;
    filter.tables = filter.views = filter.sequences = filter.triggers = filter.policies = false;
    for (const auto& key : stale) {
      if (key.first != 'r' || !exists(key)) continue;
      const auto found = kinds->relations.find(key.second);
      const std::string flags = found == kinds->relations.end() ? "rvSgP" : found->second;
      filter.tables = filter.tables || flags.find_first_of("rpf") != std::string::npos;
      filter.views = filter.views || flags.find_first_of("vm") != std::string::npos;
      filter.sequences = filter.sequences || flags.find('S') != std::string::npos;
      filter.triggers = filter.triggers || flags.find('g') != std::string::npos;
      filter.policies = filter.policies || flags.find('P') != std::string::npos;
    }
  }
  GroupSet relations;  // (schema, name) of stale relations, before
  GroupSet types;
  GroupSet functions;
  std::vector<std::string> oids[3];
  for (const auto& key : stale) {
    const int at = key.first == 'r' ? 0 : key.first == 't' ? 1 : 2;
    if (exists(key)) oids[at].push_back(key.second);
    const auto before = m_units.find(key);
    if (before == m_units.end()) continue;
    auto& names = at == 0 ? relations : at == 1 ? types : functions;
    names.insert({before->second.schema, before->second.name});
  }
  filter.relations = "{" + util::join(oids[0], ",") + "}";
  filter.types = "{" + util::join(oids[1], ",") + "}";
  filter.functions = "{" + util::join(oids[2], ",") + "}";
  const bool schemas = filter.schemas;
  // Which queries a read runs depends on the filter only, never on another query's rows: a dry run with empty
  // results lists them, they go to the server in one round trip, and the real run takes their results in order.
  std::vector<std::pair<std::string, db::Params>> queries;
  reader.run_with([&queries](const std::string& sql, const db::Params& params) {
    queries.emplace_back(sql, params);
    return db::Result{};
  });
  reader.read_some(filter);
  auto results = m_prepared.run_batch(queries);
  std::size_t next = 0;
  reader.run_with([&](const std::string& sql, const db::Params& params) {
    if (next < results.size() && queries[next].first == sql && queries[next].second == params)
      return std::move(results[next++]);
    return m_prepared.run(sql, params);  // not the same queries after all: ask the server as usual
  });
  auto fresh = reader.read_some(std::move(filter));
  reader.run_with([this](const std::string& sql, const db::Params& params) { return m_prepared.run(sql, params); });
  const auto is_stale = [&](const SchemaObject& o) {
    switch (o.kind) {
      case ObjectKind::schema:
      case ObjectKind::extension: return schemas;
      case ObjectKind::enum_type:
      case ObjectKind::domain:
      case ObjectKind::composite_type: return types.count(group_name(o)) > 0;
      case ObjectKind::function:
      case ObjectKind::procedure: return functions.count(group_name(o)) > 0;
      default: return relations.count(group_name(o)) > 0;  // a relation, its members and indexes
    }
  };
  replace_objects(snapshot, is_stale, std::move(fresh), &stats.groups);
  Reader::drop_version_store_schema(snapshot, m_options, &stats.groups);
  stats.full = false;
  stats.reread = stale.size();
}

// Records the names of catalog rows written since `since` (all of them when 0); false when a row that was
// known already now has another name: a rename, which changes what other objects' definitions show.
bool PostgresIncremental::renames_checked(long long since) {
  const std::string newer = " WHERE xmin::text::bigint >= $1";
  const auto rows = m_prepared.run(
      "SELECT 'c', oid::text, relnamespace::text || ' ' || relname FROM pg_class" + newer +
          " UNION ALL SELECT 't', oid::text, typnamespace::text || ' ' || typname FROM pg_type" + newer +
          " UNION ALL SELECT 'p', oid::text, pronamespace::text || ' ' || proname FROM pg_proc" + newer +
          " UNION ALL SELECT 'n', oid::text, nspname FROM pg_namespace" + newer +
          " UNION ALL SELECT 'a', attrelid::text || '.' || attnum, attname FROM pg_attribute" + newer +
          " AND attnum > 0 UNION ALL SELECT 'o', oid::text, collnamespace::text || ' ' || collname FROM "
          "pg_collation" +
          newer + " UNION ALL SELECT 'x', oid::text, opcnamespace::text || ' ' || opcname FROM pg_opclass" + newer +
          " UNION ALL SELECT 'y', oid::text, oprnamespace::text || ' ' || oprname FROM pg_operator" + newer,
      {std::to_string(since)});
  bool same = true;
  for (const auto& row : rows.rows()) {
    const std::string& name = text(row[2]);
    // A dropped column is renamed "........pg.dropped.N........"; the table's own change re-reads it.
    if (text(row[0]) == "a" && name.starts_with("........pg.dropped.")) continue;
    auto [at, inserted] = m_names.try_emplace(text(row[0]) + text(row[1]), name);
    if (!inserted && at->second != name) {
      same = false;
      at->second = name;
    }
  }
  return same || since == 0;
}

}  // namespace postgres_catalog

std::unique_ptr<SnapshotReader::Engine> postgres_incremental(db::Connection& connection, const ReadOptions& options) {
  return std::make_unique<postgres_catalog::PostgresIncremental>(connection, options);
}

}  // namespace strata::schema
