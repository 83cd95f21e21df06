#include <algorithm>

#include "strata/schema/format.hpp"

namespace strata::schema {

namespace {

void put_object(std::string& out, const SchemaObject& object, const std::string& indent) {
  out += indent + std::string(to_string(object.kind)) + " " +
         (is_table_member(object.kind) ? object.name : object.qualified_name()) + "\n";
  for (const auto& [name, value] : object.attributes) {
    // The member order below shows a column's position.
    if (name == k_position) continue;
    out += indent + "    " + name + ": ";
    for (const char c : value) {
      out.push_back(c);
      if (c == '\n') out += indent + "      ";
    }
    out += "\n";
  }
}

int position_of(const SchemaObject& object) {
  const std::string& position = object.attribute(k_position);
  return position.empty() ? 0 : std::stoi(position);
}

}  // namespace

std::string format_text(const Snapshot& snapshot) {
  std::string out;
  for (const auto& object : snapshot.objects) {
    if (is_table_member(object.kind) || object.kind == ObjectKind::index) continue;
    put_object(out, object, "");
    if (object.kind != ObjectKind::table) continue;
    auto members = snapshot.members_of(object);
    // Columns in table order, then the rest in canonical order.
    std::stable_sort(members.begin(), members.end(), [](const SchemaObject* a, const SchemaObject* b) {
      if (a->kind != b->kind) return a->kind < b->kind;
      return a->kind == ObjectKind::column && position_of(*a) < position_of(*b);
    });
    for (const SchemaObject* member : members) put_object(out, *member, "  ");
  }
  return out;
}

nlohmann::json to_json(const Snapshot& snapshot) {
  auto objects = nlohmann::json::array();
  for (const auto& object : snapshot.objects) {
    nlohmann::json entry{{"kind", to_string(object.kind)}, {"name", object.qualified_name()}};
    if (!object.schema.empty()) entry["schema"] = object.schema;
    if (!object.table.empty()) entry["table"] = object.table;
    entry["attributes"] = object.attributes;
    objects.push_back(std::move(entry));
  }
  return nlohmann::json{{"engine", db::engine_name(snapshot.engine)}, {"objects", std::move(objects)}};
}

std::string format_json(const Snapshot& snapshot) { return to_json(snapshot).dump(2) + "\n"; }

}  // namespace strata::schema
