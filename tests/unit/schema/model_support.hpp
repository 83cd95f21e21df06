#pragma once
// Building snapshots by hand for the model, hash and diff tests.
#include <map>
#include <string>
#include <vector>

#include "strata/schema/model.hpp"

namespace strata::schema::by_hand {

inline SchemaObject make(ObjectKind kind, std::string table, std::string name,
                         std::map<std::string, std::string> attributes, std::string schema = "public") {
  SchemaObject o;
  o.kind = kind;
  o.schema = std::move(schema);
  o.table = std::move(table);
  o.name = std::move(name);
  o.attributes = std::move(attributes);
  return o;
}

// A PostgreSQL snapshot of these objects, in canonical order.
inline Snapshot snapshot_of(std::vector<SchemaObject> objects) {
  Snapshot snapshot;
  snapshot.engine = db::Engine::postgres;
  snapshot.objects = std::move(objects);
  normalise(snapshot);
  return snapshot;
}

}  // namespace strata::schema::by_hand
