// strata plan upgrade|downgrade TARGET [--from REV ...]: the ordered steps an upgrade or downgrade would run on a
// database whose applied revisions are the --from revisions and all their ancestors (none: an empty database).
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace plan_command {
namespace {

struct Options {
  std::string direction;
  std::string target;
  std::vector<std::string> from;
};

std::vector<graph::RevIndex> applied_set(const graph::RevisionGraph& graph, const std::vector<std::string>& from) {
  std::vector<graph::RevIndex> starts;
  for (const auto& target : from) {
    const auto resolved = graph::resolve(graph, target);
    starts.insert(starts.end(), resolved.begin(), resolved.end());
  }
  return graph.ancestors(starts);
}

std::string ids_text(const graph::RevisionGraph& graph, const std::vector<graph::RevIndex>& indexes) {
  if (indexes.empty()) return "(none)";
  std::vector<std::string> ids;
  ids.reserve(indexes.size());
  for (const auto index : indexes) ids.push_back(graph.id(index));
  return util::join(ids, ", ");
}

void print_text(Output& out, const graph::RevisionGraph& graph, const Options& options, const graph::Plan& plan) {
  const auto steps = plan.steps.size();
  out.line(fmt::format("{} to {}: {}", options.direction, options.target, util::counted(steps, "step")));
  for (const auto& step : plan.steps) {
    const auto& revision = graph.revision(step.revision);
    auto name = step_name(step);
    if (name.size() < 4) name.resize(4, ' ');
    out.line(fmt::format("  {}  {}  {}", name, out.paint(revision.id, Style::id), revision.message));
  }
  out.line(fmt::format("heads before: {}", ids_text(graph, plan.heads_before)));
  out.line(fmt::format("heads after:  {}", ids_text(graph, plan.heads_after)));
}

int run(Context& context, const Options& options) {
  const auto& graph = context.repository().graph();
  const auto applied = applied_set(graph, options.from);
  const auto plan = options.direction == "upgrade" ? graph::plan_upgrade(graph, applied, options.target)
                                                   : graph::plan_downgrade(graph, applied, options.target);
  auto& out = context.out();
  if (!out.json()) {
    print_text(out, graph, options, plan);
    return 0;
  }
  auto steps = Json::array();
  for (const auto& step : plan.steps) {
    Json entry{{"revision", graph.id(step.revision)},
               {"direction", step.direction == graph::Direction::up ? "up" : "down"}};
    if (step.record_only) entry["record_only"] = true;
    steps.push_back(std::move(entry));
  }
  out.document(Json{{"steps", steps},
                    {"heads_before", ids_json(graph, plan.heads_before)},
                    {"heads_after", ids_json(graph, plan.heads_after)}});
  return 0;
}

}  // namespace
}  // namespace plan_command

Runner setup_plan(CLI::App& app) {
  auto options = std::make_shared<plan_command::Options>();
  app.add_option("DIRECTION", options->direction, "upgrade or downgrade")
      ->required()
      ->check(CLI::IsMember({"upgrade", "downgrade"}));
  app.add_option("TARGET", options->target, "where to go: heads, head, L@head, an id, +N, -N, base…")->required();
  app.add_option("--from", options->from,
                 "a revision the database has applied, with all its ancestors (repeatable; none: empty database)")
      ->type_name("REV");
  return [options](Context& context) { return plan_command::run(context, *options); };
}

}  // namespace strata::cli::commands
