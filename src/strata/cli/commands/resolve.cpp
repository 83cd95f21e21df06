// strata resolve REV --resume|--applied|--rolled-back: clear the dirty state of a failed `transaction: none`
// migration once its cause is dealt with.
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/commands/progress_printer.hpp"
#include "strata/engine/resolve_dirty.hpp"

namespace strata::cli::commands {

namespace resolve_command {
namespace {

struct Options {
  DatabaseOptions database;
  std::string revision;
  bool resume = false;
  bool applied = false;
  bool rolled_back = false;
};

engine::Resolution resolution(const Options& options) {
  const int given = (options.resume ? 1 : 0) + (options.applied ? 1 : 0) + (options.rolled_back ? 1 : 0);
  if (given != 1)
    throw UsageError(ErrorCode::usage,
                     "resolve needs exactly one of --resume (continue from the failed statement), --applied (it was "
                     "completed by hand) or --rolled-back (it was undone by hand)");
  if (options.resume) return engine::Resolution::resume;
  return options.applied ? engine::Resolution::applied : engine::Resolution::rolled_back;
}

int run_one(Context& context, const Options& options, const engine::SelectedDatabase& database) {
  const auto how = resolution(options);
  const auto mode =
      ProgressPrinter::choose(context.out().json(), context.invocation().out_is_terminal, context.global().verbose);
  ProgressPrinter printer(context.out(), mode);
  const auto report =
      engine::resolve_dirty(context.repository(), database, run_settings(context, database, options.database),
                            options.revision, how, printer);
  printer.finish();
  auto& out = context.out();
  const std::string action = how == engine::Resolution::resume    ? "resumed"
                             : how == engine::Resolution::applied ? "applied"
                                                                  : "rolled-back";
  if (out.json()) {
    out.document(Json{{"database", report.database},
                      {"revision", report.revision},
                      {"resolution", action},
                      {"from_statement", report.from_statement}});
    return 0;
  }
  if (how == engine::Resolution::resume)
    out.line(
        fmt::format("{}: {} resumed from statement {} of {} and is now applied; run `strata upgrade{}` to "
                    "continue",
                    report.database, report.revision, report.from_statement, report.statements,
                    engine::selection_options(database)));
  else if (how == engine::Resolution::applied)
    out.line(
        fmt::format("{}: {} marked as applied; the database is no longer dirty", report.database, report.revision));
  else
    out.line(fmt::format("{}: {} marked as rolled back (its row is removed); the database is no longer dirty",
                         report.database, report.revision));
  return 0;
}

}  // namespace
}  // namespace resolve_command

Runner setup_resolve(CLI::App& app) {
  auto options = std::make_shared<resolve_command::Options>();
  app.add_option("REV", options->revision, "the dirty revision (id or prefix)")->required();
  app.add_flag("--resume", options->resume, "run its remaining statements, from the one that failed");
  app.add_flag("--applied", options->applied, "it was completed by hand: record it as applied");
  app.add_flag("--rolled-back", options->rolled_back, "it was undone by hand: forget it");
  add_selection_options(app, options->database);
  add_lock_options(app, options->database);
  return per_database(options, resolve_command::run_one);
}

}  // namespace strata::cli::commands
