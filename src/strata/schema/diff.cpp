#include "strata/schema/diff.hpp"

#include <algorithm>
#include <set>
#include <tuple>

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

namespace {

bool compared(std::string_view attribute, const CompareOptions& options) {
  if (attribute == k_position) return options.strict_column_order;
  if (attribute == k_privileges) return options.with_privileges;
  return attribute != k_output_columns;
}

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
    if (!compared(name, options)) continue;
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

std::string format_difference(const Difference& difference) {
  std::string line = std::string(to_string(difference.change)) + " " + std::string(to_string(difference.kind)) + " " +
                     difference.object;
  if (difference.change == Change::changed) {
    const auto shown = [](const std::string& value) { return value.empty() ? std::string("(none)") : value; };
    line += ": " + difference.attribute + ": " + shown(difference.expected) + " -> " + shown(difference.actual);
  }
  return line;
}

nlohmann::ordered_json to_json(const Difference& difference) {
  return nlohmann::ordered_json{{"kind", to_string(difference.kind)},     {"object", difference.object},
                        {"change", to_string(difference.change)}, {"attribute", difference.attribute},
                        {"expected", difference.expected},        {"actual", difference.actual}};
}

std::string snapshot_hash(const Snapshot& snapshot, const CompareOptions& options) {
  // A length-prefixed serialisation of the compared content in canonical order: no separator can be forged by
  // a value that contains it.
  std::vector<const SchemaObject*> objects;
  objects.reserve(snapshot.objects.size());
  for (const auto& object : snapshot.objects) objects.push_back(&object);
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
      if (!compared(name, options)) continue;
      put(name);
      put(value);
    }
    canonical += ';';
  }
  return util::sha256_hex(canonical);
}

}  // namespace strata::schema
