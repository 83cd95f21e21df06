// libFuzzer target: the target grammar (ids, prefixes, labels, head(s), base, L@head, -N, +N, L@X) resolved and
// planned against a graph and applied set drawn from the input. Refusals are GraphErrors; a plan goes only in its
// direction.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_graph.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  auto fuzz_graph = strata::fuzz::consume_graph(input);
  if (!fuzz_graph) return 0;
  const auto& graph = fuzz_graph->graph;
  const auto& applied = fuzz_graph->applied;
  const int operation = input.ConsumeIntegralInRange<int>(0, 3);
  const std::string target = input.ConsumeRemainingBytesAsString();
  strata::fuzz::expect_only_strata_errors([&] {
    using strata::graph::Direction;
    switch (operation) {
      case 0:
        for (const auto index : strata::graph::resolve(graph, target)) {
          strata::fuzz::require(index < graph.size(), "resolve() returned an index outside the graph");
        }
        break;
      case 1:
        for (const auto& step : strata::graph::plan_upgrade(graph, applied, target).steps) {
          strata::fuzz::require(step.direction == Direction::up, "an upgrade plan holds a downgrade step");
        }
        break;
      case 2:
        for (const auto& step : strata::graph::plan_downgrade(graph, applied, target).steps) {
          strata::fuzz::require(step.direction == Direction::down, "a downgrade plan holds an upgrade step");
        }
        break;
      default: {
        std::vector<std::string> destinations;
        std::istringstream words(target);
        for (std::string word; words >> word;) destinations.push_back(word);
        for (const auto index : strata::graph::plan_stamp(graph, applied, destinations, target.size() % 2 == 1)) {
          strata::fuzz::require(index < graph.size(), "plan_stamp() returned an index outside the graph");
        }
      }
    }
  });
  return 0;
}
