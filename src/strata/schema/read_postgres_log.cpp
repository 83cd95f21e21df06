// Telling what changed from the DDL log of a scratch database strata owns (read_postgres_incremental.hpp).
#include "strata/schema/read_postgres_incremental.hpp"

namespace strata::schema::postgres_catalog {

namespace {

// The DDL log: event triggers (which only a superuser may create) append what each DDL statement created,
// altered or dropped. They run as their owner (a migration's SET ROLE does not stop them) with a fixed
// search_path (a migration's does not move them), and always (a migration's session_replication_role = replica,
// which silences ordinary event triggers, does not silence them).
constexpr const char* k_install = R"sql(
CREATE SCHEMA strata_scratch_changes;
CREATE UNLOGGED TABLE strata_scratch_changes.log (classid oid, objid oid, dropped boolean NOT NULL, object_type text,
  command_tag text, name1 text, name2 text);
CREATE FUNCTION strata_scratch_changes.written() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog AS $body$BEGIN
  INSERT INTO strata_scratch_changes.log SELECT classid, objid, false, object_type, command_tag, NULL, NULL
    FROM pg_event_trigger_ddl_commands();
END$body$;
CREATE FUNCTION strata_scratch_changes.dropped() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog AS $body$BEGIN
  INSERT INTO strata_scratch_changes.log SELECT classid, objid, true, object_type, NULL, address_names[1],
    address_names[2] FROM pg_event_trigger_dropped_objects();
END$body$;
CREATE EVENT TRIGGER strata_scratch_written ON ddl_command_end EXECUTE FUNCTION strata_scratch_changes.written();
CREATE EVENT TRIGGER strata_scratch_dropped ON sql_drop EXECUTE FUNCTION strata_scratch_changes.dropped();
ALTER EVENT TRIGGER strata_scratch_written ENABLE ALWAYS;
ALTER EVENT TRIGGER strata_scratch_dropped ENABLE ALWAYS;
)sql";

// The settings of a logged read: only pg_catalog on the search path (as with_catalog_path() sets it), generic
// plans, and no whole scans. A logged read looks up a handful of objects by oid; its generic plans are made at the
// first logged read, when the catalog of a new scratch database is small enough that a whole scan looks cheaper
// than an index, and they would keep scanning all of pg_class, pg_attribute and pg_constraint after every step as
// the schema grows. No JIT: a whole scan that cannot be avoided (of the log) then counts as very costly, and a
// plan that looks costly is compiled, which takes longer than any of these queries run.
constexpr const char* k_logged_read_settings =
    "SELECT set_config('search_path', 'pg_catalog', true), set_config('plan_cache_mode', 'force_generic_plan', "
    "true), set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)";

// The rows of k_take_changes_counting without the count, for a prepared statement (which fails outright when the
// session lost it).
constexpr const char* k_take_changes =
    "WITH taken AS (DELETE FROM strata_scratch_changes.log RETURNING *) "
    "SELECT NULL::text, t.classid::regclass::text, t.objid::text, t.dropped, t.object_type, t.command_tag, "
    "t.name1, t.name2 FROM taken t";

// Catalogs whose written objects are mapped to the units they belong to (or, for names that other definitions
// show, checked for a rename); DDL on catalogs a snapshot never shows is ignored; anything else reads in full.
bool resolvable(std::string_view catalog) {
  static const std::set<std::string_view> k_catalogs = {
      "pg_class", "pg_constraint", "pg_trigger",   "pg_policy",  "pg_rewrite",  "pg_attrdef",  "pg_type",
      "pg_proc",  "pg_namespace",  "pg_collation", "pg_opclass", "pg_operator", "pg_extension"};
  return k_catalogs.count(catalog) > 0;
}
bool invisible(std::string_view catalog) {
  static const std::set<std::string_view> k_catalogs = {"pg_statistic_ext",
                                                        "pg_event_trigger",
                                                        "pg_default_acl",
                                                        "pg_cast",
                                                        "pg_language",
                                                        "pg_am",
                                                        "pg_opfamily",
                                                        "pg_amop",
                                                        "pg_amproc",
                                                        "pg_conversion",
                                                        "pg_transform",
                                                        "pg_foreign_data_wrapper",
                                                        "pg_foreign_server",
                                                        "pg_user_mapping",
                                                        "pg_publication",
                                                        "pg_publication_rel",
                                                        "pg_publication_namespace",
                                                        "pg_subscription",
                                                        "pg_largeobject_metadata"};
  return k_catalogs.count(catalog) > 0;
}

// The units of the objects the log says DDL wrote, with their names now, and the names other definitions show of
// them (renames_checked()'s keys): one query over the log table, run in the round trip that takes the log.
std::string owners_query(const Reader& reader) {
  const auto written = [](std::string_view catalog) {
    return fmt::format("ARRAY(SELECT lw.objid FROM written lw WHERE lw.classid = '{}'::regclass)", catalog);
  };
  return fmt::format(
      "WITH RECURSIVE written AS MATERIALIZED (SELECT l.classid, l.objid FROM strata_scratch_changes.log l WHERE "
      "NOT l.dropped), owner(oid) AS ("
      "SELECT c.oid FROM pg_class c WHERE c.oid = ANY({class}) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
      "UNION SELECT x.indrelid FROM pg_index x WHERE x.indexrelid = ANY({class}) "
      "UNION SELECT k.conrelid FROM pg_constraint k WHERE k.oid = ANY({constraint}) AND k.conrelid <> 0 "
      "UNION SELECT g.tgrelid FROM pg_trigger g WHERE g.oid = ANY({trigger}) "
      "UNION SELECT p.polrelid FROM pg_policy p WHERE p.oid = ANY({policy}) "
      "UNION SELECT w.ev_class FROM pg_rewrite w WHERE w.oid = ANY({rewrite}) "
      "UNION SELECT d.adrelid FROM pg_attrdef d WHERE d.oid = ANY({attrdef}) "
      "UNION SELECT i.inhrelid FROM pg_inherits i JOIN owner o ON i.inhparent = o.oid) "
      "SELECT 'r', c.oid::text, n.nspname, c.relname, c.relkind::text || CASE WHEN c.relhastriggers THEN 'g' ELSE '' "
      "END || CASE WHEN EXISTS (SELECT 1 FROM pg_policy y WHERE y.polrelid = c.oid) THEN 'P' ELSE '' END "
      // Each owner and type is looked up by its oid (OFFSET 0 keeps the lookup a per-row index probe): a join
      // the planner may turn into a scan of all of pg_class or pg_type would cost the schema's size every step.
      "FROM owner o CROSS JOIN LATERAL (SELECT * FROM pg_class c WHERE c.oid = o.oid OFFSET 0) c JOIN "
      "pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {schemas} "
      "UNION ALL SELECT 't', t.oid::text, n.nspname, t.typname, NULL FROM (SELECT unnest({type}) UNION SELECT "
      "k.contypid FROM pg_constraint k WHERE k.oid = ANY({constraint}) UNION SELECT c.reltype FROM pg_class c WHERE "
      "c.oid = ANY({class}) AND c.relkind = 'c') w(oid) CROSS JOIN LATERAL (SELECT * FROM pg_type t WHERE "
      "t.oid = w.oid OFFSET 0) t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'c') "
      "AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) "
      "AND {schemas} "
      "UNION ALL SELECT 'f', p.oid::text, n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) "
      "|| ')', NULL FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = ANY({proc}) AND "
      "p.prokind IN ('f', 'p') AND {schemas} "
      // The names, in renames_checked()'s keys.
      "UNION ALL SELECT 'N', 'c' || oid::text, relnamespace::text || ' ' || relname, NULL, NULL FROM pg_class WHERE "
      "oid = ANY({class}) "
      "UNION ALL SELECT 'N', 'a' || attrelid::text || '.' || attnum, attname, NULL, NULL FROM pg_attribute WHERE "
      "attrelid = ANY({class}) AND attnum > 0 "
      "UNION ALL SELECT 'N', 't' || oid::text, typnamespace::text || ' ' || typname, NULL, NULL FROM pg_type WHERE "
      "oid = ANY({type}) "
      "UNION ALL SELECT 'N', 'p' || oid::text, pronamespace::text || ' ' || proname, NULL, NULL FROM pg_proc WHERE "
      "oid = ANY({proc}) "
      "UNION ALL SELECT 'N', 'n' || oid::text, nspname, NULL, NULL FROM pg_namespace WHERE oid = ANY({namespace}) "
      "UNION ALL SELECT 'N', 'o' || oid::text, collnamespace::text || ' ' || collname, NULL, NULL FROM pg_collation "
      "WHERE "
      "oid = ANY({collation}) "
      "UNION ALL SELECT 'N', 'x' || oid::text, opcnamespace::text || ' ' || opcname, NULL, NULL FROM pg_opclass "
      "WHERE "
      "oid = ANY({opclass}) "
      "UNION ALL SELECT 'N', 'y' || oid::text, oprnamespace::text || ' ' || oprname, NULL, NULL FROM pg_operator "
      "WHERE "
      "oid = ANY({operator})",
      fmt::arg("schemas", reader.in_schemas("n")), fmt::arg("class", written("pg_class")),
      fmt::arg("constraint", written("pg_constraint")), fmt::arg("trigger", written("pg_trigger")),
      fmt::arg("policy", written("pg_policy")), fmt::arg("rewrite", written("pg_rewrite")),
      fmt::arg("attrdef", written("pg_attrdef")), fmt::arg("type", written("pg_type")),
      fmt::arg("proc", written("pg_proc")), fmt::arg("namespace", written("pg_namespace")),
      fmt::arg("collation", written("pg_collation")), fmt::arg("opclass", written("pg_opclass")),
      fmt::arg("operator", written("pg_operator")));
}

}  // namespace

