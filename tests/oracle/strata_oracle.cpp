// The strata side of the Alembic oracle: reads graphs and queries (one JSON object per line) on stdin and prints
// strata's answers, one JSON object per line, for run_oracle.py to compare with Alembic 1.8.1.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/revision_graph.hpp"

namespace {

using nlohmann::json;
using strata::graph::RevIndex;
using strata::graph::RevisionGraph;

std::vector<RevIndex> lookup(const RevisionGraph& graph, const json& names) {
  std::vector<RevIndex> out;
  for (const auto& name : names) out.push_back(*graph.find(name.get<std::string>()));
  return out;
}

json answer(const RevisionGraph& graph, const json& query) {
  const auto op = query.at("op").get<std::string>();
  json result{{"ok", true}};
  try {
    if (op == "heads") {
      result["heads"] = graph.ids(graph.heads());
      result["real_heads"] = graph.ids(graph.real_heads());
      result["bases"] = graph.ids(graph.bases());
      result["real_bases"] = graph.ids(graph.real_bases());
      json labels = json::object();
      for (RevIndex i = 0; i < graph.size(); ++i) labels[graph.id(i)] = graph.labels(i);
      result["labels"] = labels;
    } else if (op == "upgrade" || op == "downgrade") {
      const auto applied = lookup(graph, query.at("applied"));
      const auto target = query.at("target").get<std::string>();
      const auto plan = op == "upgrade" ? strata::graph::plan_upgrade(graph, applied, target)
                                        : strata::graph::plan_downgrade(graph, applied, target);
      std::vector<std::string> steps;
      for (const auto& step : plan.steps) steps.push_back(graph.id(step.revision));
      result["steps"] = steps;
      result["heads_after"] = graph.ids(plan.heads_after);
    } else if (op == "resolve") {
      result["revs"] = graph.ids(strata::graph::resolve(graph, query.at("target").get<std::string>()));
    } else if (op == "history") {
      result["revs"] = graph.ids(strata::graph::history(graph, query.at("range").get<std::string>()));
    }
  } catch (const strata::Error& error) {
    result = json{{"ok", false}, {"code", std::string(error.code_name())}, {"message", error.what()}};
  }
  return result;
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    const auto input = json::parse(line);
    std::vector<strata::graph::Revision> revisions;
    for (const auto& spec : input.at("revisions")) {
      strata::graph::Revision revision;
      revision.id = spec.at("id").get<std::string>();
      revision.revises = spec.at("down").get<std::vector<std::string>>();
      revision.depends_on = spec.at("deps").get<std::vector<std::string>>();
      revision.branch_labels = spec.at("labels").get<std::vector<std::string>>();
      revisions.push_back(std::move(revision));
    }
    json output;
    auto built = RevisionGraph::try_build(std::move(revisions));
    if (!built.graph) {
      output["build_error"] = built.problems.front().message;
    } else {
      json answers = json::array();
      for (const auto& query : input.at("queries")) answers.push_back(answer(*built.graph, query));
      output["answers"] = answers;
    }
    std::cout << output.dump() << "\n" << std::flush;
  }
  return 0;
}
