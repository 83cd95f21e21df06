#pragma once
// Hashing and comparing a snapshot group by group (model.hpp: GroupKey), so that both can follow a database that
// changes a few groups at a time (a scratch database moved migration by migration) at the cost of what changed,
// instead of the size of the whole schema at every step.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "strata/schema/diff.hpp"
#include "strata/schema/model.hpp"

namespace strata::schema {

// Lower-case hex SHA-256 of one group's compared content (its objects in canonical order).
std::string group_digest(const std::vector<const SchemaObject*>& objects, const CompareOptions& options);
// snapshot_hash() from the digests of a snapshot's groups.
std::string combine_digests(db::Engine engine, const std::map<GroupKey, std::string, GroupLess>& digests);

// The objects of `groups` in `snapshot`, copied into a snapshot of their own (canonical order kept).
Snapshot group_subset(const Snapshot& snapshot, const GroupSet& groups);
// difference_count(expected, actual, options) for two snapshots known to be equal outside `groups`, at the cost of
// those groups rather than of the whole schema.
std::size_t difference_count_in(const Snapshot& expected, const Snapshot& actual, const GroupSet& groups,
                                const CompareOptions& options);
// Replaces the objects of `groups` in `snapshot` by `objects` (group_subset() of a snapshot that differs from it only
// in those groups), which makes the two equal.
void replace_groups(Snapshot& snapshot, const GroupSet& groups, Snapshot objects);

// A snapshot that changes (the tracked one) compared with a fixed one (the target): after each update(), hash() is
// snapshot_hash(tracked) and difference_count() is difference_count(tracked, target), both under the options given.
class TrackedComparison {
public:
  // The target is copied: it may go away.
  TrackedComparison(const Snapshot& target, const CompareOptions& options);

  // Brings the hash and the count up to date with `tracked`, whose groups outside `changed` are the same as at the
  // previous update. `changed` null: any group may have changed (the first update, a full read).
  void update(const Snapshot& tracked, const GroupSet* changed);

  std::string hash() const { return combine_digests(m_engine, m_digests); }
  std::size_t difference_count() const noexcept { return m_count; }

private:
  struct Group {
    std::string digest;
    Snapshot objects;  // in canonical order
  };
  void update_group(const GroupKey& key, const std::vector<const SchemaObject*>& objects);

  CompareOptions m_options;
  db::Engine m_engine = db::Engine::sqlite;
  std::map<GroupKey, Group, GroupLess> m_target;
  std::map<GroupKey, std::string, GroupLess> m_digests;      // the tracked snapshot's groups
  std::map<GroupKey, std::size_t, GroupLess> m_differences;  // groups that differ from the target's, by how much
  std::size_t m_count = 0;
};

}  // namespace strata::schema
