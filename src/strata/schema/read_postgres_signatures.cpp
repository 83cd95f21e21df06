// Telling what changed from catalog signatures, when the database has no DDL log (read_postgres_incremental.hpp).
// Every catalog row carries the id of the transaction that wrote it (xmin), and transaction ids only grow: after any
// insert or update, the rows an object owns have a newer max(xmin); after a delete, fewer rows. So a signature of
// count and max(xmin) per catalog, per object, changes exactly when the object's catalog rows do.
#include "strata/schema/read_postgres_incremental.hpp"

namespace strata::schema::postgres_catalog {

namespace {

// count:max(xmin) of some catalog rows, as SQL over `rows` (a FROM ... WHERE ... clause with alias r).
std::string rows_signature(const std::string& rows) {
  return fmt::format("(SELECT count(*) || ':' || coalesce(max(r.xmin::text::bigint), 0) {})", rows);
}

}  // namespace

void PostgresIncremental::read_in_transaction(Reader& reader, Snapshot& snapshot, SnapshotReader::Stats& stats,
                                              bool known) {
  const auto horizon = std::stoll(
      text(m_connection.query("SELECT txid_snapshot_xmin(txid_current_snapshot()) % 4294967296").one_field()));
  // Transaction ids wrap around at 2^32: then "newer" cannot be told by comparing them.
  bool full = !known || horizon < m_horizon;
  if (!renames_checked(full ? 0 : m_horizon)) full = true;
  auto units = read_units(reader, full);
  if (full) {
    snapshot = reader.read();
    stats.full = true;
    stats.reread = units.size();
  } else {
    std::set<Key> stale;
    for (const auto& [key, unit] : units) {
      const auto before = m_units.find(key);
      if (before == m_units.end() || before->second.signature != unit.signature) stale.insert(key);
    }
    for (const auto& [key, unit] : m_units)
      if (units.count(key) == 0) stale.insert(key);
    reread(reader, snapshot, stats, stale, [&](const Key& key) { return units.count(key) > 0; });
  }
  snapshot.engine = db::Engine::postgres;
  m_units = std::move(units);
  m_buckets = std::move(m_next_buckets);
  m_horizon = horizon;
  m_read = true;
}

// The relations, types and functions of the selected schemas, with their signatures. Relations are the many:
// their signatures are computed on the server and compared there in 256 buckets (by oid), so that a step that
// changed one table transfers 256 short hashes and the rows of one bucket, not one row per table.
auto PostgresIncremental::read_units(Reader& reader, bool full) -> std::map<Key, Unit> {
  // (owner oid, part letter, xmin) of every catalog row a user relation (oid >= 16384) owns; `only` restricts the
  // owners to some buckets ($2).
  struct Part {
    const char* owner;
    const char* letter;
    const char* xmin;
    const char* from;
    const char* where;
  };
  static const Part k_parts[] = {
      {"oid", "c", "xmin", "pg_class", "oid >= 16384"},
      {"attrelid", "a", "xmin", "pg_attribute", "attrelid >= 16384 AND attnum > 0"},
      {"adrelid", "d", "xmin", "pg_attrdef", "true"},
      {"conrelid", "k", "xmin", "pg_constraint", "conrelid <> 0"},
      {"indrelid", "i", "xmin", "pg_index", "indrelid >= 16384"},
      {"x.indrelid", "j", "i.xmin", "pg_index x JOIN pg_class i ON i.oid = x.indexrelid", "x.indrelid >= 16384"},
      {"tgrelid", "g", "xmin", "pg_trigger", "true"},
      {"polrelid", "p", "xmin", "pg_policy", "true"},
      {"inhrelid", "h", "xmin", "pg_inherits", "true"},
      {"seqrelid", "s", "xmin", "pg_sequence", "seqrelid >= 16384"},
      {"ev_class", "w", "xmin", "pg_rewrite", "ev_class >= 16384"},
      {"objid", "e", "xmin", "pg_depend", "classid = 'pg_class'::regclass AND objid >= 16384"},
      // A comment on a constraint, index, trigger or policy belongs to its table.
      {"coalesce(k.conrelid, x.indrelid, g.tgrelid, p.polrelid, m.objoid)", "m", "m.xmin",
       "pg_description m LEFT JOIN pg_constraint k ON k.oid = m.objoid LEFT JOIN pg_index x ON "
       "x.indexrelid = m.objoid LEFT JOIN pg_trigger g ON g.oid = m.objoid LEFT JOIN pg_policy p ON "
       "p.oid = m.objoid",
       "m.objoid >= 16384"},
  };
  const auto signatures = [](bool only) {
    std::string parts;
    for (const auto& part : k_parts) {
      if (!parts.empty()) parts += " UNION ALL ";
      parts += std::string("SELECT ") + part.owner + " AS owner, '" + part.letter + "' AS part, " + part.xmin +
               " AS x FROM " + part.from + " WHERE " + part.where;
      if (only) parts += std::string(" AND (") + part.owner + "::bigint % 256)::text = ANY($2::text[])";
    }
    return "WITH grouped AS (SELECT owner, part, count(*) || ':' || max(x::text::bigint) AS signature FROM (" + parts +
           ") parts GROUP BY owner, part), signatures AS (SELECT owner, string_agg(part || signature, "
           "',' ORDER BY part) AS signature FROM grouped GROUP BY owner) ";
  };
  std::map<std::string, std::string> buckets;
  for (const auto& row : rows_of(
           m_prepared.run(signatures(false) +
                              "SELECT (owner::bigint % 256)::text, md5(string_agg(owner::text || '=' || signature, ';' "
                              "ORDER BY owner)) FROM signatures GROUP BY 1",
                          {})))
    buckets[text(row[0])] = text(row[1]);
  std::vector<std::string> changed;
  for (const auto& [bucket, hash] : buckets) {
    const auto before = m_buckets.find(bucket);
    if (full || before == m_buckets.end() || before->second != hash) changed.push_back(bucket);
  }
  for (const auto& [bucket, hash] : m_buckets)
    if (buckets.count(bucket) == 0) changed.push_back(bucket);
  std::map<Key, Unit> units;
  const std::set<std::string> dirty(changed.begin(), changed.end());
  for (const auto& [key, unit] : m_units)
    if (!full && key.first == 'r' && dirty.count(std::to_string(std::stoull(key.second) % 256)) == 0)
      units.emplace(key, unit);
  if (!changed.empty()) {
    const std::string relations =
        signatures(true) +
        "SELECT 'r', c.oid::text, n.nspname, c.relname, s.signature FROM pg_class c JOIN "
        "pg_namespace n ON n.oid = c.relnamespace JOIN signatures s ON s.owner = c.oid WHERE "
        "c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND (c.oid::bigint % 256)::text = ANY($2::text[]) AND " +
        reader.in_schemas("n");
    for (const auto& row :
         rows_of(m_prepared.run(relations, {reader.schemas_array(), "{" + util::join(changed, ",") + "}"})))
      units[{'r', text(row[1])}] = Unit{text(row[2]), text(row[3]), text(row[4])};
  }
  m_next_buckets = std::move(buckets);
  const std::string types =
      "SELECT 't', t.oid::text, n.nspname, t.typname, t.xmin::text || ',' || " +
      rows_signature("FROM pg_enum r WHERE r.enumtypid = t.oid") + " || ',' || " +
      rows_signature("FROM pg_constraint r WHERE r.contypid = t.oid") + " || ',' || " +
      rows_signature("FROM pg_class r WHERE r.oid = t.typrelid") + " || ',' || " +
      rows_signature("FROM pg_attribute r WHERE r.attrelid = t.typrelid AND r.attnum > 0") + " || ',' || " +
      rows_signature("FROM pg_description r WHERE r.objoid = t.oid") + " || ',' || " +
      rows_signature("FROM pg_depend r WHERE r.classid = 'pg_type'::regclass AND r.objid = t.oid") +
      " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'c') AND "
      "(t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) AND " +
      reader.in_schemas("n");
  const std::string functions =
      "SELECT 'f', p.oid::text, n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
      "p.xmin::text || ',' || " +
      rows_signature("FROM pg_description r WHERE r.objoid = p.oid") + " || ',' || " +
      rows_signature("FROM pg_depend r WHERE r.classid = 'pg_proc'::regclass AND r.objid = p.oid") +
      " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND " +
      reader.in_schemas("n");
  for (const auto& sql : {types, functions})
    for (const auto& row : rows_of(reader.query(sql)))
      units[{text(row[0]).front(), text(row[1])}] = Unit{text(row[2]), text(row[3]), text(row[4])};
  return units;
}

}  // namespace strata::schema::postgres_catalog
