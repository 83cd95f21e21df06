#include "strata/schema/read_incremental.hpp"

namespace strata::schema {

SnapshotReader::SnapshotReader(db::Connection& connection, ReadOptions options)
    : m_connection(connection), m_options(std::move(options)) {
  m_snapshot.engine = connection.engine();
  m_engine = connection.engine() == db::Engine::sqlite ? sqlite_incremental(m_connection, m_options)
                                                       : postgres_incremental(m_connection, m_options);
}

SnapshotReader::~SnapshotReader() = default;

const Snapshot& SnapshotReader::read() {
  m_stats = {};
  m_engine->read(m_snapshot, m_stats);
  return m_snapshot;
}

const SnapshotReader::Stats& SnapshotReader::last() const noexcept { return m_stats; }

Snapshot read_snapshot(db::Connection& connection, const ReadOptions& options) {
  return connection.engine() == db::Engine::sqlite ? read_sqlite_snapshot(connection, options)
                                                   : read_postgres_snapshot(connection, options);
}

}  // namespace strata::schema
