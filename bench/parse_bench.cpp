// In-process cost of reading revision files: 10,000 native SQL texts and 10,000 Alembic .py headers, no disk.
#include <benchmark/benchmark.h>

#include "corpus.hpp"
#include "strata/repo/migration_file.hpp"

namespace {

constexpr std::size_t k_files = 10'000;

std::vector<std::string> paths(const std::vector<strata::graph::Revision>& revisions, const char* extension) {
  std::vector<std::string> out;
  out.reserve(revisions.size());
  for (const auto& revision : revisions) out.push_back("versions/" + revision.id + extension);
  return out;
}

void parse_native(benchmark::State& state) {
  const auto revisions = strata::bench::make_revisions(strata::bench::Shape::branchy, k_files);
  const auto texts = strata::bench::native_texts(revisions);
  const auto names = paths(revisions, ".sql");
  std::size_t bytes = 0;
  for (const auto& text : texts) bytes += text.size();
  for (auto _ : state) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto file = strata::repo::parse_native_migration(texts[i], names[i]);
      benchmark::DoNotOptimize(file.revision.id.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * texts.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void parse_alembic(benchmark::State& state) {
  const auto revisions = strata::bench::make_revisions(strata::bench::Shape::branchy, k_files);
  const auto texts = strata::bench::alembic_texts(revisions);
  const auto names = paths(revisions, ".py");
  const strata::repo::AlembicNames known;
  std::size_t bytes = 0;
  for (const auto& text : texts) bytes += text.size();
  for (auto _ : state) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto header = strata::repo::parse_alembic_header(texts[i], names[i], known);
      if (!header.unreadable.empty()) state.SkipWithError("a generated Alembic header was not statically readable");
      benchmark::DoNotOptimize(header.file.revision.id.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * texts.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

}  // namespace

BENCHMARK(parse_native)->Unit(benchmark::kMillisecond);
BENCHMARK(parse_alembic)->Unit(benchmark::kMillisecond);
