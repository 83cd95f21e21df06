// strata revision (alias new) -m MSG [--head H] [--splice] [--branch-label L] [--depends-on D]... [--rev-id ID]
// [--transaction none]: writes a new native migration file (revision-graph.md "Writing revisions"), refusing before writing anything
// when the result would not be a valid graph.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "strata/cli/authoring.hpp"
#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace {

constexpr const char* k_default_head = "head";

struct Options {
  std::string message;
  std::string head;  // empty: `head`, with the revision-specific message when there are several heads
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;
  std::string transaction = "per-migration";
};

std::vector<graph::RevIndex> parents_of(const graph::RevisionGraph& graph, const Options& options) {
  if (options.head.empty()) {
    if (graph.size() == 0) return {};
    if (graph.heads().size() > 1) {
      const auto heads = graph.ids(graph.heads());
      throw GraphError(ErrorCode::multiple_heads,
                       "Multiple heads are present: " + util::quoted_list(heads) +
                           "; please specify the head revision on which the new revision should be based (--head " +
                           heads.front() + "), or perform a merge first: strata merge -m 'merge heads' heads",
                       heads);
    }
  }
  return graph::resolve(graph, options.head.empty() ? k_default_head : options.head);
}

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  const auto parents = parents_of(graph, options);
  refuse_duplicate_parents(graph, parents);
  if (!options.splice) {
    for (const auto parent : parents)
      if (!graph.is_head(parent))
        throw GraphError(ErrorCode::not_a_head,
                         "Revision " + graph.id(parent) +
                             " is not a head revision; please specify --splice to create a new branch from this "
                             "revision",
                         {graph.id(parent)});
  }
  repo::NewRevision revision;
  revision.id = options.rev_id;
  revision.revises = graph.ids(parents);
  revision.branch_labels = options.branch_labels;
  revision.depends_on = resolve_depends_on(graph, options.depends_on);
  revision.message = options.message;
  revision.transaction =
      options.transaction == "none" ? repo::TransactionMode::none : repo::TransactionMode::per_migration;
  return write_new_revision(context, std::move(revision));
}

}  // namespace

Runner setup_revision(CLI::App& app) {
  auto options = std::make_shared<Options>();
  app.add_option("-m,--message", options->message, "what the revision does")->type_name("MSG");
  app.add_option("--head", options->head,
                 "the parent(s): head (default), heads (a merge), base (a new base), L@head, an id")
      ->type_name("REV");
  app.add_flag("--splice", options->splice, "allow a parent that is not a head (starts a new branch)");
  app.add_option("--branch-label", options->branch_labels, "a branch label for the new revision (repeatable)")
      ->type_name("LABEL");
  app.add_option("--depends-on", options->depends_on, "a revision or label this one depends on (repeatable)")
      ->type_name("REV");
  app.add_option("--rev-id", options->rev_id, "use this id instead of a random one")->type_name("ID");
  app.add_option("--transaction", options->transaction,
                 "per-migration (default) or none, for statements that cannot run in a transaction")
      ->check(CLI::IsMember({"per-migration", "none"}))
      ->type_name("MODE");
  return [options](Context& context) { return run(context, *options); };
}

}  // namespace strata::cli::commands
