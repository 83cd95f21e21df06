#pragma once
// The three ways `strata schema` shows a snapshot. All are deterministic: the same snapshot gives the same bytes.
#include <string>

#include <nlohmann/json.hpp>

#include "strata/schema/model.hpp"

namespace strata::schema {

// A compact, diff-friendly listing: one line per top-level object, its members indented beneath it
// (columns in table order), attributes as `key=value`.
std::string format_text(const Snapshot& snapshot);

// A script that recreates the schema on an empty database of the same engine, in dependency order (schemas,
// extensions, types, sequences, functions, tables, constraints with foreign keys last, indexes, views in
// dependency order, triggers, row-level security, comments).
std::string format_sql(const Snapshot& snapshot);

// {"engine": "...", "objects": [{"kind", "name", "schema"?, "table"?, "attributes": {...}}]}
nlohmann::ordered_json to_json(const Snapshot& snapshot);
// The same, taking the snapshot's strings rather than copying them (a large schema's document costs half as much).
nlohmann::ordered_json to_json(Snapshot&& snapshot);
// to_json() printed with two-space indentation and a final newline.
std::string format_json(const Snapshot& snapshot);

}  // namespace strata::schema
