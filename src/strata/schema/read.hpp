#pragma once
// Reading a Snapshot from a live database's catalog (never from migration SQL). The catalog queries go through
// db::Connection::query; only db/sqlite and db/postgres talk to the C libraries.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "strata/db/connection.hpp"
#include "strata/db/version_store_sql.hpp"
#include "strata/schema/model.hpp"

namespace strata::schema {

struct ReadOptions {
  // PostgreSQL: read only these schemas; empty: every schema except pg_catalog, information_schema, pg_toast and
  // temporary ones. Ignored by SQLite.
  std::vector<std::string> schemas;
  // strata's own tables (its version store and log, in its schema) are left out of the snapshot, as is Alembic's
  // alembic_version table; a dedicated version-store schema holding nothing else is left out too.
  db::VersionStoreOptions version_store;
  // PostgreSQL, SnapshotReader only, for a scratch database strata owns: log every DDL statement with event
  // triggers (in the schema `strata_scratch_changes`, left out of every snapshot) so that each read re-reads what
  // the log names instead of comparing catalog signatures. Needs a superuser; without one the reader falls back to
  // the signatures, which give the same snapshots more slowly.
  bool capture_changes = false;
};

// Reads the schema of whatever engine the connection talks to. Throws DatabaseError (exit 4) when a catalog query
// fails, naming the database.
Snapshot read_snapshot(db::Connection& connection, const ReadOptions& options = {});

// The per-engine readers behind read_snapshot(); the connection must be of that engine.
Snapshot read_sqlite_snapshot(db::Connection& connection, const ReadOptions& options = {});
Snapshot read_postgres_snapshot(db::Connection& connection, const ReadOptions& options = {});

// Reads one database again and again as it changes (a scratch database moved migration by migration): the first
// read() is a full read; each later one asks the catalog, in one cheap query, which objects changed since the
// previous read and re-reads only those (and drops what is gone), so a step costs what it changed rather than the
// size of the whole schema. The result is always the snapshot read_snapshot() would return at that moment; when a
// change cannot be attributed to objects with certainty, the read is a full one.
class SnapshotReader {
public:
  SnapshotReader(db::Connection& connection, ReadOptions options);
  ~SnapshotReader();
  SnapshotReader(const SnapshotReader&) = delete;
  SnapshotReader& operator=(const SnapshotReader&) = delete;

  // The current snapshot; valid until the next read().
  const Snapshot& read();

  // What the last read() did, for tests and measurements.
  struct Stats {
    bool full = false;       // everything was read
    std::size_t reread = 0;  // objects (SQLite: tables, views, triggers; PostgreSQL: catalog objects) re-read
    bool logged = false;     // PostgreSQL: the DDL log (ReadOptions::capture_changes) said what changed
    // When not full: the groups whose objects this read replaced (model.hpp); every other group is as it was.
    GroupSet groups;
  };
  const Stats& last() const noexcept;

  // One engine's way of doing it (read_sqlite.cpp, read_postgres_incremental.cpp).
  class Engine {
  public:
    virtual ~Engine() = default;
    virtual void read(Snapshot& snapshot, Stats& stats) = 0;
  };

private:
  db::Connection& m_connection;
  ReadOptions m_options;
  std::unique_ptr<Engine> m_engine;
  Snapshot m_snapshot;
  Stats m_stats;
};

}  // namespace strata::schema
