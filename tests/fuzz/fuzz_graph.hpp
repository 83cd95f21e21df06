#pragma once
// Shared by the graph fuzz targets: a revision graph and an applied set drawn from the fuzzer's bytes, so that
// targets and ranges meet diamonds, several bases and heads, labels, depends_on and ids with common prefixes.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "strata/graph/plan.hpp"
#include "strata/graph/revision_graph.hpp"

namespace strata::fuzz {

// Ids sharing prefixes ("ae10…", "27c6…", "2…") so that prefix resolution has ambiguous cases to find.
inline constexpr std::array<const char*, 12> k_ids{"1975ea83b712", "ae1027a6acf",  "27c6a30d7c24", "53fffde5ad5",
                                                   "d747a8a8879",  "3cac04ae8714", "109ec7d132bf", "29f859a13ea",
                                                   "55af2cb1c267", "2a95102259be", "ae10ffff",     "27c6aaaa"};
inline constexpr std::array<const char*, 3> k_labels{"shoppingcart", "networking", "core"};

struct FuzzGraph {
  graph::RevisionGraph graph;
  std::vector<graph::RevIndex> applied;
};

inline std::optional<FuzzGraph> consume_graph(FuzzedDataProvider& input) {
  const std::size_t count = input.ConsumeIntegralInRange<std::size_t>(1, k_ids.size());
  std::vector<graph::Revision> revisions;
  for (std::size_t i = 0; i < count; ++i) {
    graph::Revision revision;
    revision.id = k_ids[i];
    revision.path = "migrations/" + revision.id + ".sql";
    revision.line = 1;
    if (i > 0) {
      // Up to two parents among the earlier revisions (none: another base).
      const auto parents = input.ConsumeIntegralInRange<unsigned>(0, 2);
      for (unsigned p = 0; p < parents; ++p) {
        const std::string parent = k_ids[input.ConsumeIntegralInRange<std::size_t>(0, i - 1)];
        if (std::find(revision.revises.begin(), revision.revises.end(), parent) == revision.revises.end()) {
          revision.revises.push_back(parent);
        }
      }
      if (input.ConsumeBool()) {
        revision.depends_on.push_back(input.ConsumeBool() ? k_ids[input.ConsumeIntegralInRange<std::size_t>(0, i - 1)]
                                                          : k_labels[input.ConsumeIntegralInRange<std::size_t>(0, 2)]);
      }
    }
    if (input.ConsumeIntegralInRange<int>(0, 3) == 0) {
      revision.branch_labels.push_back(k_labels[input.ConsumeIntegralInRange<std::size_t>(0, 2)]);
    }
    revisions.push_back(std::move(revision));
  }
  auto build = graph::RevisionGraph::try_build(std::move(revisions));
  if (!build.graph) return std::nullopt;
  // Any subset: a database may hold revisions in any combination, including ones that are not ancestor-closed.
  const auto mask = input.ConsumeIntegral<std::uint16_t>();
  std::vector<graph::RevIndex> applied;
  for (graph::RevIndex index = 0; index < build.graph->size(); ++index) {
    if (mask & (1u << index)) applied.push_back(index);
  }
  return FuzzGraph{std::move(*build.graph), std::move(applied)};
}

}  // namespace strata::fuzz
