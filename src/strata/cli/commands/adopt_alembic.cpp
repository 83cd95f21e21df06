// strata adopt-alembic: initialise strata's version store from the database's alembic_version table (its heads and
// all their ancestors), so a project can move from Alembic without re-running anything.
#include <memory>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/engine/adopt_alembic.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace {

int run_one(Context& context, const DatabaseOptions& options, const engine::SelectedDatabase& database) {
  const auto report = engine::adopt_alembic(context.repository(), database, run_settings(context, database, options));
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"database", report.database}, {"alembic_heads", report.alembic_heads},
                      {"recorded", report.recorded}});
    return 0;
  }
  out.line(report.database + ": adopted alembic_version (" + util::join(report.alembic_heads, ", ") + "): " +
           std::to_string(report.recorded) + (report.recorded == 1 ? " revision" : " revisions") +
           " recorded as applied");
  return 0;
}

}  // namespace

Runner setup_adopt_alembic(CLI::App& app) {
  auto options = std::make_shared<DatabaseOptions>();
  add_selection_options(app, *options);
  add_lock_options(app, *options);
  return [options](Context& context) {
    return for_each_database(context, *options, false, [&](const engine::SelectedDatabase& database) {
      return run_one(context, *options, database);
    });
  };
}

}  // namespace strata::cli::commands
