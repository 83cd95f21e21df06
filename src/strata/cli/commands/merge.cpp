// strata merge -m MSG REV... | heads [--branch-label L] [--rev-id ID]: one new revision whose parents are the
// given heads, in the order given (revision-graph.md "Writing revisions").
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/authoring.hpp"
#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/migration_file.hpp"

namespace strata::cli::commands {

namespace merge_command {
namespace {

struct Options {
  std::string message;
  std::vector<std::string> revisions;
  std::vector<std::string> branch_labels;
  std::string rev_id;
};

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  std::vector<graph::RevIndex> parents;
  for (const auto& target : options.revisions) {
    const auto resolved = graph::resolve(graph, target);
    parents.insert(parents.end(), resolved.begin(), resolved.end());
  }
  if (parents.empty())
    throw UsageError(ErrorCode::usage, "nothing to merge: the revisions given resolve to no revision");
  refuse_duplicate_parents(graph, parents);
  for (const auto parent : parents)
    if (!graph.is_head(parent))
      throw GraphError(
          ErrorCode::not_a_head,
          fmt::format("Revision {} is not a head revision; merge takes head revisions only", graph.id(parent)),
          {graph.id(parent)});
  repo::NewRevision revision;
  revision.id = options.rev_id;
  revision.revises = graph.ids(parents);
  revision.branch_labels = options.branch_labels;
  revision.message = options.message;
  // A merge joins lines of work and changes nothing: its down section is empty on purpose.
  revision.up_sql = "-- A merge revision: it joins lines of work and changes nothing itself.\n";
  revision.down_sql = fmt::format("{}\n", repo::k_no_op_marker);
  return write_new_revision(context, std::move(revision), true);
}

}  // namespace
}  // namespace merge_command

Runner setup_merge(CLI::App& app) {
  auto options = std::make_shared<merge_command::Options>();
  app.add_option("REVISIONS", options->revisions, "the heads to merge, or `heads` for all of them")->required();
  app.add_option("-m,--message", options->message, "what the merge is for")->type_name("MSG");
  app.add_option("--branch-label", options->branch_labels, "a branch label for the merge revision (repeatable)")
      ->type_name("LABEL");
  app.add_option("--rev-id", options->rev_id, "use this id instead of a random one")->type_name("ID");
  return [options](Context& context) { return merge_command::run(context, *options); };
}

}  // namespace strata::cli::commands
