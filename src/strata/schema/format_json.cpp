#include "strata/schema/format.hpp"

namespace strata::schema {

nlohmann::ordered_json to_json(Snapshot&& snapshot) {
  auto objects = nlohmann::ordered_json::array();
  objects.get_ref<nlohmann::ordered_json::array_t&>().reserve(snapshot.objects.size());
  for (auto& object : snapshot.objects) {
    nlohmann::ordered_json entry{{"kind", to_string(object.kind)}, {"name", object.qualified_name()}};
    if (!object.schema.empty()) entry["schema"] = std::move(object.schema);
    if (!object.table.empty()) entry["table"] = std::move(object.table);
    auto attributes = nlohmann::ordered_json::object();
    for (auto& [name, value] : object.attributes) attributes.emplace(name, std::move(value));
    entry["attributes"] = std::move(attributes);
    objects.push_back(std::move(entry));
  }
  return nlohmann::ordered_json{{"engine", db::engine_name(snapshot.engine)}, {"objects", std::move(objects)}};
}

nlohmann::ordered_json to_json(const Snapshot& snapshot) { return to_json(Snapshot(snapshot)); }

std::string format_json(const Snapshot& snapshot) { return to_json(snapshot).dump(2) + "\n"; }

}  // namespace strata::schema
