// strata squash FIRST..LAST -m MSG [--rev-id ID]: one revision replacing a contiguous run (repo/squash.hpp);
// strata squash --finalize SQUASH: delete the replaced files once every database has moved past them.
#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/authoring.hpp"
#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/squash.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace squash_command {
namespace {

struct Options {
  std::string range;
  std::string message;
  std::string rev_id;
  std::string finalize;
};

graph::RevIndex one_revision(const graph::RevisionGraph& graph, const std::string& text) {
  const auto resolved = graph::resolve(graph, text);
  if (resolved.size() != 1)
    throw UsageError(ErrorCode::usage,
                     fmt::format("'{}' names {} revisions; squash takes one revision at each end of the run", text,
                                 resolved.size()));
  return resolved.front();
}

int finalize(Context& context, const std::string& target) {
  const auto& repository = context.repository();
  const auto squash = one_revision(repository.graph(), target);
  const auto paths = repo::finalize_paths(repository, squash);
  for (const auto& path : paths) {
    std::error_code error;
    std::filesystem::remove(path, error);
    if (error)
      throw RepositoryError(ErrorCode::write_error, path, 0,
                            fmt::format("cannot delete the file: {}", error.message()));
  }
  auto& out = context.out();
  const auto& id = repository.graph().id(squash);
  if (out.json()) {
    out.document(Json{{"squash", id}, {"deleted", paths}});
    return 0;
  }
  if (paths.empty()) {
    out.line(fmt::format("squash {}: the files it replaces are already deleted", out.paint(id, Style::id)));
    return 0;
  }
  out.line(
      fmt::format("squash {}: deleted {}", out.paint(id, Style::id), util::counted(paths.size(), "replaced file")));
  for (const auto& path : paths) out.line(fmt::format("  {}", path));
  return 0;
}

int squash(Context& context, const Options& options) {
  const auto dots = options.range.find("..");
  if (dots == std::string::npos || dots == 0 || dots + 2 >= options.range.size())
    throw UsageError(ErrorCode::usage,
                     fmt::format("squash takes a run as FIRST..LAST (oldest..newest), e.g. `strata squash a1b2..c3d4 "
                                 "-m \"squash\"`, not '{}'",
                                 options.range));
  if (options.message.empty())
    throw UsageError(ErrorCode::usage,
                     fmt::format("squash needs a message: `strata squash {} -m \"...\"`", options.range));
  const auto& repository = context.repository();
  const auto& graph = repository.graph();
  repo::SquashRequest request;
  request.first = one_revision(graph, options.range.substr(0, dots));
  request.last = one_revision(graph, options.range.substr(dots + 2));
  request.id = options.rev_id.empty() ? unused_id(graph) : options.rev_id;
  request.message = options.message;
  request.created = utc_now_iso8601();
  const auto edit = repo::plan_squash(repository, request);
  const auto shown = util::display_path(repo::write_squash(edit), context.invocation().cwd);

  auto& out = context.out();
  if (out.json()) {
    auto repointed = Json::array();
    for (const auto& child : edit.repointed)
      repointed.push_back(Json{{"revision", child.revision}, {"path", child.path}});
    out.document(Json{{"revision", written_revision_json(edit.squash, shown)},
                      {"repointed", repointed},
                      {"has_down", edit.has_down}});
    return 0;
  }
  out.line(fmt::format("created squash {}: {} (replaces {})", out.paint(edit.squash.id, Style::id), shown,
                       util::join(edit.squash.replaces, ", ")));
  for (const auto& child : edit.repointed)
    out.line(fmt::format("re-pointed {} ({}) to revise {}", out.paint(child.revision, Style::id), child.path,
                         edit.squash.id));
  if (!edit.has_down) out.line("note: a replaced revision has no down section, so the squash has none either");
  out.line(
      fmt::format("the replaced files stay as an alternative path until every database has moved past them; "
                  "then run `strata squash --finalize {}`",
                  edit.squash.id));
  return 0;
}

}  // namespace
}  // namespace squash_command

Runner setup_squash(CLI::App& app) {
  auto options = std::make_shared<squash_command::Options>();
  app.add_option("RUN", options->range, "the run to replace, FIRST..LAST (oldest..newest)");
  app.add_option("-m,--message", options->message, "what the squash is")->type_name("MSG");
  app.add_option("--rev-id", options->rev_id, "use this id instead of a random one")->type_name("ID");
  app.add_option("--finalize", options->finalize, "delete the files that squash SQUASH replaces")->type_name("SQUASH");
  return [options](Context& context) {
    if (!options->finalize.empty()) {
      if (!options->range.empty())
        throw UsageError(ErrorCode::usage, "give either a run to squash or --finalize SQUASH, not both");
      return squash_command::finalize(context, options->finalize);
    }
    if (options->range.empty())
      throw UsageError(ErrorCode::usage, "squash needs a run, FIRST..LAST, or --finalize SQUASH");
    return squash_command::squash(context, *options);
  };
}

}  // namespace strata::cli::commands
