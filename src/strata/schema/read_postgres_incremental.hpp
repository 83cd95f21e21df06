#pragma once
// The incremental PostgreSQL read, SnapshotReader's engine (read.hpp): which objects changed since the previous
// read, then only those are read again. Two ways to tell what changed: the DDL log of a scratch database strata
// owns (read_postgres_log.cpp), and catalog signatures everywhere else (read_postgres_signatures.cpp); what both
// share is in read_postgres_incremental.cpp. Internal to schema/.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "strata/schema/catalog_path.hpp"
#include "strata/schema/prepared_queries.hpp"
#include "strata/schema/read_postgres_reader.hpp"

namespace strata::schema::postgres_catalog {

// Reads a schema again by re-reading only the units that changed since the previous read: relations (tables, views,
// sequences, with their columns, defaults, constraints, indexes, triggers, policies, inheritance, rules and
// comments), types (enums, domains, composites) and functions. What one object's definition shows of another is
// its name (a foreign key's table, a column's type, a default's sequence, a view's tables): so a renamed relation,
// type, function, schema, column, collation, operator class or operator makes the read a full one, as does anything
// the detector cannot place.
class PostgresIncremental final : public SnapshotReader::Engine {
public:
  PostgresIncremental(db::Connection& connection, const ReadOptions& options)
      : m_connection(connection), m_options(options) {}
  ~PostgresIncremental() override { remove_capture(); }
  PostgresIncremental(const PostgresIncremental&) = delete;
  PostgresIncremental& operator=(const PostgresIncremental&) = delete;

  void read(Snapshot& snapshot, SnapshotReader::Stats& stats) override;

private:
  // A unit of re-reading: 'r' relation, 't' type, 'f' function; by oid.
  using Key = std::pair<char, std::string>;
  struct Unit {
    std::string schema;
    std::string name;
    std::string signature;
  };
  // What a logged read knows of the stale relations: by oid, relkind plus 'g' (has triggers) and 'P' (has
  // policies); and whether schemas or extensions changed.
  struct Kinds {
    std::map<std::string, std::string> relations;
    bool schemas = false;
  };

  // The same few prepared queries run at every read with a handful of oids: planning them again each time (the
  // custom plans PostgreSQL picks for array parameters) costs more than running them.
  static constexpr const char* k_generic_plans = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)";

  // Empties the log, with how many of our prepared statements the session still has (a migration may have run
  // DEALLOCATE ALL or DISCARD ALL): one row at least, whose change columns are NULL when nothing changed.
  static constexpr const char* k_take_changes_counting =
      "WITH taken AS (DELETE FROM strata_scratch_changes.log RETURNING *) "
      "SELECT p.alive::text, t.classid::regclass::text, t.objid::text, t.dropped, t.object_type, t.command_tag, "
      "t.name1, t.name2 FROM (SELECT count(*) AS alive FROM pg_prepared_statements WHERE name LIKE "
      "'strata\\_snapshot\\_%') p LEFT JOIN taken t ON true";

  // The catalog signatures (read_postgres_signatures.cpp).
  void read_in_transaction(Reader& reader, Snapshot& snapshot, SnapshotReader::Stats& stats, bool known);
  std::map<Key, Unit> read_units(Reader& reader, bool full);

  // The DDL log (read_postgres_log.cpp).
  bool read_logged(Snapshot& snapshot, SnapshotReader::Stats& stats);
  void install_capture();
  void remove_capture() noexcept;
  bool read_captured(Reader& reader, Snapshot& snapshot, SnapshotReader::Stats& stats, const db::Result& changes,
                     const db::Result* owners, bool known);
  bool resolve_written(const db::Result& rows, std::set<Key>& stale, std::map<Key, Unit>& now, Kinds& kinds);
  std::map<Key, Unit> all_units(Reader& reader);

  // Both (read_postgres_incremental.cpp).
  void reread(Reader& reader, Snapshot& snapshot, SnapshotReader::Stats& stats, const std::set<Key>& stale,
              const std::function<bool(const Key&)>& exists, const Kinds* kinds = nullptr);
  bool renames_checked(long long since);

  db::Connection& m_connection;
  const ReadOptions& m_options;
  bool m_read = false;
  bool m_capture_tried = false;
  bool m_capturing = false;  // the DDL log is installed: reads follow it rather than the signatures
  long long m_horizon = 0;
  // The version store's schema, as the first read found it (a migration may move the session's search_path since).
  std::optional<std::string> m_version_schema;
  std::map<Key, Unit> m_units;
  std::map<std::string, std::string> m_buckets;       // relation signatures: bucket -> md5 of its relations'
  std::map<std::string, std::string> m_next_buckets;  // this read's, kept once it succeeds
  Prepared m_prepared{m_connection};
  std::map<std::string, std::string> m_names;  // catalog letter + oid (columns: attrelid.attnum) -> name
};

}  // namespace strata::schema::postgres_catalog