// A read after the first one, outside a transaction block, in two round trips: the log with the units its
// written objects belong to (taken together), then the stale units' catalog rows. Each batch is a transaction of
// its own: nothing but strata writes to a scratch database, and a read that fails after taking the log leaves
// the next one to read everything. False when the log asks for a full read (the log is taken by then).
bool PostgresIncremental::read_logged(Snapshot& snapshot, SnapshotReader::Stats& stats) {
  Reader reader(m_connection, m_options, *m_version_schema);
  reader.run_with([this](const std::string& sql, const db::Params& params) { return m_prepared.run(sql, params); });
  m_prepared.set_prelude({k_logged_read_settings});
  struct Prelude {
    Prepared& prepared;
    ~Prelude() { prepared.set_prelude({}); }
  } prelude{m_prepared};
  const std::vector<std::pair<std::string, db::Params>> take{{owners_query(reader), {reader.schemas_array()}},
                                                             {k_take_changes, {}}};
  const auto lost = [](const DatabaseError& error) { return error.fields().sqlstate == "26000"; };
  std::vector<db::Result> taken;
  try {
    taken = m_prepared.run_batch(take);
  } catch (const DatabaseError& error) {
    // A migration dropped the session's prepared statements; the failed batch took nothing.
    if (!lost(error)) throw;
    m_prepared.forget();
    taken = m_prepared.run_batch(take);
  }
  try {
    return read_captured(reader, snapshot, stats, taken.at(1), &taken.at(0), true);
  } catch (const DatabaseError& error) {
    if (!lost(error)) throw;
    m_prepared.forget();
    return false;
  }
}

