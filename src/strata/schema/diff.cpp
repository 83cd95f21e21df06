#include "strata/schema/diff.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "strata/util/sha256.hpp"

namespace strata::schema {

std::string_view to_string(Change change) noexcept {
  switch (change) {
    case Change::missing: return "missing";
    case Change::extra: return "extra";
    case Change::changed: return "changed";
  }
  return "changed";
}

bool is_compared(std::string_view attribute, const CompareOptions& options) {
  if (attribute == k_position) return options.strict_column_order;
  if (attribute == k_privileges) return options.with_privileges;
  return attribute != k_output_columns;
}

namespace {

using Key = std::tuple<ObjectKind, std::string, std::string, std::string>;

Key key_of(const SchemaObject& object) { return {object.kind, object.schema, object.table, object.name}; }

// Tables own columns, constraints, indexes, triggers and policies; a materialized view owns indexes.
bool has_members(ObjectKind kind) { return kind == ObjectKind::table || kind == ObjectKind::materialized_view; }

// A member of a table that is itself missing or extra: the table's difference covers it.
bool covered(const SchemaObject& object, const std::set<std::pair<std::string, std::string>>& tables) {
  if (!is_table_member(object.kind) && object.kind != ObjectKind::index) return false;
  return tables.count({object.schema, object.table}) > 0;
}

std::map<Key, const SchemaObject*> index_objects(const Snapshot& snapshot) {
  std::map<Key, const SchemaObject*> objects;
  for (const auto& object : snapshot.objects) objects.emplace(key_of(object), &object);
  return objects;
}

void add_changes(const SchemaObject& expected, const SchemaObject& actual, const CompareOptions& options,
                 std::vector<Difference>& out) {
  std::set<std::string> names;
  for (const auto& [name, value] : expected.attributes) names.insert(name);
  for (const auto& [name, value] : actual.attributes) names.insert(name);
  for (const auto& name : names) {
    if (!is_compared(name, options)) continue;
    const std::string& before = expected.attribute(name);
    const std::string& after = actual.attribute(name);
    if (before != after)
      out.push_back({expected.kind, expected.qualified_name(), Change::changed, name, before, after});
  }
}

}  // namespace

std::vector<Difference> diff(const Snapshot& expected, const Snapshot& actual, const CompareOptions& options) {
  const auto left = index_objects(expected);
  const auto right = index_objects(actual);
  std::set<std::pair<std::string, std::string>> missing_tables;
  std::set<std::pair<std::string, std::string>> extra_tables;
  for (const auto& [key, object] : left)
    if (has_members(object->kind) && right.count(key) == 0) missing_tables.insert({object->schema, object->name});
  for (const auto& [key, object] : right)
    if (has_members(object->kind) && left.count(key) == 0) extra_tables.insert({object->schema, object->name});

  std::vector<Difference> differences;
  auto l = left.begin();
  auto r = right.begin();
  // Both maps are in canonical order; walk them together like a merge.
  while (l != left.end() || r != right.end()) {
    if (r == right.end() || (l != left.end() && l->first < r->first)) {
      if (!covered(*l->second, missing_tables))
        differences.push_back({l->second->kind, l->second->qualified_name(), Change::missing, "", "", ""});
      ++l;
    } else if (l == left.end() || r->first < l->first) {
      if (!covered(*r->second, extra_tables))
        differences.push_back({r->second->kind, r->second->qualified_name(), Change::extra, "", "", ""});
      ++r;
    } else {
      add_changes(*l->second, *r->second, options, differences);
      ++l;
      ++r;
    }
  }
  return differences;
}

namespace {

// -1, 0, 1 as key_of(left) is before, equal to or after key_of(right), without building the keys.
int compare_keys(const SchemaObject& left, const SchemaObject& right) {
  if (left.kind != right.kind) return left.kind < right.kind ? -1 : 1;
  if (const int c = left.schema.compare(right.schema)) return c < 0 ? -1 : 1;
  if (const int c = left.table.compare(right.table)) return c < 0 ? -1 : 1;
  if (const int c = left.name.compare(right.name)) return c < 0 ? -1 : 1;
  return 0;
}

bool canonical(const Snapshot& snapshot) {
  for (std::size_t i = 1; i < snapshot.objects.size(); ++i)
    if (compare_keys(snapshot.objects[i - 1], snapshot.objects[i]) >= 0) return false;
  return true;
}

// add_changes(...).size(): compared attributes whose values differ (an absent attribute reads as "").
std::size_t count_changes(const SchemaObject& expected, const SchemaObject& actual, const CompareOptions& options) {
  static const std::string k_empty;
  std::size_t count = 0;
  auto l = expected.attributes.begin();
  auto r = actual.attributes.begin();
  while (l != expected.attributes.end() || r != actual.attributes.end()) {
    const bool left_first = r == actual.attributes.end() || (l != expected.attributes.end() && l->first < r->first);
    const bool right_first = !left_first && (l == expected.attributes.end() || r->first < l->first);
    const std::string& name = left_first ? l->first : r->first;
    const std::string& before = right_first ? k_empty : l->second;
    const std::string& after = left_first ? k_empty : r->second;
    if (is_compared(name, options) && before != after) ++count;
    if (!right_first) ++l;
    if (!left_first) ++r;
  }
  return count;
}

}  // namespace

std::size_t difference_count(const Snapshot& expected, const Snapshot& actual, const CompareOptions& options) {
  if (!canonical(expected) || !canonical(actual)) return diff(expected, actual, options).size();
  const auto& left = expected.objects;
  const auto& right = actual.objects;
  // Two walks in step: the first finds the missing and extra tables, whose members the second does not count.
  std::set<std::pair<std::string, std::string>> missing_tables;
  std::set<std::pair<std::string, std::string>> extra_tables;
  std::size_t count = 0;
  for (int pass = 0; pass < 2; ++pass) {
    std::size_t l = 0;
    std::size_t r = 0;
    while (l < left.size() || r < right.size()) {
      const int order = r == right.size() ? -1 : l == left.size() ? 1 : compare_keys(left[l], right[r]);
      if (order < 0) {
        if (pass == 0 && has_members(left[l].kind)) missing_tables.insert({left[l].schema, left[l].name});
        if (pass == 1 && !covered(left[l], missing_tables)) ++count;
        ++l;
      } else if (order > 0) {
        if (pass == 0 && has_members(right[r].kind)) extra_tables.insert({right[r].schema, right[r].name});
        if (pass == 1 && !covered(right[r], extra_tables)) ++count;
        ++r;
      } else {
        if (pass == 1) count += count_changes(left[l], right[r], options);
        ++l;
        ++r;
      }
    }
  }
  return count;
}

std::string format_difference(const Difference& difference) {
  std::string line =
      fmt::format("{} {} {}", to_string(difference.change), to_string(difference.kind), difference.object);
  if (difference.change == Change::changed) {
    const auto shown = [](const std::string& value) { return value.empty() ? std::string("(none)") : value; };
    line += fmt::format(": {}: {} -> {}", difference.attribute, shown(difference.expected), shown(difference.actual));
  }
  return line;
}

nlohmann::ordered_json to_json(const Difference& difference) {
  return nlohmann::ordered_json{{"kind", to_string(difference.kind)},     {"object", difference.object},
                                {"change", to_string(difference.change)}, {"attribute", difference.attribute},
                                {"expected", difference.expected},        {"actual", difference.actual}};
}

std::string legacy_snapshot_hash(const Snapshot& snapshot) {
  const CompareOptions options;
  // A length-prefixed serialisation of the compared content in canonical order: no separator can be forged by
  // a value that contains it.
  std::vector<const SchemaObject*> objects;
  objects.reserve(snapshot.objects.size());
  for (const auto& object : snapshot.objects) objects.push_back(&object);
  // Readers return canonical order already; sorting again is only for snapshots built by hand.
  if (!canonical(snapshot))
    std::sort(objects.begin(), objects.end(),
              [](const SchemaObject* a, const SchemaObject* b) { return key_of(*a) < key_of(*b); });
  std::string canonical;
  const auto put = [&canonical](std::string_view text) {
    canonical += std::to_string(text.size());
    canonical += ':';
    canonical += text;
  };
  put(db::engine_name(snapshot.engine));
  for (const SchemaObject* object : objects) {
    put(to_string(object->kind));
    put(object->schema);
    put(object->table);
    put(object->name);
    for (const auto& [name, value] : object->attributes) {
      if (!is_compared(name, options)) continue;
      put(name);
      put(value);
    }
    canonical += ';';
  }
  return util::sha256_hex(canonical);
}

}  // namespace strata::schema
