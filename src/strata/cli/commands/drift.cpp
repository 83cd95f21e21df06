// strata drift: per database, the live schema against the schema its recorded revisions produce (built on a
// scratch database from the same files). Exit 0 when every database matches, 1 on drift.
#include <algorithm>
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

namespace drift_command {
namespace {

struct Options {
  DatabaseOptions database;
  ScratchOptions scratch;
  bool since_upgrade = false;
};

Json unchanged_json(const std::optional<bool>& unchanged) { return unchanged ? Json(*unchanged) : Json(nullptr); }

// drift --since-upgrade: 0 unchanged, 1 changed, 3 when no hash was ever recorded.
int since_upgrade_code(const engine::DriftReport& report) {
  if (!report.unchanged_since_upgrade) return static_cast<int>(ExitCode::repository);
  return *report.unchanged_since_upgrade ? 0 : 1;
}

void print_since_upgrade(Output& out, const engine::DriftReport& report, const std::string& title) {
  if (!report.unchanged_since_upgrade)
    out.line(
        fmt::format("{}: no schema hash recorded (upgraded before strata recorded them, or only stamped); run: "
                    "strata drift",
                    title));
  else if (*report.unchanged_since_upgrade)
    out.line(fmt::format("{}: {}", title, out.paint("unchanged since the last upgrade", Style::good)));
  else
    out.line(fmt::format("{}: {}; for the differences, run: strata drift", title,
                         out.paint("changed since the last upgrade", Style::error)));
}

std::string heads_text(const std::vector<std::string>& heads) {
  return heads.empty() ? std::string("base") : util::join(heads, ", ");
}

int run(Context& context, const Options& options) {
  InterruptGuard interrupt;
  const auto& repository = context.repository();
  const auto scratch = scratch_settings(context, options.scratch);
  const auto databases = selected_databases(context, options.database);
  auto& out = context.out();
  auto documents = Json::array();
  int worst = 0;
  for (std::size_t i = 0; i < databases.size(); ++i) {
    const auto& database = databases[i];
    if (!out.json() && i > 0) out.line();
    try {
      const auto settings = run_settings(context, database, options.database);
      if (options.since_upgrade) {
        const auto report = engine::check_changed_since_upgrade(repository, database, settings, scratch);
        worst = std::max(worst, since_upgrade_code(report));
        if (out.json())
          documents.push_back(Json{{"name", report.name},
                                   {"url", report.url},
                                   {"heads", report.heads},
                                   {"unchanged_since_upgrade", unchanged_json(report.unchanged_since_upgrade)}});
        else print_since_upgrade(out, report, fmt::format("{} ({})", out.paint(report.name, Style::mark), report.url));
        continue;
      }
      const auto report =
          engine::check_drift(repository, database, settings, scratch, compare_options(options.scratch));
      worst = std::max(worst, report.drifted() ? 1 : 0);
      if (out.json()) {
        documents.push_back(Json{{"name", report.name},
                                 {"url", report.url},
                                 {"heads", report.heads},
                                 {"drifted", report.drifted()},
                                 {"differences", differences_json(report.differences)},
                                 {"unchanged_since_upgrade", unchanged_json(report.unchanged_since_upgrade)}});
        continue;
      }
      const std::string title =
          fmt::format("{} ({}) at {}", out.paint(report.name, Style::mark), report.url, heads_text(report.heads));
      if (!report.drifted()) {
        out.line(fmt::format("{}: {}", title, out.paint("no drift", Style::good)));
        continue;
      }
      out.line(fmt::format("{}: {}, {} {} (expected: what its migrations produce; actual: the database)", title,
                           out.paint("drifted", Style::error), report.differences.size(),
                           report.differences.size() == 1 ? "difference" : "differences"));
      print_differences(out, report.differences, "  ");
    } catch (const Error& error) {
      if (databases.size() == 1 && !out.json()) throw;
      if (error.code() == ErrorCode::interrupted) throw;
      worst = std::max(worst, static_cast<int>(error.exit_code()));
      if (out.json())
        documents.push_back(database_failure_json(database.name, database.url.redacted(), error_body(error)));
      else out.error(fmt::format("{}: {}", database.name, error.what()));
    }
  }
  if (out.json()) out.document(Json{{"databases", documents}});
  return worst;
}

}  // namespace
}  // namespace drift_command

Runner setup_drift(CLI::App& app) {
  auto options = std::make_shared<drift_command::Options>();
  add_selection_options(app, options->database);
  add_scratch_options(app, options->scratch);
  app.add_flag("--since-upgrade", options->since_upgrade,
               "only say whether the schema changed since the last upgrade (its recorded hash); builds nothing");
  return [options](Context& context) { return drift_command::run(context, *options); };
}

}  // namespace strata::cli::commands
