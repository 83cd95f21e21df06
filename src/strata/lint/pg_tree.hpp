#pragma once
// Small read-only accessors over libpg_query's JSON parse trees: a missing key is an empty value, never an error,
// because the JSON leaves out every field that holds its default (false, 0, empty list).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace strata::lint::tree {

using nlohmann::json;

inline const json& empty_array() {
  static const json value = json::array();
  return value;
}

inline const json* get(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

inline std::string_view text(const json& object, const char* key) {
  const auto* value = get(object, key);
  return value && value->is_string() ? std::string_view(value->get_ref<const std::string&>()) : std::string_view{};
}

inline bool flag(const json& object, const char* key) {
  const auto* value = get(object, key);
  return value && value->is_boolean() && value->get<bool>();
}

inline const json& list(const json& object, const char* key) {
  const auto* value = get(object, key);
  return value && value->is_array() ? *value : empty_array();
}

// The body of a node of type `type` ({"ColumnDef": {...}} -> {...}); nullptr for another type.
inline const json* as(const json& node, const char* type) { return get(node, type); }

inline std::size_t location(const json& object, std::size_t fallback) {
  const auto* value = get(object, "location");
  return value && value->is_number_integer() && value->get<long long>() >= 0 ? value->get<std::size_t>() : fallback;
}

// The last element of a list of String nodes ("names": [pg_catalog, int4] -> "int4").
inline std::string_view last_name(const json& names) {
  if (!names.is_array() || names.empty()) return {};
  if (const auto* string = as(names.back(), "String")) return text(*string, "sval");
  return {};
}

// A dotted name from a list of String nodes.
inline std::string dotted(const json& names) {
  std::string out;
  for (const auto& name : names)
    if (const auto* string = as(name, "String")) {
      if (!out.empty()) out += '.';
      out += text(*string, "sval");
    }
  return out;
}

}  // namespace strata::lint::tree
