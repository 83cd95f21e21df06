// strata rebase REV --onto TARGET [--dry-run] [--against REF] [--url/--db/--all]: re-parent the branch that starts
// at REV (repo/rebase.hpp), refusing when a moved revision is applied in a database strata can see, or exists at
// REF (it is published). Without --url/--db/--all every database of strata.toml is checked; those that cannot be
// reached are named.
#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/core/error.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/against.hpp"
#include "strata/repo/native_header_edit.hpp"
#include "strata/repo/rebase.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace rebase_command {
namespace {

struct Options {
  std::string revision;
  std::string onto;
  bool dry_run = false;
  std::string against;
  DatabaseOptions databases;
};

graph::RevIndex one_revision(const graph::RevisionGraph& graph, const std::string& text) {
  const auto resolved = graph::resolve(graph, text);
  if (resolved.size() != 1)
    throw UsageError(ErrorCode::usage, fmt::format("'{}' names {} revisions; give exactly one", text, resolved.size()));
  return resolved.front();
}

std::vector<engine::SelectedDatabase> databases_to_check(Context& context, DatabaseOptions options) {
  if (!options.url && !options.db && !options.all) {
    if (context.settings().file.empty()) return {};
    options.all = true;
    try {
      return selected_databases(context, options);
    } catch (const UsageError&) {
      return {};  // strata.toml names no database
    }
  }
  return selected_databases(context, options);
}

// Refuses when a moved revision is recorded in a database; returns the databases that could not be read.
std::vector<std::string> check_databases(Context& context, const Options& options, const std::set<std::string>& moved,
                                         const std::string& merge_command, std::size_t& checked) {
  std::vector<std::string> unchecked;
  for (const auto& database : databases_to_check(context, options.databases)) {
    const auto name = database.name == "url" ? database.url.redacted()
                                             : fmt::format("{} ({})", database.name, database.url.redacted());
    std::vector<std::string> recorded;
    try {
      recorded = engine::read_recorded(database, run_settings(context, database, options.databases));
    } catch (const DatabaseError& error) {
      unchecked.push_back(fmt::format("{}: {}", name, error.code_name()));
      continue;
    }
    ++checked;
    std::vector<std::string> applied;
    for (const auto& id : recorded)
      if (moved.contains(id)) applied.push_back(id);
    if (applied.empty()) continue;
    throw UsageError(ErrorCode::rebase_applied,
                     fmt::format("cannot rebase {}: database {} has applied {}, which the rebase would move; nothing "
                                 "was changed\nhint: add a merge revision instead: `{}`",
                                 options.revision, name, util::join(applied, ", "), merge_command));
  }
  return unchecked;
}

int run(Context& context, const Options& options) {
  const auto& repository = context.repository();
  const auto& graph = repository.graph();
  const auto revision = one_revision(graph, options.revision);
  const auto onto = one_revision(graph, options.onto);
  const auto edit = repo::plan_rebase(repository, revision, onto);
  std::set<std::string> moved;
  for (const auto index : edit.moved) moved.insert(graph.id(index));

  const auto branch_heads = graph.maximal(edit.moved);
  const auto merge_command =
      fmt::format("strata merge {} {} -m \"merge\"", graph.id(onto), util::join(graph.ids(branch_heads), " "));
  if (!options.against.empty()) {
    const auto ref =
        repo::read_at_ref({repository.version_dirs(), repository.layouts(), context.invocation().cwd}, options.against,
                          context.repository_options().alembic_names, &repository.files());
    std::vector<std::string> published;
    for (const auto& file : ref.at_ref)
      if (moved.contains(file.revision.id)) published.push_back(file.revision.id);
    if (!published.empty())
      throw UsageError(
          ErrorCode::rebase_published,
          fmt::format("cannot rebase {}: {} {} at {} (published), so a database may have applied {}; "
                      "nothing was changed\nhint: add a merge revision instead: `{}`",
                      graph.id(revision), util::join(published, ", "), published.size() == 1 ? "exists" : "exist",
                      options.against, published.size() == 1 ? "it" : "them", merge_command));
  }
  std::size_t checked = 0;
  const auto unchecked = check_databases(context, options, moved, merge_command, checked);

  auto& out = context.out();
  const auto moved_ids = graph.ids(edit.moved);
  if (!options.dry_run) repo::replace_file_text(edit.path, edit.text, context.invocation().cwd);
  if (out.json()) {
    out.document(Json{{"revision", graph.id(revision)},
                      {"onto", graph.id(onto)},
                      {"old_revises", edit.old_parents},
                      {"moved", moved_ids},
                      {"path", edit.path},
                      {"databases_checked", checked},
                      {"databases_unchecked", unchecked},
                      {"dry_run", options.dry_run}});
    return 0;
  }
  out.line(fmt::format("{} {}: {} revises {} (was {})", options.dry_run ? "would rewrite" : "rewrote", edit.path,
                       graph.id(revision), graph.id(onto),
                       edit.old_parents.empty() ? std::string("<base>") : util::join(edit.old_parents, ", ")));
  out.line(fmt::format("moved: {}", util::join(moved_ids, ", ")));
  if (options.dry_run) {
    out.line("the new graph:");
    const std::string& onto_id = graph.id(onto);
    for (auto it = edit.moved.rbegin(); it != edit.moved.rend(); ++it) {
      const auto parents = *it == revision ? onto_id : parents_text(graph, *it);
      out.line(fmt::format("  {} -> {}, {}", parents, graph.id(*it), graph.revision(*it).message));
    }
  }
  out.line(fmt::format(
      "databases checked: {}{}", checked,
      unchecked.empty() ? std::string() : fmt::format("; could not check {}", util::join(unchecked, "; "))));
  return 0;
}

}  // namespace
}  // namespace rebase_command

Runner setup_rebase(CLI::App& app) {
  auto options = std::make_shared<rebase_command::Options>();
  app.add_option("REV", options->revision, "the first revision of the branch to move")->required();
  app.add_option("--onto", options->onto, "the revision the branch will revise (e.g. main's head)")
      ->required()
      ->type_name("TARGET");
  app.add_flag("--dry-run", options->dry_run, "show the new graph, change nothing");
  app.add_option("--against", options->against, "refuse when a moved revision exists at this git revision")
      ->type_name("REF");
  add_selection_options(app, options->databases);
  return [options](Context& context) { return rebase_command::run(context, *options); };
}

}  // namespace strata::cli::commands
