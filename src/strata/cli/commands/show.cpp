// strata show REV: the full entry of each revision REV resolves to (revision-graph.md "Read-only listings").
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/graph/plan.hpp"

namespace strata::cli::commands {

namespace show_command {
namespace {

struct Options {
  std::string target;
};

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  const auto revisions = graph::resolve(graph, options.target);
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"revisions", revisions_json(graph, revisions)}});
    return 0;
  }
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    if (i > 0) out.line();
    out.line(revision_entry(graph, revisions[i], out));
  }
  return 0;
}

}  // namespace
}  // namespace show_command

Runner setup_show(CLI::App& app) {
  auto options = std::make_shared<show_command::Options>();
  app.add_option("REV", options->target, "a revision id, unique prefix, label, head, heads, L@head, -N…")->required();
  return [options](Context& context) { return show_command::run(context, *options); };
}

}  // namespace strata::cli::commands
