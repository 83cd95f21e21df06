#pragma once
// `strata lint --trace`: runs migrations on a scratch PostgreSQL database, statement by statement inside each
// migration's transaction, and reports what each statement really did to the relations that existed before the
// migration: the lock modes it took (pg_locks, read on a second connection) and whether it rewrote a table or index
// (its relfilenode changed). Measured facts next to the rules of thumb.
#include <span>
#include <string>
#include <vector>

#include "strata/db/url.hpp"
#include "strata/graph/revision_graph.hpp"
#include "strata/repo/repository.hpp"

namespace strata::lint {

struct TracedLock {
  std::string relation;
  std::string mode;  // as pg_locks names it, e.g. "AccessExclusiveLock"
};

struct TracedStatement {
  std::string path;
  std::string revision;
  int line = 0;
  std::string statement;               // its first line
  std::vector<TracedLock> locks;       // taken by this statement (not held before it), on pre-existing relations
  std::vector<std::string> rewritten;  // pre-existing relations whose relfilenode changed
  std::string error;                   // the server's message when the statement failed (the revision stops there)
};

struct TraceResult {
  std::string scratch;  // the scratch database, as a redacted URL (dropped again)
  std::vector<TracedStatement> statements;
};

// Creates a scratch database (db/scratch.hpp) on the server `url` names, applies the ancestors of `selected` that
// are not selected (whole sections), then each selected revision statement by statement, and drops the scratch
// database. Throws DatabaseError when the server cannot be reached or the scratch database cannot be created.
TraceResult trace(const repo::Repository& repository, std::span<const graph::RevIndex> selected,
                  const db::DatabaseUrl& url);

}  // namespace strata::lint
