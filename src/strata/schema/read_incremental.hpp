#pragma once
// The per-engine halves of SnapshotReader (read.hpp), shared between the readers and snapshot_reader.cpp.
#include <memory>

#include "strata/schema/read.hpp"

namespace strata::schema {

std::unique_ptr<SnapshotReader::Engine> sqlite_incremental(db::Connection& connection, const ReadOptions& options);
std::unique_ptr<SnapshotReader::Engine> postgres_incremental(db::Connection& connection, const ReadOptions& options);

}  // namespace strata::schema
