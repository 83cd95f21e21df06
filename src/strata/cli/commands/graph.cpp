// strata graph [--format dot|mermaid]: a picture of the DAG, bases at the bottom, edges from parent to child. Heads,
// bases, merge points and labels are visible; nodes and edges come in load order, so the output is the same on every
// run.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace graph_command {
namespace {

struct Options {
  std::string format = "dot";
};

// "id", then "(label, …)" and the message, each on its own line of the node's box.
std::vector<std::string> node_lines(const graph::RevisionGraph& graph, graph::RevIndex index) {
  std::vector<std::string> lines{graph.id(index)};
  const auto& labels = graph.labels(index);
  if (!labels.empty()) lines.push_back(fmt::format("({})", util::join(labels, ", ")));
  std::vector<std::string> marks;
  if (graph.is_head(index)) marks.emplace_back("head");
  if (graph.parents(index).empty()) marks.emplace_back("base");
  if (graph.is_merge_point(index)) marks.emplace_back("merge");
  if (!marks.empty()) lines.push_back(fmt::format("[{}]", util::join(marks, ", ")));
  const auto& message = graph.revision(index).message;
  if (!message.empty()) lines.push_back(util::split(message, '\n').front());
  return lines;
}

std::string dot_escape(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

void print_dot(Output& out, const graph::RevisionGraph& graph) {
  out.line("digraph strata {");
  out.line("  rankdir=BT;");
  out.line("  node [shape=box, fontname=\"monospace\"];");
  for (graph::RevIndex index = 0; index < graph.size(); ++index) {
    std::string label;
    for (const auto& line : node_lines(graph, index)) label += fmt::format("{}\\n", dot_escape(line));
    std::string attributes = fmt::format("label=\"{}\"", label);
    if (graph.is_head(index)) attributes += ", style=bold, color=darkgreen";
    if (graph.parents(index).empty()) attributes += ", shape=house";
    if (graph.is_merge_point(index)) attributes += ", shape=octagon";
    out.line(fmt::format("  \"{}\" [{}];", graph.id(index), attributes));
  }
  for (graph::RevIndex index = 0; index < graph.size(); ++index) {
    for (const auto parent : graph.parents(index))
      out.line(fmt::format("  \"{}\" -> \"{}\";", graph.id(parent), graph.id(index)));
    for (const auto dependency : graph.dependencies(index))
      out.line(fmt::format("  \"{}\" -> \"{}\" [style=dashed, label=\"depends on\"];", graph.id(dependency),
                           graph.id(index)));
    if (const auto squash = graph.replaced_by(index))
      out.line(
          fmt::format("  \"{}\" -> \"{}\" [style=dotted, label=\"replaced by\"];", graph.id(index), graph.id(*squash)));
  }
  out.line("}");
}

std::string mermaid_escape(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '"') escaped += "#quot;";
    else if (c == '<') escaped += "#lt;";
    else if (c == '>') escaped += "#gt;";
    else escaped += c;
  }
  return escaped;
}

void print_mermaid(Output& out, const graph::RevisionGraph& graph) {
  out.line("flowchart BT");
  const auto node = [&](graph::RevIndex index) { return fmt::format("r_{}", graph.id(index)); };
  for (graph::RevIndex index = 0; index < graph.size(); ++index) {
    std::vector<std::string> lines;
    for (const auto& line : node_lines(graph, index)) lines.push_back(mermaid_escape(line));
    out.line(fmt::format("  {}[\"{}\"]", node(index), util::join(lines, "<br/>")));
  }
  for (graph::RevIndex index = 0; index < graph.size(); ++index) {
    for (const auto parent : graph.parents(index)) out.line(fmt::format("  {} --> {}", node(parent), node(index)));
    for (const auto dependency : graph.dependencies(index))
      out.line(fmt::format("  {} -. depends on .-> {}", node(dependency), node(index)));
    if (const auto squash = graph.replaced_by(index))
      out.line(fmt::format("  {} -. replaced by .-> {}", node(index), node(*squash)));
  }
  out.line("  classDef head stroke-width:3px,stroke:#2e7d32;");
  out.line("  classDef merge stroke-dasharray:4 2;");
  for (graph::RevIndex index = 0; index < graph.size(); ++index) {
    if (graph.is_head(index)) out.line(fmt::format("  class {} head;", node(index)));
    if (graph.is_merge_point(index)) out.line(fmt::format("  class {} merge;", node(index)));
  }
}

// --json: the same picture as data, {"nodes": [revision + marks], "edges": [{"from", "to", "kind"}]}.
void print_json(Output& out, const graph::RevisionGraph& graph) {
  auto nodes = Json::array();
  auto edges = Json::array();
  for (graph::RevIndex index = 0; index < graph.size(); ++index) {
    auto node = revision_json(graph.revision(index));
    node["labels"] = graph.labels(index);
    node["head"] = graph.is_head(index);
    node["base"] = graph.parents(index).empty();
    node["merge_point"] = graph.is_merge_point(index);
    node["branch_point"] = graph.is_branch_point(index);
    nodes.push_back(std::move(node));
    for (const auto parent : graph.parents(index))
      edges.push_back(Json{{"from", graph.id(parent)}, {"to", graph.id(index)}, {"kind", "revises"}});
    for (const auto dependency : graph.dependencies(index))
      edges.push_back(Json{{"from", graph.id(dependency)}, {"to", graph.id(index)}, {"kind", "depends_on"}});
    if (const auto squash = graph.replaced_by(index))
      edges.push_back(Json{{"from", graph.id(index)}, {"to", graph.id(*squash)}, {"kind", "replaced_by"}});
  }
  out.document(Json{{"nodes", nodes}, {"edges", edges}});
}

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  auto& out = context.out();
  if (out.json()) print_json(out, graph);
  else if (options.format == "mermaid") print_mermaid(out, graph);
  else print_dot(out, graph);
  return 0;
}

}  // namespace
}  // namespace graph_command

Runner setup_graph(CLI::App& app) {
  auto options = std::make_shared<graph_command::Options>();
  app.add_option("-f,--format", options->format, "dot (Graphviz, the default) or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->type_name("FORMAT");
  return [options](Context& context) { return graph_command::run(context, *options); };
}

}  // namespace strata::cli::commands
