// strata check [--against REF]: every problem at once — files that do not parse, graph defects, and lint
// (redundant parents, the head policy); with --against, what the branch changes relative to the git revision REF
// (repo/against.hpp). Exit 1 when anything is found, so CI fails with every defect named.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/lint_report.hpp"
#include "strata/lint/formats.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/repo/against.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace check_command {
namespace {

std::vector<Problem> find_problems(const repo::Scan& scan) {
  std::vector<Problem> problems = scan.problems;
  std::vector<graph::Revision> revisions;
  revisions.reserve(scan.files.size());
  for (const auto& file : scan.files) revisions.push_back(file.revision);
  auto build = graph::RevisionGraph::try_build(std::move(revisions));
  problems.insert(problems.end(), build.problems.begin(), build.problems.end());
  if (build.graph) {
    auto lint = graph::lint_graph(*build.graph);
    problems.insert(problems.end(), lint.begin(), lint.end());
  }
  return problems;
}

struct Options {
  std::string against;
  bool with_lint = false;
};

std::string against_summary(const repo::RefFiles& ref, const repo::Comparison& comparison) {
  std::string text =
      fmt::format("against {}: this branch adds {}", ref.ref, util::counted(comparison.added.size(), "revision"));
  if (comparison.heads_after_merge)
    text +=
        fmt::format("; merged into {} the graph has {}", ref.ref, util::counted(*comparison.heads_after_merge, "head"));
  return text;
}

int run(Context& context, const Options& options) {
  const auto scan = context.scan();
  auto problems = find_problems(scan);
  std::optional<repo::RefFiles> ref;
  std::optional<repo::Comparison> comparison;
  if (!options.against.empty()) {
    ref = repo::read_at_ref({scan.version_dirs, scan.layouts, context.invocation().cwd}, options.against,
                            context.repository_options().alembic_names, &scan.files);
    comparison = repo::compare_with_ref(scan.files, *ref);
    problems.insert(problems.end(), comparison->problems.begin(), comparison->problems.end());
  }
  auto& out = context.out();
  // --lint: the SQL of every revision too, once the files and the graph are sound (the linter needs the graph).
  std::optional<lint::LintResult> linted;
  if (options.with_lint && problems.empty()) {
    const LintRequest request;
    linted = run_lint(context, request, lint_options(context, request));
  }
  const bool lint_failed = linted && linted->has_errors();
  if (out.json()) {
    auto list = Json::array();
    for (const auto& problem : problems) list.push_back(problem_json(problem));
    Json document{{"ok", problems.empty() && !lint_failed}, {"problems", list}};
    if (linted) document["lint"] = lint::to_json(*linted);
    if (comparison)
      document["against"] = Json{
          {"ref", ref->ref},
          {"commit", ref->commit},
          {"added", comparison->added},
          {"ref_heads", comparison->ref_heads},
          {"heads_after_merge", comparison->heads_after_merge ? Json(*comparison->heads_after_merge) : Json(nullptr)}};
    out.document(document);
    return problems.empty() && !lint_failed ? 0 : 1;
  }
  for (const auto& problem : problems) {
    out.line(fmt::format("{}: {}", out.paint(std::string(to_string(problem.code)), Style::error), problem.message));
    if (!problem.paths.empty()) out.line(fmt::format("  files: {}", util::join(problem.paths, ", ")));
    if (!problem.revisions.empty()) out.line(fmt::format("  revisions: {}", util::join(problem.revisions, ", ")));
  }
  const auto revisions = util::counted(scan.files.size(), "revision");
  if (comparison) out.line(against_summary(*ref, *comparison));
  if (options.with_lint && !problems.empty()) out.line("lint skipped: the files and the graph must be sound first");
  if (problems.empty()) {
    out.line(fmt::format("{} in {}", out.paint("no problems found", Style::good), revisions));
    if (linted) print_lint_text(out, *linted);
    return lint_failed ? 1 : 0;
  }
  out.line(fmt::format("{} found in {}", util::counted(problems.size(), "problem"), revisions));
  return 1;
}

}  // namespace
}  // namespace check_command

Runner setup_check(CLI::App& app) {
  auto options = std::make_shared<check_command::Options>();
  app.add_option("--against", options->against,
                 "also compare with the migration folder at this git revision (main, origin/main, a commit)")
      ->type_name("REF");
  app.add_flag("--lint", options->with_lint, "also lint every revision's SQL ([lint] in strata.toml applies)");
  return [options](Context& context) { return check_command::run(context, *options); };
}

}  // namespace strata::cli::commands
