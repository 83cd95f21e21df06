#include "strata/schema/format.hpp"

namespace strata::schema {

nlohmann::ordered_json to_json(const Snapshot& snapshot) {
  auto objects = nlohmann::ordered_json::array();
  for (const auto& object : snapshot.objects) {
    nlohmann::ordered_json entry{{"kind", to_string(object.kind)}, {"name", object.qualified_name()}};
    if (!object.schema.empty()) entry["schema"] = object.schema;
    if (!object.table.empty()) entry["table"] = object.table;
    entry["attributes"] = object.attributes;
    objects.push_back(std::move(entry));
  }
  return nlohmann::ordered_json{{"engine", db::engine_name(snapshot.engine)}, {"objects", std::move(objects)}};
}

std::string format_json(const Snapshot& snapshot) { return to_json(snapshot).dump(2) + "\n"; }

}  // namespace strata::schema
