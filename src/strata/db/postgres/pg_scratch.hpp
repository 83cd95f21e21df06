#pragma once
// Internal to db/: PostgreSQL's scratch databases (see scratch.hpp).
#include <memory>

#include "strata/db/scratch.hpp"

namespace strata::db::postgres {

std::unique_ptr<ScratchDatabase> create_scratch(const DatabaseUrl& near, const ScratchOptions& options);
std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url, const ScratchOptions& options);

}  // namespace strata::db::postgres
