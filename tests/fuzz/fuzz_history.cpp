// libFuzzer target: `history -r RANGE` ranges (a:b, a:, :b, current, -N, +N, labels) against a graph and a
// database's heads drawn from the input.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_graph.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  auto fuzz_graph = strata::fuzz::consume_graph(input);
  if (!fuzz_graph) return 0;
  const auto& graph = fuzz_graph->graph;
  const auto current = graph.maximal(fuzz_graph->applied);
  const std::string range = input.ConsumeRemainingBytesAsString();
  strata::fuzz::expect_only_strata_errors([&] {
    const auto shown = strata::graph::history(graph, range, current);
    strata::fuzz::require(shown.size() <= graph.size(), "history() shows a revision twice");
  });
  return 0;
}
