// strata adopt [REV]: record a database as being at REV (default: the revision `identify` finds) when its schema
// is REV's schema; --force records anyway, and the log says so.
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/commands/scratch_options.hpp"
#include "strata/cli/interrupt.hpp"
#include "strata/engine/schema_checks.hpp"

namespace strata::cli::commands {

namespace adopt_command {
namespace {

struct Options {
  DatabaseOptions database;
  ScratchOptions scratch;
  std::optional<std::string> revision;
  bool force = false;
};

int run_one(Context& context, const Options& options, const engine::SelectedDatabase& database) {
  InterruptGuard interrupt;
  engine::IdentifyOptions identify;
  identify.compare = compare_options(options.scratch);
  identify.cache_dir = cache_dir(context);
  const auto report =
      engine::adopt(context.repository(), database, run_settings(context, database, options.database),
                    scratch_settings(context, options.scratch), options.revision, options.force, identify);
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"database", report.database},
                      {"revision", report.revision},
                      {"recorded", report.recorded},
                      {"forced", report.forced},
                      {"differences", differences_json(report.differences)}});
    return 0;
  }
  if (report.forced) {
    out.warning(fmt::format("recording {} although the schema differs (--force):", report.revision));
    for (const auto& difference : report.differences)
      out.warning(fmt::format("  {}", schema::format_difference(difference)));
  }
  out.line(fmt::format("{}: adopted at {} ({} revisions recorded{})", report.database, report.revision,
                       report.recorded.size(), report.forced ? ", forced" : ", the schema matches"));
  return 0;
}

}  // namespace
}  // namespace adopt_command

Runner setup_adopt(CLI::App& app) {
  auto options = std::make_shared<adopt_command::Options>();
  app.add_option("REV", options->revision, "the revision the database is at (default: the one identify finds)");
  app.add_flag("--force", options->force, "record even when the schema differs (the log says so)");
  add_selection_options(app, options->database);
  add_lock_options(app, options->database);
  add_scratch_options(app, options->scratch);
  return per_database(options, adopt_command::run_one);
}

}  // namespace strata::cli::commands
