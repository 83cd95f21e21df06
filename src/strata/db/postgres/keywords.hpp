#pragma once
// libpq's connection keywords (from PQconndefaults), without exposing libpq's types: URL parsing validates
// query parameters against this list so a typo fails before any connection attempt.
#include <string>
#include <vector>

namespace strata::db::postgres {

const std::vector<std::string>& connection_keywords();

}  // namespace strata::db::postgres
