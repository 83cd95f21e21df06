// revision-graph.md "History ranges": `history -r START:END`. Selection = anc(END) - anc(START) + START, limited to
// START's descendants along `revises`; printed in revision-graph.md "Traversal order" walk order from END's targets,
// newest first.
#include <algorithm>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/target.hpp"
#include "strata/util/excerpt.hpp"
#include "strata/util/strings.hpp"

namespace strata::graph {
namespace {

[[noreturn]] void throw_not_ancestral(const std::string& start, const std::string& end) {
  throw GraphError(ErrorCode::range_not_ancestral,
                   fmt::format("Requested range {} does not refer to ancestor/descendant revisions along the same "
                               "branch",
                               util::excerpt(fmt::format("{}:{}", start, end))));
}

}  // namespace

std::vector<RevIndex> history(const RevisionGraph& graph, std::string_view range, std::span<const RevIndex> current) {
  detail::Queries queries(graph);
  const auto text = util::trim(range);
  std::string start = "base";
  std::string end = "heads";
  if (!text.empty()) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
      throw GraphError(ErrorCode::invalid_range,
                       fmt::format("History range '{}' is not of the form [start]:[end], [start]:, or :[end]; e.g. "
                                   "strata history -r base:heads",
                                   util::excerpt(text)));
    if (colon > 0) start = std::string(text.substr(0, colon));
    if (colon + 1 < text.size()) end = std::string(text.substr(colon + 1));
  }
  const std::vector<RevIndex> currents(current.begin(), current.end());
  bool lower_reached_base = false;
  const auto lower = start == "current" ? currents : detail::get_revisions(queries, start, start, &lower_reached_base);
  // A `-N` start that walks below a base from some head is not an ancestor of the end (as in Alembic).
  if (lower_reached_base) throw_not_ancestral(start, end);
  detail::check_overlap(queries, lower);
  auto targets = end == "current" ? currents : detail::upgrade_targets(queries, lower, end, true);

  // START of the form L@…: keep the END targets that carry label L (a revision id stands for its one label).
  if (const auto at = start.find('@'); at != std::string::npos && start != "current") {
    auto branch = start.substr(0, at);
    if (const auto revision = graph.find(branch)) {
      const auto& labels = graph.labels(*revision);
      if (labels.size() != 1)
        throw GraphError(ErrorCode::invalid_range,
                         fmt::format("History range {}: revision {} carries {}; start the range with a branch label "
                                     "instead",
                                     util::excerpt(fmt::format("{}:{}", start, end)), branch,
                                     labels.empty() ? "no branch label" : "several branch labels"));
      branch = labels.front();
    }
    std::erase_if(targets, [&](RevIndex target) {
      const auto& labels = graph.labels(target);
      return !std::binary_search(labels.begin(), labels.end(), branch);
    });
  }
  detail::check_overlap(queries, targets);

  auto selected = detail::ancestor_flags(queries.data, targets);
  for (const auto revision : lower)
    if (!selected[revision]) throw_not_ancestral(start, end);
  if (!lower.empty()) {
    const auto below = detail::ancestor_flags(queries.data, lower);
    const auto above = detail::descendant_flags(queries.data, lower, false);
    for (std::size_t node = 0; node < selected.size(); ++node)
      selected[node] =
          selected[node] && (!below[node] || std::find(lower.begin(), lower.end(), node) != lower.end()) && above[node];
  }
  auto order = detail::walk_order(queries, selected, targets);
  if (std::any_of(selected.begin(), selected.end(), [](char left) { return left != 0; }))
    throw_not_ancestral(start, end);
  return order;
}

}  // namespace strata::graph
