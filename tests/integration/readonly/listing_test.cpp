// heads, bases, branches, history and show over the native and Alembic fixtures, text and --json. The expected
// lines were checked against Alembic 1.8.1 run on the same graphs (only the order of heads and of a branch
// point's children differ: Alembic's is not stable, strata's is load order).
#include "readonly_test.hpp"

namespace strata::testing {
namespace {

TEST(Heads, NativeText) {
  const auto result = in_fixtures({"-d", "native", "heads"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "eeee00000005 (core) (head)\nffff00000006 (audit) (head)\n");
  EXPECT_EQ(result.err, "");
}

TEST(Heads, AlembicTextMatchesAlembic) {
  const auto result = in_fixtures({"heads", "-d", "alembic"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "1975ea83b712 (shoppingcart) (head)\nae1027a6acf (head)\n");
}

TEST(Heads, Json) {
  const auto result = in_fixtures({"-d", "native", "heads", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto document = json_of(result);
  ASSERT_TRUE(document.contains("heads"));
  EXPECT_EQ(revision_ids(document["heads"]), (std::vector<std::string>{"eeee00000005", "ffff00000006"}));
  const auto& merge = document["heads"][0];
  EXPECT_EQ(merge["revises"], (nlohmann::json{"cccc00000003", "dddd00000004"}));
  EXPECT_EQ(merge["branch_labels"], nlohmann::json::array());
  EXPECT_EQ(merge["depends_on"], nlohmann::json::array());
  EXPECT_EQ(merge["message"], "merge orders and invoices");
  EXPECT_TRUE(merge["path"].get<std::string>().ends_with("native/eeee00000005_merge_orders_and_invoices.sql"))
      << merge["path"];
  const auto& audit = document["heads"][1];
  EXPECT_EQ(audit["branch_labels"], nlohmann::json{"audit"});
  EXPECT_EQ(audit["depends_on"], nlohmann::json{"bbbb00000002"});
  EXPECT_EQ(audit["revises"], nlohmann::json::array());
  // Exactly the documented keys.
  EXPECT_EQ(audit.size(), 6u) << audit;
}

TEST(Heads, VerbosePrintsEntries) {
  const auto result = in_fixtures({"-d", "native", "heads", "--verbose"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto lines = lines_of(result.out);
  ASSERT_GE(lines.size(), 6u) << result.out;
  EXPECT_EQ(lines[0], "Rev: eeee00000005 (head) (mergepoint)");
  EXPECT_EQ(lines[1], "Merges: cccc00000003, dddd00000004");
  EXPECT_EQ(lines[2], "Branch names: core");
  EXPECT_TRUE(lines[3].starts_with("Path: ") && lines[3].ends_with("eeee00000005_merge_orders_and_invoices.sql"))
      << lines[3];
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(lines[5], "    merge orders and invoices");
}

TEST(Heads, ResolveDependenciesLeavesOutEffectiveHeads) {
  TempDir dir;
  write_native(dir.path() / "m", {.id = "aaaa00000001", .message = "one"});
  write_native(dir.path() / "m", {.id = "bbbb00000002", .message = "two", .depends_on = {"aaaa00000001"}});
  const auto all = run_strata({"-d", "m", "heads"}, {.cwd = dir.path()});
  ASSERT_EQ(all.exit_code, 0) << describe(all);
  EXPECT_EQ(all.out, "aaaa00000001 (effective head)\nbbbb00000002 (head)\n");
  const auto real = run_strata({"-d", "m", "heads", "--resolve-dependencies"}, {.cwd = dir.path()});
  ASSERT_EQ(real.exit_code, 0) << describe(real);
  EXPECT_EQ(real.out, "bbbb00000002 (head)\n");
}

TEST(Bases, TextAndJson) {
  const auto text = in_fixtures({"-d", "native", "bases"});
  ASSERT_EQ(text.exit_code, 0) << describe(text);
  EXPECT_EQ(text.out, "aaaa00000001 (core)\nffff00000006 (audit) (head)\n");
  const auto json = in_fixtures({"-d", "native", "bases", "--json"});
  ASSERT_EQ(json.exit_code, 0) << describe(json);
  EXPECT_EQ(revision_ids(json_of(json)["bases"]), (std::vector<std::string>{"aaaa00000001", "ffff00000006"}));
}

TEST(Branches, TextAndJson) {
  const auto text = in_fixtures({"-d", "native", "branches"});
  ASSERT_EQ(text.exit_code, 0) << describe(text);
  EXPECT_EQ(text.out,
            "bbbb00000002 (core) (branchpoint)\n"
            "             -> cccc00000003 (core)\n"
            "             -> dddd00000004 (core)\n"
            "\n");
  const auto json = in_fixtures({"-d", "native", "branches", "--json"});
  ASSERT_EQ(json.exit_code, 0) << describe(json);
  const auto document = json_of(json);
  ASSERT_EQ(document["branches"].size(), 1u) << json.out;
  EXPECT_EQ(document["branches"][0]["revision"]["revision"], "bbbb00000002");
  EXPECT_EQ(revision_ids(document["branches"][0]["children"]),
            (std::vector<std::string>{"cccc00000003", "dddd00000004"}));
}

// Alembic prints the same lines; with two heads its order depends on a set's iteration order (Alembic keeps them in a
// set), strata's walks the heads in load order.
TEST(History, NativeText) {
  const auto result = in_fixtures({"-d", "native", "history"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "cccc00000003, dddd00000004 -> eeee00000005 (core) (head) (mergepoint), merge orders and invoices\n"
            "bbbb00000002 -> cccc00000003 (core), add orders\n"
            "<base> (bbbb00000002) -> ffff00000006 (audit) (head), create audit log\n"
            "bbbb00000002 -> dddd00000004 (core), add invoices\n"
            "aaaa00000001 -> bbbb00000002 (core) (branchpoint), add email\n"
            "<base> -> aaaa00000001 (core), create users\n");
}

TEST(History, RangeMatchesAlembic) {
  const auto result = in_fixtures({"-d", "native", "history", "-r", "bbbb:"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "cccc00000003, dddd00000004 -> eeee00000005 (core) (head) (mergepoint), merge orders and invoices\n"
            "bbbb00000002 -> cccc00000003 (core), add orders\n"
            "bbbb00000002 -> dddd00000004 (core), add invoices\n"
            "aaaa00000001 -> bbbb00000002 (core) (branchpoint), add email\n");
}

TEST(History, AlembicTextMatchesAlembic) {
  const auto result = in_fixtures({"-d", "alembic", "history"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "<base> (27c6a30d7c24) -> 1975ea83b712 (shoppingcart) (head), create shopping cart table\n"
            "27c6a30d7c24 -> ae1027a6acf (head), add a column\n"
            "<base> -> 27c6a30d7c24, create account table\n");
}

TEST(History, RelativeStartIsCountedFromTheHeads) {
  const auto result = in_fixtures({"-d", "linear", "history", "-r", "-1:"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out,
            "2b3c4d5e6f70 -> 3c4d5e6f7081 (head), create orders\n"
            "1a2b3c4d5e6f -> 2b3c4d5e6f70, add email to users\n");
  EXPECT_EQ(in_fixtures({"-d", "linear", "history", "--rev-range=-1:"}).out, result.out);
}

TEST(History, JsonIsNewestFirst) {
  const auto result = in_fixtures({"-d", "linear", "history", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(revision_ids(json_of(result)["revisions"]),
            (std::vector<std::string>{"3c4d5e6f7081", "2b3c4d5e6f70", "1a2b3c4d5e6f"}));
}

TEST(History, BadRangeIsARepositoryError) {
  const auto result = in_fixtures({"-d", "linear", "history", "-r", "1a2b"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err,
            "error: History range '1a2b' is not of the form [start]:[end], [start]:, or :[end]; e.g. strata history -r "
            "base:heads\n");
}

TEST(Show, PrintsTheEntryOfAPrefixOrLabel) {
  const auto result = in_fixtures({"-d", "native", "show", "core@head"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 6u) << result.out;
  EXPECT_EQ(lines[0], "Rev: eeee00000005 (head) (mergepoint)");
  EXPECT_EQ(lines[5], "    merge orders and invoices");
  const auto json = in_fixtures({"-d", "native", "show", "ffff", "--json"});
  ASSERT_EQ(json.exit_code, 0) << describe(json);
  EXPECT_EQ(revision_ids(json_of(json)["revisions"]), std::vector<std::string>{"ffff00000006"});
}

TEST(Show, UnknownRevisionIsARepositoryError) {
  const auto result = in_fixtures({"-d", "native", "show", "zzzz"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: Can't locate revision identified by 'zzzz'\n");
  const auto json = in_fixtures({"-d", "native", "show", "zzzz", "--json"});
  EXPECT_EQ(json.exit_code, 3);
  const auto document = json_of(json);
  EXPECT_EQ(document["error"]["message"], "Can't locate revision identified by 'zzzz'");
  EXPECT_TRUE(document["error"]["code"].is_string());
  EXPECT_EQ(json.err, "");
}

}  // namespace
}  // namespace strata::testing
