#pragma once
// Internal to db/: what the engines' scratch databases share.
#include <string>

namespace strata::db {

// "strata_scratch_<pid>_<10 random hex digits>": a database name (and SQLite file stem) no two runs share.
std::string scratch_name();

}  // namespace strata::db
