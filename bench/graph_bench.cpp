// In-process cost of the revision graph at 10,000 revisions: building (validation included) and planning.
// Alembic's equivalents are in graph-semantics.md "Why the traversal is fast" (seconds, quadratic with depends_on).
#include <benchmark/benchmark.h>

#include <numeric>

#include "corpus.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/revision_graph.hpp"

namespace {

using strata::bench::Shape;
using strata::graph::RevIndex;
using strata::graph::RevisionGraph;

void build_graph(benchmark::State& state, Shape shape) {
  const auto revisions = strata::bench::make_revisions(shape, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    auto copy = revisions;  // build() consumes its input; copying is not what is measured
    state.ResumeTiming();
    auto graph = RevisionGraph::build(std::move(copy));
    benchmark::DoNotOptimize(graph.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void plan_upgrade_heads_from_empty(benchmark::State& state, Shape shape) {
  const auto graph =
      RevisionGraph::build(strata::bench::make_revisions(shape, static_cast<std::size_t>(state.range(0))));
  for (auto _ : state) {
    const auto plan = strata::graph::plan_upgrade(graph, {}, "heads");
    if (plan.steps.size() != graph.size()) state.SkipWithError("upgrade plan does not cover every revision");
    benchmark::DoNotOptimize(plan.steps.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void plan_downgrade_base(benchmark::State& state, Shape shape) {
  const auto graph =
      RevisionGraph::build(strata::bench::make_revisions(shape, static_cast<std::size_t>(state.range(0))));
  std::vector<RevIndex> applied(graph.size());
  std::iota(applied.begin(), applied.end(), RevIndex{0});
  for (auto _ : state) {
    const auto plan = strata::graph::plan_downgrade(graph, applied, "base");
    if (plan.steps.size() != graph.size()) state.SkipWithError("downgrade plan does not cover every revision");
    benchmark::DoNotOptimize(plan.steps.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

constexpr int k_revisions = 10'000;

}  // namespace

BENCHMARK_CAPTURE(build_graph, linear, Shape::linear)->Arg(k_revisions)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(build_graph, branchy, Shape::branchy)->Arg(k_revisions)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(build_graph, depends_on, Shape::depends)->Arg(k_revisions)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(plan_upgrade_heads_from_empty, linear, Shape::linear)
    ->Arg(k_revisions)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(plan_upgrade_heads_from_empty, branchy, Shape::branchy)
    ->Arg(k_revisions)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(plan_upgrade_heads_from_empty, depends_on, Shape::depends)
    ->Arg(k_revisions)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(plan_downgrade_base, linear, Shape::linear)->Arg(k_revisions)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(plan_downgrade_base, branchy, Shape::branchy)->Arg(k_revisions)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(plan_downgrade_base, depends_on, Shape::depends)->Arg(k_revisions)->Unit(benchmark::kMillisecond);
