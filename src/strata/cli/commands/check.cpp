// strata check: every problem at once — files that do not parse, graph defects, and lint (redundant parents,
// the head policy). Exit 1 when anything is found, so CI fails with every defect named.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

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

std::string count_text(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

int run(Context& context) {
  const auto scan = context.scan();
  const auto problems = find_problems(scan);
  auto& out = context.out();
  if (out.json()) {
    auto list = Json::array();
    for (const auto& problem : problems) list.push_back(problem_json(problem));
    out.document(Json{{"ok", problems.empty()}, {"problems", list}});
    return problems.empty() ? 0 : 1;
  }
  for (const auto& problem : problems) {
    out.line(out.paint(problem.code, Style::error) + ": " + problem.message);
    if (!problem.paths.empty()) out.line("  files: " + util::join(problem.paths, ", "));
    if (!problem.revisions.empty()) out.line("  revisions: " + util::join(problem.revisions, ", "));
  }
  const auto revisions = count_text(scan.files.size(), "revision");
  if (problems.empty()) {
    out.line(out.paint("no problems found", Style::good) + " in " + revisions);
    return 0;
  }
  out.line(count_text(problems.size(), "problem") + " found in " + revisions);
  return 1;
}

}  // namespace

Runner setup_check(CLI::App&) {
  return [](Context& context) { return run(context); };
}

}  // namespace strata::cli::commands
