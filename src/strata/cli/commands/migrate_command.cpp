#include "strata/cli/commands/migrate_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/progress_printer.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/engine/backup_path.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/sql_script.hpp"
#include "strata/util/human_duration.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace migrate_command {
namespace {

// upgrade and downgrade refuse a database holding revisions the repository lacks, so every head here is known.
std::string heads_text(const std::vector<std::string>& heads) {
  return commands::heads_text(heads, {}, "base (nothing applied)");
}

std::string verb(const MigrateOptions& options) {
  return options.direction == graph::Direction::up ? "upgrade" : "downgrade";
}

void print_plan(Context& context, const repo::Repository& repository, const engine::MigrateReport& report,
                const MigrateOptions& options) {
  auto& out = context.out();
  const auto& graph = repository.graph();
  if (out.json()) {
    auto steps = Json::array();
    for (const auto& step : report.plan.steps) {
      Json entry{{"revision", graph.id(step.revision)},
                 {"direction", step.direction == graph::Direction::up ? "up" : "down"},
                 {"path", graph.revision(step.revision).path}};
      if (step.record_only) entry["record_only"] = true;
      steps.push_back(std::move(entry));
    }
    out.event(Json{{"event", "plan"},
                   {"database", report.database},
                   {"target", report.target},
                   {"steps", steps},
                   {"heads_before", report.heads_before},
                   {"heads_after", report.heads_after},
                   {"dry_run", true}});
    return;
  }
  const auto count = report.plan.steps.size();
  out.line(fmt::format("{}: {} to {}: {} {} (dry run: nothing was changed)", report.database, verb(options),
                       report.target, count, count == 1 ? "step" : "steps"));
  for (const auto& step : report.plan.steps) {
    const auto& revision = graph.revision(step.revision);
    auto name = step_name(step);
    name.resize(6, ' ');
    out.line(fmt::format("  {}{}  {}  ({})", name, out.paint(revision.id, Style::id), revision.message, revision.path));
  }
  out.line(fmt::format("heads before: {}", heads_text(report.heads_before)));
  out.line(fmt::format("heads after:  {}", heads_text(report.heads_after)));
}

void print_done(Context& context, const engine::MigrateReport& report, const MigrateOptions& options) {
  auto& out = context.out();
  if (out.json()) {
    out.event(Json{{"event", "done"},
                   {"database", report.database},
                   {"applied", report.executed},
                   {"heads_before", report.heads_before},
                   {"heads_after", report.heads_after},
                   {"ms", report.ms}});
    return;
  }
  if (report.executed == 0) {
    out.line(fmt::format("{}: already at {} ({}); nothing to do", report.database, report.target,
                         heads_text(report.heads_after)));
    return;
  }
  const bool up = options.direction == graph::Direction::up;
  out.line(fmt::format("{}: {} {} {} in {}; now at {}", report.database, up ? "applied" : "rolled back",
                       report.executed, report.executed == 1 ? "migration" : "migrations",
                       util::human_duration(std::chrono::milliseconds(report.ms)), heads_text(report.heads_after)));
}

int run_one(Context& context, const MigrateOptions& options, const engine::SelectedDatabase& database) {
  const auto& repository = context.repository();
  const auto settings = run_settings(context, database, options.database);
  const engine::MigrateRequest request{options.direction, options.target, options.dry_run, options.backup};
  if (options.sql) {
    const auto script = engine::sql_script(repository, database, settings, request);
    context.out().raw(script.script);
    return 0;
  }
  const auto mode =
      ProgressPrinter::choose(context.out().json(), context.invocation().out_is_terminal, context.global().verbose);
  ProgressPrinter printer(context.out(), mode);
  try {
    const auto report = engine::migrate(repository, database, settings, request, printer);
    printer.finish();
    if (report.dry_run) print_plan(context, repository, report, options);
    else print_done(context, report, options);
  } catch (...) {
    printer.finish();
    throw;
  }
  return 0;
}

}  // namespace
}  // namespace migrate_command

void add_migrate_options(CLI::App& app, MigrateOptions& options) {
  add_selection_options(app, options.database);
  add_lock_options(app, options.database);
  app.add_flag("--sql", options.sql, "print the complete SQL script instead of running it (changes nothing)");
  app.add_flag("--dry-run", options.dry_run, "print the plan after reading the database's state (changes nothing)");
  app.add_option("--transaction", options.database.transaction,
                 "per-migration (default): each migration in its own transaction; all: one for the whole plan")
      ->check(CLI::IsMember({"per-migration", "all"}));
  app.add_flag("--allow-checksum-mismatch", options.database.allow_checksum_mismatch,
               "run even though an applied migration's file has changed");
}

int run_migrate(Context& context, const MigrateOptions& options) {
  if (options.sql && options.dry_run)
    throw UsageError(ErrorCode::usage, "--sql and --dry-run do not go together: choose one");
  if (options.sql && options.backup)
    throw UsageError(ErrorCode::usage, "--backup has no effect with --sql, which changes nothing");
  if (options.backup) {
    std::string command = migrate_command::verb(options) + (options.database.all ? " --all" : "");
    if (!options.target.empty()) command += " " + options.target;
    engine::require_backup_paths(*options.backup, selected_databases(context, options.database), command);
  }
  const bool json_lines = context.out().json() && !options.sql;
  return for_each_database(context, options.database, json_lines, [&](const engine::SelectedDatabase& database) {
    return migrate_command::run_one(context, options, database);
  });
}

}  // namespace strata::cli::commands
