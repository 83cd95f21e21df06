// strata graph --format dot|mermaid: heads, bases, merges and labels visible; the same output on every run.
#include "readonly_test.hpp"

namespace strata::testing {
namespace {

TEST(GraphPicture, DotShowsEdgesMarksAndLabels) {
  const auto result = in_fixtures({"-d", "native", "graph"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto& dot = result.out;
  EXPECT_TRUE(dot.starts_with("digraph strata {\n")) << dot;
  EXPECT_NE(dot.find("  \"aaaa00000001\" -> \"bbbb00000002\";\n"), std::string::npos) << dot;
  EXPECT_NE(dot.find("  \"cccc00000003\" -> \"eeee00000005\";\n"), std::string::npos) << dot;
  EXPECT_NE(dot.find("  \"bbbb00000002\" -> \"ffff00000006\" [style=dashed, label=\"depends on\"];\n"),
            std::string::npos)
      << dot;
  EXPECT_NE(
      dot.find("\"eeee00000005\" [label=\"eeee00000005\\n(core)\\n[head, merge]\\nmerge orders and invoices\\n\""),
      std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"aaaa00000001\" [label=\"aaaa00000001\\n(core)\\n[base]\\ncreate users\\n\", shape=house];"),
            std::string::npos)
      << dot;
  EXPECT_EQ(in_fixtures({"-d", "native", "graph"}).out, dot);  // deterministic
}

TEST(GraphPicture, Mermaid) {
  const auto result = in_fixtures({"-d", "native", "graph", "--format", "mermaid"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto& text = result.out;
  EXPECT_TRUE(text.starts_with("flowchart BT\n")) << text;
  EXPECT_NE(
      text.find("  r_eeee00000005[\"eeee00000005<br/>(core)<br/>[head, merge]<br/>merge orders and invoices\"]\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("  r_dddd00000004 --> r_eeee00000005\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  r_bbbb00000002 -. depends on .-> r_ffff00000006\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  class r_ffff00000006 head;\n"), std::string::npos) << text;
  EXPECT_EQ(in_fixtures({"-d", "native", "graph", "--format", "mermaid"}).out, text);
}

TEST(GraphPicture, UnknownFormatIsAUsageError) {
  const auto result = in_fixtures({"-d", "native", "graph", "--format", "png"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: --format: png not in {dot,mermaid}; run 'strata graph --help' for usage\n");
}

TEST(GraphPicture, Json) {
  const auto result = in_fixtures({"-d", "native", "graph", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto document = json_of(result);
  EXPECT_EQ(document["nodes"].size(), 6u);
  EXPECT_EQ(document["edges"].size(), 6u);  // five `revises` edges and one `depends_on`
  EXPECT_EQ(document["nodes"][4]["merge_point"], true);
}

}  // namespace
}  // namespace strata::testing
