// strata status [--exit-code]: per database, where it is and whether anything needs attention — current and
// expected heads, pending revisions, applied revisions the repository lacks, changed files, a dirty migration, the
// lock holder, and how alembic_version relates to strata's store. --exit-code: 0 up to date, 1 pending (or not
// adopted from Alembic yet), 3 unknown applied, checksum mismatch, applied outside the database's branch or
// alembic_version disagreeing, 4 dirty or unreachable.
#include <algorithm>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/engine/status.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace status_command {
namespace {

struct Options {
  DatabaseOptions database;
  bool exit_code = false;
};

Json status_json(const engine::DatabaseStatus& status) {
  auto mismatches = Json::array();
  for (const auto& mismatch : status.checksum_mismatches)
    mismatches.push_back(Json{{"revision", mismatch.revision},
                              {"path", mismatch.path},
                              {"recorded_checksum", mismatch.recorded},
                              {"current_checksum", mismatch.current}});
  Json dirty = nullptr;
  if (status.dirty)
    dirty = Json{{"revision", status.dirty->revision},
                 {"statement", status.dirty->statement},
                 {"path", status.dirty->path},
                 {"line", status.dirty->line},
                 {"error", status.dirty->error},
                 {"direction", status.dirty->direction == graph::Direction::up ? "up" : "down"}};
  Json holder = nullptr;
  if (status.lock_holder) {
    holder = Json{{"description", status.lock_holder->description()}};
    if (status.lock_holder->pid) holder["pid"] = *status.lock_holder->pid;
    holder["application_name"] = status.lock_holder->application_name;
    holder["user"] = status.lock_holder->user;
    holder["client"] = status.lock_holder->client;
    holder["since"] = status.lock_holder->since;
  }
  Json alembic = nullptr;
  if (status.alembic)
    alembic = Json{{"heads", status.alembic->heads},
                   {"state", engine::to_string(status.alembic->relation)},
                   {"missing", status.alembic->missing},
                   {"message", status.alembic_message.empty() ? Json(nullptr) : Json(status.alembic_message)}};
  Json error = nullptr;
  if (status.error) error = error_body(status.error->code, status.error->message, status.error->fields);
  return Json{{"name", status.name},
              {"url", status.url},
              {"branch", status.branch ? Json(*status.branch) : Json(nullptr)},
              {"applied", status.applied_count},
              {"current_heads", status.current_heads},
              {"expected_heads", status.expected_heads},
              {"pending", status.pending},
              {"unknown_applied", status.unknown_applied},
              {"checksum_mismatches", mismatches},
              {"outside_branch", status.outside_branch},
              {"dirty", dirty},
              {"lock_holder", holder},
              {"alembic", alembic},
              {"up_to_date", status.up_to_date()},
              {"error", error}};
}

void print_text(Output& out, const graph::RevisionGraph& graph, const engine::DatabaseStatus& status,
                const std::string& selection) {
  const auto heads = [&](const std::vector<std::string>& ids) {
    return ids.empty() ? std::string("(none)") : ids_with_squash_marks(graph, ids, out);
  };
  out.line(fmt::format("{} ({}){}", out.paint(status.name, Style::mark), status.url,
                       status.branch ? fmt::format(", branch {}", *status.branch) : ""));
  if (status.error) {
    out.line(fmt::format("  {}{}", out.paint("error: ", Style::error), status.error->message));
    return;
  }
  const bool not_adopted = status.alembic && status.alembic->relation == engine::AlembicRelation::not_adopted;
  std::vector<std::string> marked;
  if (!status.known_heads.empty()) marked.push_back(ids_with_squash_marks(graph, status.known_heads, out));
  const std::string current = not_adopted ? fmt::format("(none recorded by strata; alembic_version: {})",
                                                        util::join(status.alembic->heads, ", "))
                                          : heads_text(marked, status.unknown_applied, "(none)");
  out.line(fmt::format("  current heads:  {} ({} applied)", current, status.applied_count));
  out.line(fmt::format("  expected heads: {}", heads(status.expected_heads)));
  out.line(fmt::format("  pending:        {}{}",
                       status.pending.empty()
                           ? std::string("none")
                           : fmt::format("{}: {}", status.pending.size(), util::join(status.pending, ", ")),
                       not_adopted && !status.pending.empty() ? " (after adopt-alembic)" : ""));
  if (!status.alembic_message.empty()) {
    const auto lines = util::split(status.alembic_message, '\n');
    out.line(fmt::format("  {}        {}", out.paint("alembic:", not_adopted ? Style::warning : Style::error),
                         lines.front()));
    for (std::size_t i = 1; i < lines.size(); ++i) out.line(fmt::format("    {}", lines[i]));
  }
  if (!status.unknown_applied.empty())
    out.line(fmt::format("  {} {} (the database is ahead of the code)", out.paint("unknown applied:", Style::error),
                         util::join(status.unknown_applied, ", ")));
  for (const auto& mismatch : status.checksum_mismatches)
    out.line(fmt::format("  {} {} (revision {})", out.paint("checksum mismatch:", Style::error), mismatch.path,
                         mismatch.revision));
  if (!status.outside_branch.empty())
    out.line(fmt::format("  {} {} (applied, but not in the lineage of branch {})",
                         out.paint("outside branch:", Style::error), util::join(status.outside_branch, ", "),
                         status.branch.value_or("")));
  if (status.dirty) {
    const auto& dirty = *status.dirty;
    const std::string where =
        dirty.path.empty() ? std::string("file unknown") : fmt::format("{}:{}", dirty.path, dirty.line);
    out.line(fmt::format("  {} {} at statement {} ({}){}", out.paint("dirty:", Style::error), dirty.revision,
                         dirty.statement, where,
                         dirty.error.empty() ? std::string() : fmt::format(": {}", dirty.error)));
    out.line(fmt::format("    {}", engine::resolve_hint(dirty.revision, dirty.direction, dirty.statement, selection)));
  }
  if (status.lock_holder) out.line(fmt::format("  lock held by:   {}", status.lock_holder->description()));
  out.line(fmt::format("  {}", status.up_to_date() ? out.paint("up to date", Style::good)
                                                   : out.paint("not up to date", Style::warning)));
}

int run(Context& context, const Options& options) {
  const auto& repository = context.repository();
  const auto databases = selected_databases(context, options.database);
  auto& out = context.out();
  auto documents = Json::array();
  int worst_state = 0;
  int worst_error = 0;
  for (std::size_t i = 0; i < databases.size(); ++i) {
    const auto status =
        engine::read_status(repository, databases[i], run_settings(context, databases[i], options.database));
    worst_state = std::max(worst_state, static_cast<int>(status.exit_code()));
    if (status.error) worst_error = std::max(worst_error, static_cast<int>(status.error->exit_code));
    if (out.json()) {
      documents.push_back(status_json(status));
    } else {
      if (i > 0) out.line();
      print_text(out, repository.graph(), status, engine::selection_options(databases[i]));
    }
  }
  if (out.json()) out.document(Json{{"databases", documents}});
  return options.exit_code ? worst_state : worst_error;
}

}  // namespace
}  // namespace status_command

Runner setup_status(CLI::App& app) {
  auto options = std::make_shared<status_command::Options>();
  add_selection_options(app, options->database);
  app.add_flag("--exit-code", options->exit_code,
               "exit 0 up to date, 1 pending (or not adopted from Alembic yet), 3 unknown applied, checksum "
               "mismatch, applied outside the branch or alembic_version disagreeing, 4 dirty or unreachable");
  return [options](Context& context) { return status_command::run(context, *options); };
}

}  // namespace strata::cli::commands
