#include <gtest/gtest.h>

#include "model_support.hpp"

#include "strata/schema/diff.hpp"

namespace strata::schema {
namespace {

using by_hand::make;
using by_hand::snapshot_of;

Snapshot base() {
  return snapshot_of({
      make(ObjectKind::table, "", "users", {{"unlogged", "false"}}),
      make(ObjectKind::column, "users", "id", {{"type", "integer"}, {"nullable", "false"}, {"position", "1"}}),
      make(ObjectKind::column, "users", "email", {{"type", "text"}, {"nullable", "true"}, {"position", "2"}}),
      make(ObjectKind::constraint, "users", "users_pkey",
           {{"type", "primary key"}, {"definition", "PRIMARY KEY (id)"}}),
      make(ObjectKind::index, "users", "users_email",
           {{"definition", "CREATE INDEX users_email ON public.users USING btree (email)"}}),
      make(ObjectKind::view, "", "v", {{"definition", " SELECT 1;"}, {"privileges", "app=r/owner"}}),
  });
}

TEST(SchemaDiff, EqualSnapshotsHaveNoDifferences) { EXPECT_TRUE(diff(base(), base()).empty()); }

TEST(SchemaDiff, ChangedAttributeNamesBothValues) {
  Snapshot actual = base();
  for (auto& o : actual.objects)
    if (o.name == "email") o.attributes["type"] = "citext";
  const auto differences = diff(base(), actual);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].kind, ObjectKind::column);
  EXPECT_EQ(differences[0].object, "public.users.email");
  EXPECT_EQ(differences[0].change, Change::changed);
  EXPECT_EQ(differences[0].attribute, "type");
  EXPECT_EQ(differences[0].expected, "text");
  EXPECT_EQ(differences[0].actual, "citext");
  EXPECT_EQ(format_difference(differences[0]), "changed column public.users.email: type: text -> citext");
  EXPECT_EQ(
      to_json(differences[0]).dump(),
      R"({"kind":"column","object":"public.users.email","change":"changed","attribute":"type","expected":"text","actual":"citext"})");
}

TEST(SchemaDiff, AttributePresentOnOneSideOnly) {
  Snapshot actual = base();
  for (auto& o : actual.objects)
    if (o.name == "email") o.attributes["default"] = "'x'::text";
  const auto differences = diff(base(), actual);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(format_difference(differences[0]), "changed column public.users.email: default: (none) -> 'x'::text");
}

TEST(SchemaDiff, MissingAndExtraObjects) {
  Snapshot actual = base();
  std::erase_if(actual.objects, [](const SchemaObject& o) { return o.name == "users_email"; });
  actual.objects.push_back(make(ObjectKind::view, "", "w", {{"definition", " SELECT 2;"}}));
  normalise(actual);
  const auto differences = diff(base(), actual);
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(format_difference(differences[0]), "missing index public.users_email");
  EXPECT_EQ(format_difference(differences[1]), "extra view public.w");
  EXPECT_EQ(
      to_json(differences[0]).dump(),
      R"({"kind":"index","object":"public.users_email","change":"missing","attribute":"","expected":"","actual":""})");
}

TEST(SchemaDiff, AMissingTableCoversItsMembers) {
  const Snapshot empty =
      snapshot_of({make(ObjectKind::view, "", "v", {{"definition", " SELECT 1;"}, {"privileges", "app=r/owner"}})});
  const auto missing = diff(base(), empty);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(format_difference(missing[0]), "missing table public.users");
  const auto extra = diff(empty, base());
  ASSERT_EQ(extra.size(), 1u);
  EXPECT_EQ(format_difference(extra[0]), "extra table public.users");
}

TEST(SchemaDiff, ColumnOrderCountsOnlyWhenStrict) {
  Snapshot actual = base();
  for (auto& o : actual.objects) {
    if (o.name == "id") o.attributes["position"] = "2";
    if (o.name == "email") o.attributes["position"] = "1";
  }
  EXPECT_TRUE(diff(base(), actual).empty());
  EXPECT_EQ(snapshot_hash(base()), snapshot_hash(actual));
  CompareOptions strict;
  strict.strict_column_order = true;
  const auto differences = diff(base(), actual, strict);
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(format_difference(differences[0]), "changed column public.users.email: position: 2 -> 1");
  EXPECT_NE(snapshot_hash(base(), strict), snapshot_hash(actual, strict));
}

TEST(SchemaDiff, PrivilegesCountOnlyWhenAsked) {
  Snapshot actual = base();
  for (auto& o : actual.objects)
    if (o.name == "v") o.attributes.erase("privileges");
  EXPECT_TRUE(diff(base(), actual).empty());
  EXPECT_EQ(snapshot_hash(base()), snapshot_hash(actual));
  CompareOptions with;
  with.with_privileges = true;
  const auto differences = diff(base(), actual, with);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(format_difference(differences[0]), "changed view public.v: privileges: app=r/owner -> (none)");
}

TEST(SchemaDiff, EveryKindIsMatchedByKindAndName) {
  // The same name under two kinds are two objects.
  const Snapshot a = snapshot_of({make(ObjectKind::view, "", "x", {})});
  const Snapshot b = snapshot_of({make(ObjectKind::materialized_view, "", "x", {})});
  const auto differences = diff(a, b);
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(format_difference(differences[0]), "missing view public.x");
  EXPECT_EQ(format_difference(differences[1]), "extra materialized view public.x");
}

TEST(SchemaDiff, HashChangesWithAnyComparedAttributeAndCannotBeForgedBySeparators) {
  Snapshot a = snapshot_of({make(ObjectKind::table, "", "t", {{"a", "1;b"}})});
  Snapshot b = snapshot_of({make(ObjectKind::table, "", "t", {{"a", "1"}, {"b", ""}})});
  EXPECT_NE(snapshot_hash(a), snapshot_hash(b));
  EXPECT_EQ(snapshot_hash(a).size(), 64u);
}

}  // namespace
}  // namespace strata::schema
