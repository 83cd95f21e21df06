#pragma once
// Internal to the PostgreSQL DDL generator (ddl_postgres.cpp): what PostgreSQL can change in place, and what not.
#include <string>
#include <vector>

#include "strata/schema/model.hpp"

namespace strata::schema::ddl_detail {

// Whether changing a column from type `before` to `after` keeps every value (a widening); anything else may lose
// data and is marked destructive.
bool widens(const std::string& before, const std::string& after);

// The enum's values as a list of quoted literals ("'a', 'b'").
std::vector<std::string> enum_values(const SchemaObject& type);

// Whether `after` keeps `before`'s values in order, so ADD VALUE can make it.
bool only_added(const std::vector<std::string>& before, const std::vector<std::string>& after);

// The names a column's type may carry for a type of the schema: `name` (on the search path) or `schema.name`.
bool is_type(const std::string& column_type, const SchemaObject& type);

// Whether CREATE OR REPLACE VIEW can turn view `a` into `b`: only the definition (and comment) changes, and the
// new output columns start with the old ones, same names and types (PostgreSQL appends, never drops or retypes).
bool replaceable(const SchemaObject& a, const SchemaObject& b);
// Why view `a` cannot be replaced in place by `b`, for the comment above its DROP.
std::string why_not_replaced(const SchemaObject& a, const SchemaObject& b);

}  // namespace strata::schema::ddl_detail
