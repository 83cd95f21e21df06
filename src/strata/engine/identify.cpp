// `identify`: which revisions a database's schema matches, whatever its version table says. One replay over every
// revision gives a hash per state; the hashes are cached under a key made of the migration files' contents, so a
// second run with unchanged files replays nothing when the database matches a state.
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "strata/core/error.hpp"
#include "strata/engine/open_database.hpp"
#include "strata/engine/schema_checks.hpp"
#include "strata/schema/tracked_comparison.hpp"
#include "strata/util/sha256.hpp"

namespace strata::engine {

namespace {

// Bump when the snapshot model or hash changes meaning, so old cache files are not trusted.
constexpr const char* k_cache_format = "strata-identify-2";

struct State {
  std::vector<graph::RevIndex> applied;
  std::vector<std::string> heads;
};

// The empty database (base), then each revision with everything it is built on, in upgrade order; with several
// heads, all of them together too.
std::vector<State> replay_states(const graph::RevisionGraph& graph) {
  std::vector<State> states{State{}};
  for (const auto index : upgrade_order(graph)) {
    const graph::RevIndex start[] = {index};
    states.push_back({graph.ancestors(start), {graph.id(index)}});
  }
  const auto heads = graph.heads();
  if (heads.size() > 1) states.push_back({graph.ancestors(heads), graph.ids(heads)});
  return states;
}

std::string cache_key(const repo::Repository& repository, db::Engine engine, const ScratchSettings& scratch,
                      const schema::CompareOptions& compare) {
  std::string material = std::string(k_cache_format) + "\n" + std::string(db::engine_name(engine)) + "\n";
  for (const auto& name : scratch.schemas) material += "schema " + name + "\n";
  material += compare.strict_column_order ? "strict-column-order\n" : "";
  material += compare.with_privileges ? "with-privileges\n" : "";
  for (const auto& file : repository.files()) {
    material += "revision " + file.revision.id + "\n" + util::sha256_hex(file.up.sql) + "\n";
    material += file.down ? util::sha256_hex(file.down->sql) : std::string("no down");
    material += "\n";
  }
  return util::sha256_hex(material);
}

std::filesystem::path cache_file(const std::filesystem::path& dir, const std::string& key) {
  return dir / ("identify-" + key.substr(0, 32) + ".json");
}

std::optional<std::vector<std::string>> read_cache(const std::filesystem::path& path, const std::string& key,
                                                   std::size_t states) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    const auto document = nlohmann::json::parse(in);
    if (document.at("key").get<std::string>() != key) return std::nullopt;
    auto hashes = document.at("hashes").get<std::vector<std::string>>();
    if (hashes.size() != states) return std::nullopt;
    return hashes;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a damaged cache is rebuilt, never trusted
  }
}

void write_cache(const std::filesystem::path& path, const std::string& key, const std::vector<std::string>& hashes) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  const std::filesystem::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    if (!out) return;  // a cache that cannot be written only costs the next run a replay
    out << nlohmann::json{{"key", key}, {"hashes", hashes}}.dump() << "\n";
    if (!out) return;
  }
  std::filesystem::rename(partial, path, error);
  if (error) std::filesystem::remove(partial, error);
}

}  // namespace

IdentifyReport identify(const repo::Repository& repository, const SelectedDatabase& database,
                        const RunSettings& settings, const ScratchSettings& scratch, const IdentifyOptions& options) {
  IdentifyReport report;
  report.name = database.name;
  report.url = database.url.redacted();
  const auto live = read_live_snapshot(database, settings, scratch);
  const auto live_hash = schema::snapshot_hash(live, options.compare);
  const auto& graph = repository.graph();
  const auto states = replay_states(graph);

  const std::string key = cache_key(repository, database.url.engine(), scratch, options.compare);
  std::optional<std::vector<std::string>> hashes;
  if (!options.cache_dir.empty()) hashes = read_cache(cache_file(options.cache_dir, key), key, states.size());
  if (hashes) {
    for (std::size_t i = 0; i < states.size(); ++i)
      if ((*hashes)[i] == live_hash) report.matches.push_back({states[i].heads, (*hashes)[i]});
    if (report.matched()) return report;
  }

  // Replay: a hash per state, and how far each is from the live schema, to name the closest when nothing matches.
  // Only the closest one's differences are listed, so only its state is visited again for them. Both follow the
  // groups each step changed, so a step costs what it changed, not the size of the schema.
  report.replayed = true;
  Replayer replayer(repository, database.url, scratch);
  schema::TrackedComparison comparison(live, options.compare);
  std::vector<std::string> computed;
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  std::optional<std::size_t> closest;
  for (std::size_t i = 0; i < states.size(); ++i) {
    replayer.move_to(states[i].applied);
    comparison.update(replayer.snapshot(), replayer.changed_groups());
    computed.push_back(comparison.hash());
    if (computed.back() == live_hash) {
      report.matches.push_back({states[i].heads, computed.back()});
      continue;
    }
    if (report.matched()) continue;
    const auto count = comparison.difference_count();
    if (count < fewest) {
      fewest = count;
      closest = i;
    }
  }
  if (!report.matched() && closest) {
    replayer.move_to(states[*closest].applied);
    report.closest = ReplayState{states[*closest].heads, computed[*closest]};
    report.differences = schema::diff(replayer.snapshot(), live, options.compare);
  }
  replayer.finish();
  if (!options.cache_dir.empty()) write_cache(cache_file(options.cache_dir, key), key, computed);
  return report;
}

}  // namespace strata::engine
