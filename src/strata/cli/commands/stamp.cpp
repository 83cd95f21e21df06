// strata stamp REV... [--purge]: record revisions as applied (or remove them) without running anything. Rows that
// stay keep their checksums: accepting an edited file is `rehash`.
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/engine/stamp.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace stamp_command {
namespace {

struct Options {
  DatabaseOptions database;
  std::vector<std::string> revisions;
  bool purge = false;
};

int run_one(Context& context, const Options& options, const engine::SelectedDatabase& database) {
  const auto report = engine::stamp(context.repository(), database, run_settings(context, database, options.database),
                                    options.revisions, options.purge);
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"database", report.database},
                      {"added", report.added},
                      {"removed", report.removed},
                      {"heads_before", report.heads_before},
                      {"heads_after", report.heads_after},
                      {"unknown_before", report.unknown_before},
                      {"unknown_after", report.unknown_after}});
    return 0;
  }
  out.line(fmt::format("{}: stamped {} (was {}): {} recorded, {} removed", report.database,
                       heads_text(report.heads_after, report.unknown_after, "base"),
                       heads_text(report.heads_before, report.unknown_before, "base"), report.added.size(),
                       report.removed.size()));
  return 0;
}

}  // namespace
}  // namespace stamp_command

Runner setup_stamp(CLI::App& app) {
  auto options = std::make_shared<stamp_command::Options>();
  app.add_option("REV", options->revisions, "revisions to record (heads, an id, L@head, base...)")->required();
  app.add_flag("--purge", options->purge, "start from nothing: remove every row first (also unknown revisions)");
  add_selection_options(app, options->database);
  add_lock_options(app, options->database);
  app.add_flag("--overwrite-alembic-version", options->database.overwrite_alembic_version,
               "with --alembic-version: replace alembic_version even when it names a revision the repository lacks");
  return per_database(options, stamp_command::run_one);
}

}  // namespace strata::cli::commands
