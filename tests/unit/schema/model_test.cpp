#include <gtest/gtest.h>

#include "model_support.hpp"

#include "strata/schema/diff.hpp"
#include "strata/schema/format.hpp"
#include "strata/schema/model.hpp"

namespace strata::schema {
namespace {

// by_hand::make with the schema first, as these tests name objects.
SchemaObject object(ObjectKind kind, std::string schema, std::string table, std::string name,
                    std::map<std::string, std::string> attributes = {}) {
  return by_hand::make(kind, std::move(table), std::move(name), std::move(attributes), std::move(schema));
}

Snapshot sample(bool reversed) {
  Snapshot snapshot;
  snapshot.engine = db::Engine::postgres;
  std::vector<SchemaObject> objects{
      object(ObjectKind::table, "public", "", "users", {{"unlogged", "false"}}),
      object(ObjectKind::column, "public", "users", "id", {{"type", "integer"}, {"position", "1"}}),
      object(ObjectKind::column, "public", "users", "email", {{"type", "text"}, {"position", "2"}}),
      object(ObjectKind::index, "public", "users", "users_email", {{"definition", "CREATE INDEX ..."}}),
      object(ObjectKind::schema, "", "", "public"),
      object(ObjectKind::view, "public", "", "v", {{"definition", " SELECT 1;"}}),
  };
  if (reversed) std::reverse(objects.begin(), objects.end());
  snapshot.objects = objects;
  normalise(snapshot);
  return snapshot;
}

TEST(SchemaModel, QualifiedNamesNameTheTableOfMembers) {
  EXPECT_EQ(object(ObjectKind::column, "public", "users", "id").qualified_name(), "public.users.id");
  EXPECT_EQ(object(ObjectKind::index, "public", "users", "users_email").qualified_name(), "public.users_email");
  EXPECT_EQ(object(ObjectKind::table, "", "", "users").qualified_name(), "users");
  EXPECT_EQ(object(ObjectKind::trigger, "", "users", "t").qualified_name(), "users.t");
  EXPECT_EQ(object(ObjectKind::schema, "", "", "app").qualified_name(), "app");
}

TEST(SchemaModel, CanonicalOrderDoesNotDependOnCatalogOrder) {
  const Snapshot a = sample(false);
  const Snapshot b = sample(true);
  EXPECT_EQ(format_text(a), format_text(b));
  EXPECT_EQ(format_json(a), format_json(b));
  EXPECT_EQ(format_sql(a), format_sql(b));
  EXPECT_EQ(snapshot_hash(a), snapshot_hash(b));
  ASSERT_EQ(a.objects.front().kind, ObjectKind::schema);
  EXPECT_EQ(a.objects.back().kind, ObjectKind::view);
}

TEST(SchemaModel, FindAndMembers) {
  const Snapshot snapshot = sample(false);
  const SchemaObject* users = snapshot.find(ObjectKind::table, "public.users");
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(snapshot.find(ObjectKind::view, "public.users"), nullptr);
  EXPECT_EQ(snapshot.members_of(*users).size(), 3u);
  EXPECT_EQ(users->attribute("unlogged"), "false");
  EXPECT_EQ(users->attribute("absent"), "");
}

TEST(SchemaModel, TextListsColumnsInTableOrderWithoutPositions) {
  EXPECT_EQ(format_text(sample(false)),
            "schema public\n"
            "table public.users\n"
            "    unlogged: false\n"
            "  column id\n"
            "      type: integer\n"
            "  column email\n"
            "      type: text\n"
            "  index public.users_email\n"
            "      definition: CREATE INDEX ...\n"
            "view public.v\n"
            "    definition:  SELECT 1;\n");
}

TEST(SchemaModel, JsonListsObjectsWithTheirAttributes) {
  const auto json = to_json(sample(false));
  EXPECT_EQ(json["engine"], "postgresql");
  ASSERT_EQ(json["objects"].size(), 6u);
  EXPECT_EQ(json["objects"][1].dump(),
            R"({"kind":"table","name":"public.users","schema":"public","attributes":{"unlogged":"false"}})");
  EXPECT_EQ(json["objects"][2]["table"], "users");
}

TEST(SchemaModel, NormaliseSqlCollapsesWhitespaceButKeepsQuotedText) {
  EXPECT_EQ(normalise_sql("CREATE VIEW v\n  AS   SELECT a ,b\tFROM t ;"), "CREATE VIEW v AS SELECT a,b FROM t");
  EXPECT_EQ(normalise_sql("select 'a  b', \"x  y\" from t -- comment\n where c = 1"),
            "select 'a  b',\"x  y\" from t where c = 1");
  EXPECT_EQ(normalise_sql("f ( a /* c */ )"), "f(a)");
  EXPECT_EQ(normalise_sql("select 'it''s  ok'"), "select 'it''s  ok'");
  EXPECT_EQ(normalise_sql("  \n;"), "");
}

TEST(SchemaModel, KindNames) {
  EXPECT_EQ(to_string(ObjectKind::enum_type), "enum");
  EXPECT_EQ(to_string(ObjectKind::composite_type), "composite type");
  EXPECT_EQ(to_string(ObjectKind::materialized_view), "materialized view");
  EXPECT_TRUE(is_table_member(ObjectKind::policy));
  EXPECT_FALSE(is_table_member(ObjectKind::index));
}

}  // namespace
}  // namespace strata::schema
