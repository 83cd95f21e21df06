#include "strata/schema/model.hpp"

#include <algorithm>
#include <tuple>

namespace strata::schema {

std::string_view to_string(ObjectKind kind) noexcept {
  switch (kind) {
    case ObjectKind::schema: return "schema";
    case ObjectKind::extension: return "extension";
    case ObjectKind::enum_type: return "enum";
    case ObjectKind::domain: return "domain";
    case ObjectKind::composite_type: return "composite type";
    case ObjectKind::sequence: return "sequence";
    case ObjectKind::function: return "function";
    case ObjectKind::procedure: return "procedure";
    case ObjectKind::table: return "table";
    case ObjectKind::column: return "column";
    case ObjectKind::constraint: return "constraint";
    case ObjectKind::index: return "index";
    case ObjectKind::view: return "view";
    case ObjectKind::materialized_view: return "materialized view";
    case ObjectKind::trigger: return "trigger";
    case ObjectKind::policy: return "policy";
  }
  return "object";
}

bool is_table_member(ObjectKind kind) noexcept {
  return kind == ObjectKind::column || kind == ObjectKind::constraint || kind == ObjectKind::trigger ||
         kind == ObjectKind::policy;
}

std::string SchemaObject::qualified_name() const {
  std::string qualified;
  if (!schema.empty()) qualified = schema + ".";
  if (is_table_member(kind)) qualified += table + ".";
  return qualified + name;
}

const std::string& SchemaObject::attribute(std::string_view attribute_name) const {
  static const std::string k_empty;
  const auto found = attributes.find(std::string(attribute_name));
  return found == attributes.end() ? k_empty : found->second;
}

// Canonical order: by kind, then by schema, table and name as separate keys (so "a.b" and "a_b" cannot
// interleave differently depending on the separator's byte value).
bool canonical_less(const SchemaObject& left, const SchemaObject& right) {
  return std::tie(left.kind, left.schema, left.table, left.name) <
         std::tie(right.kind, right.schema, right.table, right.name);
}

namespace {

void normalise_object(SchemaObject& object) {
  std::sort(object.depends_on.begin(), object.depends_on.end());
  object.depends_on.erase(std::unique(object.depends_on.begin(), object.depends_on.end()), object.depends_on.end());
}

}  // namespace

const SchemaObject* Snapshot::find(ObjectKind kind, std::string_view qualified_name) const {
  for (const auto& object : objects)
    if (object.kind == kind && object.qualified_name() == qualified_name) return &object;
  return nullptr;
}

std::vector<const SchemaObject*> Snapshot::members_of(const SchemaObject& table) const {
  std::vector<const SchemaObject*> members;
  for (const auto& object : objects)
    if ((is_table_member(object.kind) || object.kind == ObjectKind::index) && object.schema == table.schema &&
        object.table == table.name)
      members.push_back(&object);
  return members;
}

std::map<std::pair<std::string, std::string>, std::vector<const SchemaObject*>> Snapshot::members_by_table() const {
  std::map<std::pair<std::string, std::string>, std::vector<const SchemaObject*>> members;
  for (const auto& object : objects)
    if (is_table_member(object.kind) || object.kind == ObjectKind::index)
      members[{object.schema, object.table}].push_back(&object);
  return members;
}

void normalise(Snapshot& snapshot) {
  for (auto& object : snapshot.objects) normalise_object(object);
  std::sort(snapshot.objects.begin(), snapshot.objects.end(), canonical_less);
}

std::pair<std::string_view, std::string_view> group_name(const SchemaObject& object) {
  if (is_table_member(object.kind) || object.kind == ObjectKind::index) return {object.schema, object.table};
  return {object.schema, object.name};
}

GroupKey group_of(const SchemaObject& object) {
  const auto [schema, name] = group_name(object);
  return {std::string(schema), std::string(name)};
}

std::vector<const SchemaObject*> group_objects(const Snapshot& snapshot, const GroupKey& group) {
  // Per kind, a group's objects are one run of the canonical order (kind, schema, table, name): a member or an
  // index has (schema, group name, its own name); any other object (schema, "", group name).
  std::vector<const SchemaObject*> objects;
  const auto& all = snapshot.objects;
  const std::string_view schema = group.first;
  const std::string_view name = group.second;
  for (int k = 0; k <= static_cast<int>(ObjectKind::policy); ++k) {
    const auto kind = static_cast<ObjectKind>(k);
    const bool member = is_table_member(kind) || kind == ObjectKind::index;
    const auto before = [&](const SchemaObject& object) {
      if (object.kind != kind) return object.kind < kind;
      if (object.schema != schema) return std::string_view(object.schema) < schema;
      if (member) return std::string_view(object.table) < name;
      if (!object.table.empty()) return false;
      return std::string_view(object.name) < name;
    };
    for (auto at = std::partition_point(all.begin(), all.end(), before);
         at != all.end() && at->kind == kind && group_name(*at) == std::pair{schema, name}; ++at)
      objects.push_back(&*at);
  }
  return objects;
}

void replace_objects(Snapshot& snapshot, const std::function<bool(const SchemaObject&)>& stale,
                     std::vector<SchemaObject> fresh, GroupSet* touched) {
  auto& objects = snapshot.objects;
  // One pass drops the stale objects; the rest move down in place.
  auto kept = objects.begin();
  for (auto at = objects.begin(); at != objects.end(); ++at) {
    if (stale(*at)) {
      if (touched && touched->find(group_name(*at)) == touched->end()) touched->insert(group_of(*at));
      continue;
    }
    if (kept != at) *kept = std::move(*at);
    ++kept;
  }
  objects.erase(kept, objects.end());
  for (auto& object : fresh) {
    normalise_object(object);
    if (touched && touched->find(group_name(object)) == touched->end()) touched->insert(group_of(object));
  }
  std::stable_sort(fresh.begin(), fresh.end(), canonical_less);
  // Merged from the back: only the objects after the first new one move, each once, so a step that adds a few
  // objects costs one pass at most rather than one per object.
  std::size_t old = objects.size();
  std::size_t added = fresh.size();
  objects.resize(old + added);
  while (added > 0) {
    if (old > 0 && canonical_less(fresh[added - 1], objects[old - 1])) {
      objects[old + added - 1] = std::move(objects[old - 1]);
      --old;
    } else {
      objects[old + added - 1] = std::move(fresh[added - 1]);
      --added;
    }
  }
}

std::string normalise_sql(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool pending_space = false;
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  // A space is dropped before `(`, `)` and `,` and after `(` and `,`: `f (a , b)` and `f(a,b)` mean the same.
  // The space after `)` stays, so `(a) AND b` does not run together.
  const auto emit = [&](char c) {
    const bool dropped = c == '(' || c == ')' || c == ',' || (!out.empty() && (out.back() == '(' || out.back() == ','));
    if (pending_space && !out.empty() && !dropped) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  };
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (is_space(c)) {
      pending_space = true;
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      pending_space = true;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
      pending_space = true;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      emit(c);
      ++i;
      while (i < sql.size()) {
        out.push_back(sql[i]);
        if (sql[i] == close) {
          // A doubled quote is an escaped quote inside the literal.
          if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
            out.push_back(sql[i + 1]);
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
    } else {
      emit(c);
      ++i;
    }
  }
  while (!out.empty() && (out.back() == ';' || is_space(out.back()))) out.pop_back();
  return out;
}

}  // namespace strata::schema
