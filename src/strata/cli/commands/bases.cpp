// strata bases [--verbose]: the revisions without parents, in load order.
#include <memory>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/cli/revision_json.hpp"

namespace strata::cli::commands {

namespace bases_command {
namespace {

struct Options {
  bool verbose = false;
};

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  const auto bases = graph.bases();
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"bases", revisions_json(graph, bases)}});
    return 0;
  }
  const bool verbose = options.verbose || context.global().verbose;
  for (const auto base : bases) {
    if (verbose) out.line(revision_entry(graph, base, out) + '\n');
    else out.line(revision_line(graph, base, {}, out));
  }
  return 0;
}

}  // namespace
}  // namespace bases_command

Runner setup_bases(CLI::App& app) {
  auto options = std::make_shared<bases_command::Options>();
  app.add_flag("-v,--verbose", options->verbose, "print each base's full entry");
  return [options](Context& context) { return bases_command::run(context, *options); };
}

}  // namespace strata::cli::commands
