#include <algorithm>

#include <fmt/format.h>

#include "strata/schema/format.hpp"

namespace strata::schema {

namespace {

void put_object(std::string& out, const SchemaObject& object, const std::string& indent) {
  out += fmt::format("{}{} {}\n", indent, to_string(object.kind),
                     is_table_member(object.kind) ? object.name : object.qualified_name());
  for (const auto& [name, value] : object.attributes) {
    // The member order below shows a column's position.
    if (name == k_position) continue;
    out += fmt::format("{}    {}: ", indent, name);
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
  const auto by_table = snapshot.members_by_table();
  for (const auto& object : snapshot.objects) {
    if (is_table_member(object.kind) || object.kind == ObjectKind::index) continue;
    put_object(out, object, "");
    // A materialized view has indexes too.
    if (object.kind != ObjectKind::table && object.kind != ObjectKind::materialized_view) continue;
    const auto found = by_table.find({object.schema, object.name});
    if (found == by_table.end()) continue;
    auto members = found->second;
    // Columns in table order, then the rest in canonical order.
    std::stable_sort(members.begin(), members.end(), [](const SchemaObject* a, const SchemaObject* b) {
      if (a->kind != b->kind) return a->kind < b->kind;
      return a->kind == ObjectKind::column && position_of(*a) < position_of(*b);
    });
    for (const SchemaObject* member : members) put_object(out, *member, "  ");
  }
  return out;
}

}  // namespace strata::schema
