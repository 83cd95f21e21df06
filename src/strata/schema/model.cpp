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

void replace_objects(Snapshot& snapshot, const std::function<bool(const SchemaObject&)>& stale,
                     std::vector<SchemaObject> fresh) {
  std::erase_if(snapshot.objects, stale);
  // Many new objects (a first read): sort once. A few: put each in its place, which keeps a step linear.
  if (fresh.size() * 8 > snapshot.objects.size()) {
    for (auto& object : fresh) snapshot.objects.push_back(std::move(object));
    normalise(snapshot);
    return;
  }
  for (auto& object : fresh) {
    normalise_object(object);
    const auto at = std::upper_bound(snapshot.objects.begin(), snapshot.objects.end(), object, canonical_less);
    snapshot.objects.insert(at, std::move(object));
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
