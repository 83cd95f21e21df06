// strata identify: which revision(s) a database's schema matches exactly, whatever its version table says.
// Exit 0 on a match, 1 otherwise (the closest revision and its differences are shown).
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/commands/scratch_options.hpp"
#include "strata/cli/interrupt.hpp"
#include "strata/engine/schema_checks.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace identify_command {
namespace {

struct Options {
  DatabaseOptions database;
  ScratchOptions scratch;
  bool no_cache = false;
};

std::string heads_text(const std::vector<std::string>& heads) {
  return heads.empty() ? std::string("base (an empty schema)") : util::join(heads, " + ");
}

Json state_json(const engine::ReplayState& state) { return Json{{"heads", state.heads}, {"hash", state.hash}}; }

int run_one(Context& context, const Options& options, const engine::SelectedDatabase& database) {
  InterruptGuard interrupt;
  engine::IdentifyOptions identify;
  identify.compare = compare_options(options.scratch);
  if (!options.no_cache) identify.cache_dir = cache_dir(context);
  const auto report =
      engine::identify(context.repository(), database, run_settings(context, database, options.database),
                       scratch_settings(context, options.scratch), identify);
  auto& out = context.out();
  if (out.json()) {
    auto matches = Json::array();
    for (const auto& match : report.matches) matches.push_back(state_json(match));
    out.document(Json{{"name", report.name},
                      {"url", report.url},
                      {"matched", report.matched()},
                      {"matches", matches},
                      {"closest", report.closest ? state_json(*report.closest) : Json(nullptr)},
                      {"differences", differences_json(report.differences)},
                      {"replayed", report.replayed}});
    return report.matched() ? 0 : 1;
  }
  if (report.matched()) {
    for (const auto& match : report.matches)
      out.line(fmt::format("{} matches {}", report.url, heads_text(match.heads)));
    return 0;
  }
  out.line(fmt::format("{} matches no revision", report.url));
  if (report.closest) {
    out.line(fmt::format("closest: {}, with {} {} (expected: that revision; actual: the database)",
                         heads_text(report.closest->heads), report.differences.size(),
                         report.differences.size() == 1 ? "difference" : "differences"));
    print_differences(out, report.differences, "  ");
  }
  return 1;
}

}  // namespace
}  // namespace identify_command

Runner setup_identify(CLI::App& app) {
  auto options = std::make_shared<identify_command::Options>();
  add_selection_options(app, options->database);
  add_scratch_options(app, options->scratch);
  app.add_flag("--no-cache", options->no_cache, "replay even when .strata/cache holds the hashes");
  return per_database(options, identify_command::run_one);
}

}  // namespace strata::cli::commands
