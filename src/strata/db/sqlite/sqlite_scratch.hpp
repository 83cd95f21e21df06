#pragma once
// Internal to db/: SQLite's scratch databases (see scratch.hpp).
#include <memory>

#include "strata/db/scratch.hpp"

namespace strata::db::sqlite {

std::unique_ptr<ScratchDatabase> create_temporary_scratch(const ScratchOptions& options);
std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url, const ScratchOptions& options);
// Drops every table, view and trigger (indexes go with their tables).
void empty_database(Connection& connection);

}  // namespace strata::db::sqlite
