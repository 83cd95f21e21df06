// strata test: the round trip on scratch databases (never the configured ones). For every revision in upgrade
// order: up (snapshot), down (must give the schema before it), up again (must give the same schema). Reports down
// sections that do not undo their up section, up sections that fail the second time, missing or empty down
// sections, and whether one run from empty to the heads gives the step-by-step schema. Exit 1 on any finding.
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/commands/scratch_options.hpp"
#include "strata/cli/interrupt.hpp"
#include "strata/engine/schema_checks.hpp"

namespace strata::cli::commands {

namespace test_command {
namespace {

struct Options {
  DatabaseOptions database;
  ScratchOptions scratch;
  std::optional<std::string> from;
  std::optional<std::string> to;
};

// The scratch databases' engine and server: the explicit scratch database, else the selected database's.
db::DatabaseUrl scratch_near(Context& context, const Options& options, const engine::ScratchSettings& scratch) {
  if (scratch.url) return *scratch.url;
  return selected_databases(context, options.database).front().url;
}

Json findings_json(const std::vector<engine::Finding>& findings) {
  auto list = Json::array();
  for (const auto& finding : findings)
    list.push_back(Json{{"kind", std::string(engine::to_string(finding.kind))},
                        {"message", finding.message},
                        {"differences", differences_json(finding.differences)}});
  return list;
}

int run(Context& context, const Options& options) {
  InterruptGuard interrupt;
  const auto& repository = context.repository();
  const auto scratch = scratch_settings(context, options.scratch);
  engine::RoundTripOptions round_trip;
  round_trip.from = options.from;
  round_trip.to = options.to;
  round_trip.compare = compare_options(options.scratch);
  const auto report = engine::round_trip_test(repository, scratch_near(context, options, scratch), scratch, round_trip);
  auto& out = context.out();
  if (out.json()) {
    auto revisions = Json::array();
    for (const auto& revision : report.revisions)
      revisions.push_back(Json{{"revision", revision.revision},
                               {"path", revision.path},
                               {"ok", revision.findings.empty()},
                               {"findings", findings_json(revision.findings)}});
    out.document(Json{{"ok", report.ok()},
                      {"revisions", revisions},
                      {"one_shot_equal", report.one_shot_equal ? Json(*report.one_shot_equal) : Json(nullptr)},
                      {"one_shot_differences", differences_json(report.one_shot_differences)}});
    return report.ok() ? 0 : 1;
  }
  std::size_t failing = 0;
  for (const auto& revision : report.revisions) {
    if (revision.findings.empty()) {
      out.line(fmt::format("{}    {} ({})", out.paint("ok", Style::good), revision.revision, revision.path));
      continue;
    }
    ++failing;
    out.line(fmt::format("{}  {} ({})", out.paint("FAIL", Style::error), revision.revision, revision.path));
    for (const auto& finding : revision.findings) {
      out.line(fmt::format("      {}: {}", engine::to_string(finding.kind), finding.message));
      print_differences(out, finding.differences, "        ");
    }
  }
  if (report.one_shot_equal && !*report.one_shot_equal) {
    out.line(out.paint("FAIL", Style::error) +
             "  one run from empty to the heads gives another schema than the step-by-step run:");
    print_differences(out, report.one_shot_differences, "        ");
  }
  out.line(fmt::format("{} revisions tested, {} with findings{}", report.revisions.size(), failing,
                       report.one_shot_equal
                           ? (*report.one_shot_equal ? "; one run equals step by step" : "; one run differs")
                           : "; stopped early"));
  return report.ok() ? 0 : 1;
}

}  // namespace
}  // namespace test_command

Runner setup_test(CLI::App& app) {
  auto options = std::make_shared<test_command::Options>();
  app.add_option("--from", options->from, "only revisions built on REV (REV included)")->type_name("REV");
  app.add_option("--to", options->to, "only revisions REV is built on (REV included)")->type_name("REV");
  add_selection_options(app, options->database);
  add_scratch_options(app, options->scratch);
  return [options](Context& context) { return test_command::run(context, *options); };
}

}  // namespace strata::cli::commands
