// strata history [-r RANGE] [--verbose]: revisions newest first, in Alembic's line format (revision-graph.md "History
// ranges").
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/graph/plan.hpp"

namespace strata::cli::commands {

namespace history_command {
namespace {

struct Options {
  std::string range;
  bool verbose = false;
};

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  const auto revisions = graph::history(graph, options.range);
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"revisions", revisions_json(graph, revisions)}});
    return 0;
  }
  const bool verbose = options.verbose || context.global().verbose;
  const LineParts parts{.parents = true, .labels = true, .head_marks = true, .tree_marks = true, .message = true};
  for (const auto index : revisions) {
    if (verbose) out.line(revision_entry(graph, index, out) + '\n');
    else out.line(revision_line(graph, index, parts, out));
  }
  return 0;
}

}  // namespace
}  // namespace history_command

Runner setup_history(CLI::App& app) {
  auto options = std::make_shared<history_command::Options>();
  app.add_option("-r,--rev-range", options->range, "START:END, START: or :END (e.g. base:head, -3:, abc:+2)")
      ->type_name("RANGE");
  app.add_flag("-v,--verbose", options->verbose, "print each revision's full entry");
  return [options](Context& context) { return history_command::run(context, *options); };
}

}  // namespace strata::cli::commands