void PostgresIncremental::install_capture() {
  m_capture_tried = true;
  try {
    auto transaction = m_connection.begin(db::TransactionMode::write);
    m_connection.execute(k_install);
    transaction.commit();
    m_capturing = true;
  } catch (const DatabaseError&) {
    // Not a superuser (42501), most likely: the catalog signatures tell what changed, as exactly, more slowly.
  }
}

void PostgresIncremental::remove_capture() noexcept {
  if (!m_capturing || m_connection.in_transaction()) return;
  try {
    m_connection.execute(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", k_capture_schema));
  } catch (...) {  // best effort: a created scratch database is dropped anyway, an explicit one emptied
  }
}

// Maps what the log names to units: written objects through the catalog (an index to its table, a constraint to
// its table or domain, a table to its partitions and children), dropped ones through what the previous read
// knew of them (their catalog rows are gone).
// `owners`: the rows of owners_query() taken with the log, or nullptr when the read is a full one anyway. False
// (only with `owners`) when the log asks for a full read: the caller makes it in a transaction of its own.
bool PostgresIncremental::read_captured(Reader& reader, Snapshot& snapshot, SnapshotReader::Stats& stats,
                                        const db::Result& changes, const db::Result* owners, bool known) {
  bool full = !known;
  std::set<Key> stale;
  std::set<Key> gone;  // dropped units
  bool schemas_changed = false;
  bool written = false;                                      // DDL wrote an object that owners_query() maps
  std::set<std::pair<std::string, std::string>> members_of;  // (schema, relation) a dropped member belonged to
  for (const auto& row : changes.rows()) {
    if (!row[3]) continue;  // the row that only carries the prepared-statement count
    const std::string catalog = row[1].value_or("");
    const std::string oid = row[2].value_or("");
    const std::string& type = text(row[4]);
    if (catalog == "pg_namespace" || catalog == "pg_extension") schemas_changed = true;
    if (is_true(row[3])) {
      if (catalog == "pg_class" && m_units.count({'r', oid}) > 0) {
        stale.insert({'r', oid});
        // A column goes (DROP COLUMN, or a type dropped with CASCADE); its table stays.
        if (type.find("column") == std::string::npos) gone.insert({'r', oid});
      } else if (catalog == "pg_type" && m_units.count({'t', oid}) > 0) {
        stale.insert({'t', oid});
        gone.insert({'t', oid});
      } else if (catalog == "pg_proc" && m_units.count({'f', oid}) > 0) {
        stale.insert({'f', oid});
        gone.insert({'f', oid});
      } else if (catalog == "pg_class" && type == "index") {
        // An index of the snapshot belongs to its table; others (a constraint's, a TOAST table's) show nowhere.
        for (const auto& object : snapshot.objects)
          if (object.kind == ObjectKind::index && object.schema == text(row[6]) && object.name == text(row[7]))
            members_of.insert({object.schema, object.table});
      } else if ((catalog == "pg_constraint" && type == "table constraint") || catalog == "pg_trigger" ||
                 catalog == "pg_policy" || catalog == "pg_rewrite" || catalog == "pg_attrdef") {
        members_of.insert({text(row[6]), text(row[7])});  // address: schema, relation, name
      }
      // Anything else dropped shows in no snapshot, or went with an object whose own drop is logged.
      continue;
    }
    if (catalog.empty() || oid.empty() || oid == "0") {
      // GRANT and REVOKE name no object; default privileges change no existing one.
      if (text(row[5]) != "ALTER DEFAULT PRIVILEGES") full = true;
    } else if (resolvable(catalog)) {
      written = true;
    } else if (!invisible(catalog)) {
      full = true;
    }
  }
  std::map<Key, Unit> written_units;  // the units the log names that exist, with their names now
  Kinds kinds;
  kinds.schemas = schemas_changed;
  if (!full && written) full = !owners || !resolve_written(*owners, stale, written_units, kinds);
  if (full) {
    if (owners) return false;
    snapshot = reader.read();
    stats.full = true;
    m_units = all_units(reader);
    stats.reread = m_units.size();
    m_names.clear();
    renames_checked(0);
  } else {
    // Relations by their names in the previous read, built only when a dropped member or a child needs it.
    std::map<std::pair<std::string, std::string>, Key> relations;
    const auto relation_named = [&](const std::string& schema, const std::string& name) -> const Key* {
      if (relations.empty())
        for (const auto& [key, unit] : m_units)
          if (key.first == 'r') relations.emplace(std::pair{unit.schema, unit.name}, key);
      const auto found = relations.find({schema, name});
      return found == relations.end() ? nullptr : &found->second;
    };
    for (const auto& [schema, name] : members_of)
      if (const Key* key = relation_named(schema, name)) stale.insert(*key);
    // A partition or inheritance child the previous read showed under a stale parent (DETACH PARTITION and NO
    // INHERIT name only the parent; the children still attached come from the catalog above).
    std::set<std::string> parents;
    for (const auto& key : stale) {
      const auto before = m_units.find(key);
      if (key.first == 'r' && before != m_units.end())
        parents.insert(before->second.schema + "." + before->second.name);
    }
    if (!parents.empty())
      for (const auto& object : snapshot.objects) {
        if (object.kind != ObjectKind::table || object.depends_on.empty()) continue;
        const bool child = std::any_of(object.depends_on.begin(), object.depends_on.end(),
                                       [&](const std::string& parent) { return parents.count(parent) > 0; });
        if (!child) continue;
        if (const Key* key = relation_named(object.schema, object.name)) stale.insert(*key);
      }
    const auto exists = [&](const Key& key) {
      return written_units.count(key) > 0 || (m_units.count(key) > 0 && gone.count(key) == 0);
    };
    reread(reader, snapshot, stats, stale, exists, &kinds);
    for (const auto& key : gone) m_units.erase(key);
    for (auto& [key, unit] : written_units) m_units[key] = std::move(unit);
  }
  snapshot.engine = db::Engine::postgres;
  stats.logged = true;
  m_read = true;
  return true;
}

// The owners_query() rows into `stale` and `now`, and the names checked against the previous read's: false on a
// rename.
bool PostgresIncremental::resolve_written(const db::Result& rows, std::set<Key>& stale, std::map<Key, Unit>& now,
                                          Kinds& kinds) {
  bool same = true;
  for (const auto& row : rows.rows()) {
    const std::string& letter = text(row[0]);
    if (letter == "N") {
      const std::string& name = text(row[2]);
      if (name.starts_with("........pg.dropped.")) continue;  // a dropped column; its table is stale already
      auto [at, inserted] = m_names.try_emplace(text(row[1]), name);
      if (!inserted && at->second != name) same = false;
      at->second = name;
      continue;
    }
    const Key key{letter.front(), text(row[1])};
    if (row[4]) kinds.relations[key.second] = *row[4];
    Unit unit{text(row[2]), text(row[3]), ""};
    const auto before = m_units.find(key);
    if (before != m_units.end() && (before->second.schema != unit.schema || before->second.name != unit.name))
      same = false;
    stale.insert(key);
    now[key] = std::move(unit);
  }
  return same;
}

// Every relation, type and function of the selected schemas, by oid, without signatures.
auto PostgresIncremental::all_units(Reader& reader) -> std::map<Key, Unit> {
  const std::string in_schemas = reader.in_schemas("n");
  std::map<Key, Unit> units;
  for (const auto& row : rows_of(reader.query(fmt::format(
           "SELECT 'r', c.oid::text, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON "
           "n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {0} "
           "UNION ALL SELECT 't', t.oid::text, n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON "
           "n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'c') AND (t.typtype <> 'c' OR EXISTS (SELECT 1 "
           "FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) AND {0} "
           "UNION ALL SELECT 'f', p.oid::text, n.nspname, p.proname || '(' || "
           "pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p JOIN pg_namespace n ON "
           "n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND {0}",
           in_schemas))))
    units[{text(row[0]).front(), text(row[1])}] = Unit{text(row[2]), text(row[3]), ""};
  return units;
}

}  // namespace strata::schema::postgres_catalog
