#pragma once
// SQL text with literals: every version-store write is a SqlCommand, executed with bound parameters, or rendered
// with quoted literals for `upgrade --sql` — the same statement either way.
#include <string>
#include <string_view>

#include "strata/db/result.hpp"
#include "strata/db/url.hpp"

namespace strata::db {

struct SqlCommand {
  std::string sql;  // placeholders $1, $2, ...
  Params params;
};

// 'text' with quotes doubled; on PostgreSQL a value with a backslash becomes E'...' with backslashes doubled, which
// reads the same whatever standard_conforming_strings is. nullopt is NULL.
std::string quote_literal(Engine engine, const Cell& value);
// "name" with double quotes doubled.
std::string quote_identifier(std::string_view name);
// The command as one executable statement: each $N (outside quotes) replaced by its quoted literal, then ";".
std::string render(Engine engine, const SqlCommand& command);

}  // namespace strata::db
