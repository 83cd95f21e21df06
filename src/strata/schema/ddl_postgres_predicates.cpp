// What PostgreSQL can change in place: column types that keep every value, enum values added, views replaced
// (ddl_postgres_predicates.hpp).
#include "strata/schema/ddl_postgres_predicates.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "strata/db/sql_text.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/util/strings.hpp"

namespace strata::schema::ddl_detail {

bool widens(const std::string& before, const std::string& after) {
  static const std::vector<std::string> k_integers = {"smallint", "integer", "bigint", "numeric"};
  const auto rank = [](const std::string& type) {
    const auto found = std::find(k_integers.begin(), k_integers.end(), type);
    return found == k_integers.end() ? -1 : static_cast<int>(found - k_integers.begin());
  };
  if (rank(before) >= 0 && rank(after) > rank(before)) return true;
  if (after == "text") return true;
  if (before == "real" && after == "double precision") return true;
  const auto length = [](const std::string& type, const std::string& base) -> long {
    if (!type.starts_with(base + "(")) return -1;
    return std::stol(type.substr(base.size() + 1));
  };
  for (const std::string base : {"character varying", "character", "bit varying"}) {
    const long old_length = length(before, base);
    const long new_length = length(after, base);
    if (old_length >= 0 && (after == "character varying" || new_length >= old_length) &&
        (base != "character" || after.starts_with("character(")))
      return true;
  }
  return false;
}

std::vector<std::string> enum_values(const SchemaObject& type) {
  std::vector<std::string> values;
  const std::string& list = type.attribute("values");
  std::size_t start = 0;
  while (start < list.size()) {
    // Each value is a quoted literal, '' doubled inside.
    std::size_t end = start + 1;
    while (end < list.size() && !(list[end] == '\'' && (end + 1 >= list.size() || list[end + 1] != '\'')))
      end += list[end] == '\'' ? 2 : 1;
    values.push_back(list.substr(start, end + 1 - start));
    start = end + 3;  // past "', "
  }
  return values;
}

bool only_added(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::size_t at = 0;
  for (const auto& value : after)
    if (at < before.size() && value == before[at]) ++at;
  return at == before.size();
}

bool is_type(const std::string& column_type, const SchemaObject& type) {
  const std::string bare =
      column_type.starts_with(type.schema + ".") ? column_type.substr(type.schema.size() + 1) : column_type;
  std::string base = bare;
  if (base.size() > 2 && base.substr(base.size() - 2) == "[]") base.resize(base.size() - 2);
  return base == type.name || base == db::quote_identifier(type.name);
}

bool replaceable(const SchemaObject& a, const SchemaObject& b) {
  for (const auto& attribute : changed_attributes(a, b))
    if (attribute != "definition" && attribute != "comment") return false;
  const std::string& before = a.attribute(k_output_columns);
  const std::string& after = b.attribute(k_output_columns);
  if (before.empty() || after.empty()) return false;
  return after == before || after.starts_with(before + ", ");
}

std::string why_not_replaced(const SchemaObject& a, const SchemaObject& b) {
  if (a.kind == ObjectKind::materialized_view) return "a materialized view cannot be replaced in place";
  for (const auto& attribute : changed_attributes(a, b))
    if (attribute != "definition" && attribute != "comment")
      return fmt::format("CREATE OR REPLACE VIEW cannot change its {}", attribute);
  return fmt::format("CREATE OR REPLACE VIEW can only append columns (columns before: {}; after: {})",
                     a.attribute(k_output_columns), b.attribute(k_output_columns));
}

}  // namespace strata::schema::ddl_detail
