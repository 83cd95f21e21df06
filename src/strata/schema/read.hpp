#pragma once
// Reading a Snapshot from a live database's catalog (never from migration SQL). The catalog queries go through
// db::Connection::query; only db/sqlite and db/postgres talk to the C libraries.
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
};

// Reads the schema of whatever engine the connection talks to. Throws DatabaseError (exit 4) when a catalog query
// fails, naming the database.
Snapshot read_snapshot(db::Connection& connection, const ReadOptions& options = {});

// The per-engine readers behind read_snapshot(); the connection must be of that engine.
Snapshot read_sqlite_snapshot(db::Connection& connection, const ReadOptions& options = {});
Snapshot read_postgres_snapshot(db::Connection& connection, const ReadOptions& options = {});

}  // namespace strata::schema
