// strata branches [--verbose]: each branch point, newest first, with its children (revision-graph.md "Read-only
// listings").
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/graph/plan.hpp"

namespace strata::cli::commands {

namespace branches_command {
namespace {

struct Options {
  bool verbose = false;
};

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  auto& out = context.out();
  const bool verbose = options.verbose || context.global().verbose;
  auto branches = Json::array();
  for (const auto index : graph::history(graph, "")) {
    if (!graph.is_branch_point(index)) continue;
    const auto children = graph.children(index);
    if (out.json()) {
      branches.push_back(
          Json{{"revision", revision_json(graph.revision(index))}, {"children", revisions_json(graph, children)}});
      continue;
    }
    out.line(verbose ? revision_entry(graph, index, out)
                     : revision_line(graph, index, {.head_marks = true, .tree_marks = true}, out));
    // The children line up under the branch point's id, as Alembic prints them.
    const std::string indent(graph.id(index).size(), ' ');
    for (const auto child : children)
      out.line(
          fmt::format("{} -> {}", indent, revision_line(graph, child, {.tree_marks = true, .message = verbose}, out)));
    out.line();
  }
  if (out.json()) out.document(Json{{"branches", branches}});
  return 0;
}

}  // namespace
}  // namespace branches_command

Runner setup_branches(CLI::App& app) {
  auto options = std::make_shared<branches_command::Options>();
  app.add_flag("-v,--verbose", options->verbose, "print each branch point's full entry");
  return [options](Context& context) { return branches_command::run(context, *options); };
}

}  // namespace strata::cli::commands
