// strata heads [--verbose] [--resolve-dependencies]: the versioned heads, in load order (revision-graph.md "Read-only
// listings").
#include <memory>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/cli/revision_json.hpp"

namespace strata::cli::commands {

namespace heads_command {
namespace {

struct Options {
  bool verbose = false;
  bool resolve_dependencies = false;
};

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  const auto heads = options.resolve_dependencies ? graph.real_heads() : graph.heads();
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"heads", revisions_json(graph, heads)}});
    return 0;
  }
  const bool verbose = options.verbose || context.global().verbose;
  for (const auto head : heads) {
    if (verbose) out.line(revision_entry(graph, head, out) + '\n');
    else out.line(revision_line(graph, head, {}, out));
  }
  return 0;
}

}  // namespace
}  // namespace heads_command

Runner setup_heads(CLI::App& app) {
  auto options = std::make_shared<heads_command::Options>();
  app.add_flag("-v,--verbose", options->verbose, "print each head's full entry");
  app.add_flag("--resolve-dependencies", options->resolve_dependencies,
               "only real heads: leave out heads that another revision depends on");
  return [options](Context& context) { return heads_command::run(context, *options); };
}

}  // namespace strata::cli::commands
