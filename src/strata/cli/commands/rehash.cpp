// strata rehash [REV...]: re-record the stored checksum of applied revisions from their files, never moving the
// database (no revision is added or removed). The command every checksum-mismatch hint names.
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/engine/rehash.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace rehash_command {
namespace {

struct Options {
  DatabaseOptions database;
  std::vector<std::string> revisions;
};

int run_one(Context& context, const Options& options, const engine::SelectedDatabase& database) {
  const auto report = engine::rehash(context.repository(), database, run_settings(context, database, options.database),
                                     options.revisions);
  auto& out = context.out();
  if (out.json()) {
    auto rehashed = Json::array();
    for (const auto& change : report.rehashed)
      rehashed.push_back(Json{{"revision", change.revision},
                              {"path", change.path},
                              {"old_checksum", change.old_checksum},
                              {"new_checksum", change.new_checksum}});
    out.document(Json{{"database", report.database}, {"rehashed", rehashed}, {"unchanged", report.unchanged}});
    return 0;
  }
  for (const auto& change : report.rehashed)
    out.line(fmt::format("{}: checksum of {} re-recorded from {}", report.database, change.revision, change.path));
  if (!report.unchanged.empty())
    out.line(fmt::format("{}: {} {}", report.database, util::join(report.unchanged, ", "),
                         report.unchanged.size() == 1 ? "already matches its file" : "already match their files"));
  if (report.rehashed.empty() && report.unchanged.empty())
    out.line(fmt::format("{}: every applied revision matches its file; nothing to re-record", report.database));
  return 0;
}

}  // namespace
}  // namespace rehash_command

Runner setup_rehash(CLI::App& app) {
  auto options = std::make_shared<rehash_command::Options>();
  app.add_option("REV", options->revisions,
                 "applied revisions whose checksum to re-record (default: every one whose file changed)");
  add_selection_options(app, options->database);
  add_lock_options(app, options->database);
  return per_database(options, rehash_command::run_one);
}

}  // namespace strata::cli::commands
