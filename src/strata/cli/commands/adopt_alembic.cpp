// strata adopt-alembic: initialise strata's version store from the database's alembic_version table (its heads and
// all their ancestors), so a project can move from Alembic without re-running anything.
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/engine/adopt_alembic.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace adopt_alembic_command {
namespace {

struct Options {
  DatabaseOptions database;
  bool sync = false;
};

int run_one(Context& context, const Options& options, const engine::SelectedDatabase& database) {
  const auto report = engine::adopt_alembic(context.repository(), database,
                                            run_settings(context, database, options.database), options.sync);
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"database", report.database},
                      {"alembic_heads", report.alembic_heads},
                      {"recorded", report.recorded},
                      {"added", report.added}});
    return 0;
  }
  const std::string heads = util::join(report.alembic_heads, ", ");
  if (options.sync && report.added.empty()) {
    out.line(
        fmt::format("{}: strata's version store already has everything alembic_version ({}) stands for; "
                    "nothing to do",
                    report.database, heads));
    return 0;
  }
  out.line(fmt::format("{}: {} alembic_version ({}): {} {} recorded as applied{}", report.database,
                       options.sync ? "synced with" : "adopted", heads, report.recorded,
                       report.recorded == 1 ? "revision" : "revisions",
                       options.sync ? fmt::format(" ({})", util::join(report.added, ", ")) : ""));
  return 0;
}

}  // namespace
}  // namespace adopt_alembic_command

Runner setup_adopt_alembic(CLI::App& app) {
  auto options = std::make_shared<adopt_alembic_command::Options>();
  add_selection_options(app, options->database);
  add_lock_options(app, options->database);
  app.add_flag("--sync", options->sync,
               "strata's store already has rows: record what Alembic applied since (only forward, never removing)");
  return per_database(options, adopt_alembic_command::run_one);
}

}  // namespace strata::cli::commands
