#include "strata/schema/tracked_comparison.hpp"

#include <algorithm>

#include "strata/util/sha256.hpp"

namespace strata::schema {

namespace {

// The snapshot's groups, each with its objects in canonical order.
std::map<GroupKey, std::vector<const SchemaObject*>, GroupLess> groups_of(const Snapshot& snapshot) {
  std::vector<const SchemaObject*> objects;
  objects.reserve(snapshot.objects.size());
  for (const auto& object : snapshot.objects) objects.push_back(&object);
  // Readers return canonical order already; sorting is for snapshots built by hand.
  if (!std::is_sorted(objects.begin(), objects.end(),
                      [](const SchemaObject* a, const SchemaObject* b) { return canonical_less(*a, *b); }))
    std::stable_sort(objects.begin(), objects.end(),
                     [](const SchemaObject* a, const SchemaObject* b) { return canonical_less(*a, *b); });
  std::map<GroupKey, std::vector<const SchemaObject*>, GroupLess> groups;
  for (const SchemaObject* object : objects) {
    auto found = groups.find(group_name(*object));
    if (found == groups.end()) found = groups.emplace(group_of(*object), std::vector<const SchemaObject*>{}).first;
    found->second.push_back(object);
  }
  return groups;
}

Snapshot copy_of(db::Engine engine, const std::vector<const SchemaObject*>& objects) {
  Snapshot snapshot;
  snapshot.engine = engine;
  snapshot.objects.reserve(objects.size());
  for (const SchemaObject* object : objects) snapshot.objects.push_back(*object);
  return snapshot;
}

// Length-prefixed, so that no value can forge a separator.
void put(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

}  // namespace

std::string group_digest(const std::vector<const SchemaObject*>& objects, const CompareOptions& options) {
  std::string canonical;
  for (const SchemaObject* object : objects) {
    put(canonical, to_string(object->kind));
    put(canonical, object->schema);
    put(canonical, object->table);
    put(canonical, object->name);
    for (const auto& [name, value] : object->attributes) {
      if (!is_compared(name, options)) continue;
      put(canonical, name);
      put(canonical, value);
    }
    canonical += ';';
  }
  return util::sha256_hex(canonical);
}

std::string combine_digests(db::Engine engine, const std::map<GroupKey, std::string, GroupLess>& digests) {
  std::string canonical;
  canonical.reserve(digests.size() * 96);
  put(canonical, db::engine_name(engine));
  for (const auto& [key, digest] : digests) {
    put(canonical, key.first);
    put(canonical, key.second);
    canonical += digest;
  }
  return util::sha256_hex(canonical);
}

std::string snapshot_hash(const Snapshot& snapshot, const CompareOptions& options) {
  std::map<GroupKey, std::string, GroupLess> digests;
  for (const auto& [key, objects] : groups_of(snapshot)) digests.emplace(key, group_digest(objects, options));
  return combine_digests(snapshot.engine, digests);
}

Snapshot group_subset(const Snapshot& snapshot, const GroupSet& groups) {
  std::vector<const SchemaObject*> objects;
  for (const auto& group : groups) {
    const auto members = group_objects(snapshot, group);
    objects.insert(objects.end(), members.begin(), members.end());
  }
  // Each group's objects are in canonical order, but groups interleave (by kind first).
  std::stable_sort(objects.begin(), objects.end(),
                   [](const SchemaObject* a, const SchemaObject* b) { return canonical_less(*a, *b); });
  return copy_of(snapshot.engine, objects);
}

std::size_t difference_count_in(const Snapshot& expected, const Snapshot& actual, const GroupSet& groups,
                                const CompareOptions& options) {
  // No difference depends on another group: the groups that may differ are all there is to compare.
  return difference_count(group_subset(expected, groups), group_subset(actual, groups), options);
}

void replace_groups(Snapshot& snapshot, const GroupSet& groups, Snapshot objects) {
  replace_objects(
      snapshot, [&](const SchemaObject& object) { return groups.find(group_name(object)) != groups.end(); },
      std::move(objects.objects));
}

TrackedComparison::TrackedComparison(const Snapshot& target, const CompareOptions& options) : m_options(options) {
  for (const auto& [key, objects] : groups_of(target))
    m_target.emplace(key, Group{group_digest(objects, options), copy_of(target.engine, objects)});
}

void TrackedComparison::update(const Snapshot& tracked, const GroupSet* changed) {
  m_engine = tracked.engine;
  if (changed) {
    for (const auto& key : *changed) update_group(key, group_objects(tracked, key));
    return;
  }
  m_digests.clear();
  m_differences.clear();
  m_count = 0;
  auto groups = groups_of(tracked);
  for (const auto& [key, objects] : groups) update_group(key, objects);
  // The target's groups the tracked snapshot lacks.
  for (const auto& [key, group] : m_target)
    if (groups.count(key) == 0) update_group(key, {});
}

void TrackedComparison::update_group(const GroupKey& key, const std::vector<const SchemaObject*>& objects) {
  const std::string* digest = nullptr;
  if (objects.empty()) {
    m_digests.erase(key);
  } else {
    auto& stored = m_digests[key];
    stored = group_digest(objects, m_options);
    digest = &stored;
  }
  const auto target = m_target.find(key);
  std::size_t count = 0;
  if (target == m_target.end()) {
    if (digest) count = schema::difference_count(copy_of(m_engine, objects), Snapshot{m_engine, {}}, m_options);
  } else if (!digest || *digest != target->second.digest) {
    count = schema::difference_count(copy_of(m_engine, objects), target->second.objects, m_options);
  }
  const auto before = m_differences.find(key);
  if (before != m_differences.end()) {
    m_count -= before->second;
    m_differences.erase(before);
  }
  if (count > 0) {
    m_differences.emplace(key, count);
    m_count += count;
  }
}

}  // namespace strata::schema
