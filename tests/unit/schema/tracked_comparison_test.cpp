// Hashing and counting differences group by group: the tracked results must always equal the whole-snapshot ones.
#include "strata/schema/tracked_comparison.hpp"

#include <random>

#include <gtest/gtest.h>

#include "model_support.hpp"

namespace strata::schema {
namespace {

using by_hand::make;
using by_hand::snapshot_of;

std::vector<std::string> names_of(const std::vector<const SchemaObject*>& objects) {
  std::vector<std::string> names;
  for (const auto* object : objects) names.push_back(std::string(to_string(object->kind)) + " " + object->name);
  return names;
}

TEST(SnapshotGroups, ATableGroupHoldsItsMembersAndIndexesAndNothingElse) {
  const auto snapshot = snapshot_of({
      make(ObjectKind::table, "", "users", {}),
      make(ObjectKind::column, "users", "id", {}),
      make(ObjectKind::constraint, "users", "users_pkey", {}),
      make(ObjectKind::index, "users", "users_email", {}),
      make(ObjectKind::trigger, "users", "audit", {}),
      make(ObjectKind::table, "", "users_archive", {}),
      make(ObjectKind::column, "users_archive", "id", {}),
      make(ObjectKind::table, "", "users", {}, "other"),
      make(ObjectKind::function, "", "users()", {}),
  });
  EXPECT_EQ(names_of(group_objects(snapshot, {"public", "users"})),
            (std::vector<std::string>{"table users", "column id", "constraint users_pkey", "index users_email",
                                      "trigger audit"}));
  EXPECT_EQ(names_of(group_objects(snapshot, {"public", "users()"})), std::vector<std::string>{"function users()"});
  EXPECT_EQ(names_of(group_objects(snapshot, {"other", "users"})), std::vector<std::string>{"table users"});
  EXPECT_TRUE(group_objects(snapshot, {"public", "nothing"}).empty());
}

TEST(SnapshotGroups, ASequenceAndAnEnumOfOneNameShareAGroup) {
  const auto snapshot =
      snapshot_of({make(ObjectKind::sequence, "", "state", {}), make(ObjectKind::enum_type, "", "state", {})});
  EXPECT_EQ(names_of(group_objects(snapshot, {"public", "state"})),
            (std::vector<std::string>{"enum state", "sequence state"}));
}

TEST(SnapshotGroups, ReplaceObjectsNamesTheGroupsItRemovedAndAddedAndKeepsCanonicalOrder) {
  auto snapshot = snapshot_of({
      make(ObjectKind::table, "", "a", {}),
      make(ObjectKind::column, "a", "x", {}),
      make(ObjectKind::table, "", "b", {}),
      make(ObjectKind::column, "b", "y", {}),
      make(ObjectKind::view, "", "v", {}),
  });
  GroupSet touched;
  std::vector<SchemaObject> fresh{make(ObjectKind::column, "c", "z", {}), make(ObjectKind::table, "", "c", {}),
                                  make(ObjectKind::column, "a", "x2", {})};
  replace_objects(
      snapshot, [](const SchemaObject& o) { return o.schema == "public" && (o.name == "b" || o.table == "b"); },
      std::move(fresh), &touched);
  EXPECT_EQ(touched, (GroupSet{{"public", "a"}, {"public", "b"}, {"public", "c"}}));
  auto expected = snapshot_of({
      make(ObjectKind::table, "", "a", {}),
      make(ObjectKind::column, "a", "x", {}),
      make(ObjectKind::column, "a", "x2", {}),
      make(ObjectKind::table, "", "c", {}),
      make(ObjectKind::column, "c", "z", {}),
      make(ObjectKind::view, "", "v", {}),
  });
  ASSERT_EQ(snapshot.objects.size(), expected.objects.size());
  for (std::size_t i = 0; i < expected.objects.size(); ++i)
    EXPECT_EQ(snapshot.objects[i].qualified_name(), expected.objects[i].qualified_name()) << i;
}

TEST(SnapshotHash, DoesNotDependOnTheOrderObjectsCameIn) {
  Snapshot unsorted;
  unsorted.engine = db::Engine::postgres;
  unsorted.objects = {make(ObjectKind::column, "t", "b", {{"type", "text"}}), make(ObjectKind::table, "", "t", {}),
                      make(ObjectKind::column, "t", "a", {{"type", "int"}})};
  const auto sorted = snapshot_of(unsorted.objects);
  EXPECT_EQ(snapshot_hash(unsorted), snapshot_hash(sorted));
}

TEST(SnapshotHash, AGroupBoundaryCannotBeForgedByMovingAnObject) {
  // The same objects split differently between groups hash differently.
  const auto one = snapshot_of({make(ObjectKind::table, "", "t", {}), make(ObjectKind::column, "t", "c", {})});
  const auto other = snapshot_of({make(ObjectKind::table, "", "t", {}), make(ObjectKind::column, "u", "c", {})});
  EXPECT_NE(snapshot_hash(one), snapshot_hash(other));
}

TEST(SnapshotHash, TheLegacyFormIsTheOneEarlierVersionsRecorded) {
  // Computed by strata 0.1.0 before hashes were computed group by group; version stores keep such values.
  const auto snapshot = snapshot_of({make(ObjectKind::table, "", "t", {{"comment", "x"}}),
                                     make(ObjectKind::column, "t", "id", {{"type", "integer"}, {"position", "1"}})});
  EXPECT_EQ(legacy_snapshot_hash(snapshot), "412e839e41dc802a673824a7b365580a914144b264bd5047532b035fa8799b36");
}

// Random edits of a random schema, applied the way an incremental read applies them; after each, the tracked hash
// and count must equal snapshot_hash() and difference_count() of the whole snapshot. A copy that follows the edits
// group by group (replace_groups with group_subset, as `test` keeps its schemas) must stay equal to the edited
// snapshot, and counting only the touched groups must give the whole count.
TEST(TrackedComparison, FollowsRandomEditsExactly) {
  std::mt19937 random(20261203);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> values{"integer", "text", "bigint", ""};
  const auto random_group = [&](const std::string& schema, const std::string& name) {
    std::vector<SchemaObject> objects;
    switch (pick(4)) {
      case 0: objects.push_back(make(ObjectKind::view, "", name, {{"definition", values[pick(3)]}}, schema)); break;
      case 1: objects.push_back(make(ObjectKind::enum_type, "", name, {{"labels", values[pick(3)]}}, schema)); break;
      default:
        objects.push_back(make(ObjectKind::table, "", name, {{"comment", values[pick(4)]}}, schema));
        for (int c = pick(4); c >= 0; --c)
          objects.push_back(make(ObjectKind::column, name, "c" + std::to_string(pick(5)),
                                 {{"type", values[pick(3)]}, {"position", std::to_string(c)}}, schema));
        if (pick(2) == 0)
          objects.push_back(make(ObjectKind::index, name, name + "_i", {{"definition", values[pick(3)]}}, schema));
        if (pick(3) == 0)
          objects.push_back(make(ObjectKind::constraint, name, name + "_k", {{"type", "check"}}, schema));
    }
    // Columns may repeat a name: keep one of each.
    std::vector<SchemaObject> unique;
    for (auto& object : objects)
      if (std::none_of(unique.begin(), unique.end(),
                       [&](const SchemaObject& o) { return o.kind == object.kind && o.name == object.name; }))
        unique.push_back(std::move(object));
    return unique;
  };
  const auto random_key = [&]() -> GroupKey {
    return {pick(4) == 0 ? "other" : "public", std::string(1, static_cast<char>('a' + pick(8)))};
  };
  for (int round = 0; round < 40; ++round) {
    std::vector<SchemaObject> target_objects;
    std::set<GroupKey> used;
    for (int g = pick(6); g >= 0; --g) {
      const auto key = random_key();
      if (!used.insert(key).second) continue;
      for (auto& object : random_group(key.first, key.second)) target_objects.push_back(std::move(object));
    }
    const auto target = snapshot_of(std::move(target_objects));
    for (const CompareOptions options : {CompareOptions{}, CompareOptions{true, false}}) {
      TrackedComparison comparison(target, options);
      Snapshot tracked;
      tracked.engine = db::Engine::postgres;
      comparison.update(tracked, nullptr);
      Snapshot follower = tracked;
      for (int step = 0; step < 30; ++step) {
        // Replace a few groups: each either goes, or comes back as a random (possibly the target's) group.
        std::set<GroupKey> stale;
        std::vector<SchemaObject> fresh;
        for (int k = pick(3); k >= 0; --k) {
          const auto key = random_key();
          if (!stale.insert(key).second) continue;
          if (pick(3) == 0) continue;  // dropped
          if (pick(2) == 0) {
            for (const auto* object : group_objects(target, key)) fresh.push_back(*object);
          } else {
            for (auto& object : random_group(key.first, key.second)) fresh.push_back(std::move(object));
          }
        }
        GroupSet touched;
        replace_objects(
            tracked, [&](const SchemaObject& o) { return stale.count(group_of(o)) > 0; }, std::move(fresh), &touched);
        comparison.update(tracked, pick(10) == 0 ? nullptr : &touched);
        ASSERT_EQ(comparison.hash(), snapshot_hash(tracked, options)) << "round " << round << " step " << step;
        ASSERT_EQ(comparison.difference_count(), difference_count(tracked, target, options))
            << "round " << round << " step " << step;
        ASSERT_EQ(difference_count_in(follower, tracked, touched, options),
                  difference_count(follower, tracked, options))
            << "round " << round << " step " << step;
        replace_groups(follower, touched, group_subset(tracked, touched));
        ASSERT_EQ(difference_count(follower, tracked, CompareOptions{true, true}), 0U)
            << "round " << round << " step " << step;
        ASSERT_EQ(follower.objects.size(), tracked.objects.size()) << "round " << round << " step " << step;
      }
    }
  }
}

}  // namespace
}  // namespace strata::schema
