// strata report [--against REF] [--format text|markdown|json]: the repository at a glance — totals, bases, heads
// with their messages, merges, branch points, labels, the longest chain, revisions per label; with --against, REF
// and this branch side by side and the revisions the branch adds, in upgrade order. Markdown is made to be pasted
// into a pull request.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/revision_json.hpp"
#include "strata/graph/summary.hpp"
#include "strata/repo/against.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace report_command {
namespace {

struct Options {
  std::string against;
  std::string format = "text";
};

struct Side {
  std::string name;
  std::optional<graph::RevisionGraph> graph;  // empty: REF's graph does not build
  graph::Summary summary;
};

Side side_of(std::string name, std::optional<graph::RevisionGraph> graph) {
  Side side{std::move(name), std::move(graph), {}};
  if (side.graph) side.summary = graph::summarize(*side.graph);
  return side;
}

std::string labels_text(const graph::Summary& summary) {
  std::vector<std::string> parts;
  for (const auto& [label, count] : summary.labels) parts.push_back(fmt::format("{} ({})", label, count));
  return parts.empty() ? "none" : util::join(parts, ", ");
}

struct Row {
  std::string name;
  std::vector<std::string> values;  // one per side
};

std::vector<Row> table_rows(const std::vector<Side>& sides) {
  std::vector<Row> rows{{"revisions", {}},     {"bases", {}},    {"heads", {}},         {"merge revisions", {}},
                        {"branch points", {}}, {"squashes", {}}, {"longest chain", {}}, {"labels", {}}};
  for (const auto& side : sides) {
    const auto& s = side.summary;
    const bool ok = side.graph.has_value();
    const auto number = [&](std::size_t value) { return ok ? std::to_string(value) : std::string("-"); };
    rows[0].values.push_back(number(s.revisions));
    rows[1].values.push_back(number(s.bases.size()));
    rows[2].values.push_back(number(s.heads.size()));
    rows[3].values.push_back(number(s.merges.size()));
    rows[4].values.push_back(number(s.branch_points.size()));
    rows[5].values.push_back(number(s.squashes.size()));
    rows[6].values.push_back(number(s.longest_chain.size()));
    rows[7].values.push_back(ok ? labels_text(s) : "-");
  }
  return rows;
}

std::string message_of(const graph::RevisionGraph& graph, graph::RevIndex index) {
  const auto& message = graph.revision(index).message;
  return message.empty() ? std::string("(no message)") : message;
}

std::vector<std::string> ids_of(const graph::RevisionGraph& graph, const std::vector<graph::RevIndex>& indexes) {
  return graph.ids(indexes);
}

void print_text(Output& out, const std::vector<Side>& sides, const std::vector<std::string>& added) {
  const auto& current = sides.back();
  const auto rows = table_rows(sides);
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.name.size());
  std::vector<std::size_t> column(sides.size(), 0);
  for (std::size_t i = 0; i < sides.size(); ++i) {
    column[i] = sides[i].name.size();
    for (const auto& row : rows) column[i] = std::max(column[i], row.values[i].size());
  }
  if (sides.size() > 1) {
    std::string header(width, ' ');
    for (std::size_t i = 0; i < sides.size(); ++i)
      header += "  " + sides[i].name + std::string(column[i] - sides[i].name.size(), ' ');
    while (!header.empty() && header.back() == ' ') header.pop_back();
    out.line(header);
  }
  for (const auto& row : rows) {
    std::string line = row.name + std::string(width - row.name.size(), ' ');
    for (std::size_t i = 0; i < sides.size(); ++i)
      line += "  " + row.values[i] + (i + 1 < sides.size() ? std::string(column[i] - row.values[i].size(), ' ') : "");
    out.line(line);
  }
  const auto& graph = *current.graph;
  out.line();
  out.line("heads:");
  for (const auto head : current.summary.heads)
    out.line(fmt::format("  {}  {}", out.paint(graph.id(head), Style::id), message_of(graph, head)));
  if (!current.summary.merges.empty())
    out.line(fmt::format("merge revisions: {}", util::join(ids_of(graph, current.summary.merges), ", ")));
  if (!current.summary.branch_points.empty())
    out.line(fmt::format("branch points: {}", util::join(ids_of(graph, current.summary.branch_points), ", ")));
  if (!current.summary.longest_chain.empty())
    out.line(fmt::format("longest chain: {} .. {}", graph.id(current.summary.longest_chain.front()),
                         graph.id(current.summary.longest_chain.back())));
  if (sides.size() > 1) {
    out.line();
    out.line(fmt::format("added by this branch (upgrade order): {}", added.size()));
    for (const auto& id : added)
      out.line(fmt::format("  {}  {}", out.paint(id, Style::id), message_of(graph, *graph.find(id))));
  }
}

std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

void print_markdown(Output& out, const std::vector<Side>& sides, const std::vector<std::string>& added) {
  const auto& current = sides.back();
  const auto& graph = *current.graph;
  out.line("### Migration report");
  out.line();
  std::string header = "| |";
  std::string rule = "|---|";
  for (const auto& side : sides) {
    header += fmt::format(" {} |", cell(side.name));
    rule += "---:|";
  }
  out.line(header);
  out.line(rule);
  for (const auto& row : table_rows(sides)) {
    std::string line = fmt::format("| {} |", row.name);
    for (const auto& value : row.values) line += fmt::format(" {} |", cell(value));
    out.line(line);
  }
  out.line();
  out.line("**Heads**");
  out.line();
  for (const auto head : current.summary.heads)
    out.line(fmt::format("- `{}` {}", graph.id(head), cell(message_of(graph, head))));
  if (!current.summary.merges.empty()) {
    out.line();
    out.line(fmt::format("**Merge revisions:** `{}`", util::join(ids_of(graph, current.summary.merges), "`, `")));
  }
  if (!current.summary.branch_points.empty()) {
    out.line();
    out.line(fmt::format("**Branch points:** `{}`", util::join(ids_of(graph, current.summary.branch_points), "`, `")));
  }
  if (sides.size() > 1) {
    out.line();
    out.line(fmt::format("**Added by this branch** ({}, in upgrade order)", added.size()));
    out.line();
    if (added.empty()) out.line("_none_");
    for (std::size_t i = 0; i < added.size(); ++i)
      out.line(fmt::format("{}. `{}` {}", i + 1, added[i], cell(message_of(graph, *graph.find(added[i])))));
  }
}

Json summary_json(const Side& side) {
  if (!side.graph) return nullptr;
  const auto& graph = *side.graph;
  const auto& s = side.summary;
  auto heads = Json::array();
  for (const auto head : s.heads)
    heads.push_back(Json{{"revision", graph.id(head)}, {"message", graph.revision(head).message}});
  auto labels = Json::object();
  for (const auto& [label, count] : s.labels) labels[label] = count;
  return Json{{"revisions", s.revisions},
              {"bases", ids_json(graph, s.bases)},
              {"heads", heads},
              {"merges", ids_json(graph, s.merges)},
              {"branch_points", ids_json(graph, s.branch_points)},
              {"squashes", ids_json(graph, s.squashes)},
              {"labels", labels},
              {"longest_chain", s.longest_chain.size()},
              {"longest_chain_from", s.longest_chain.empty() ? Json(nullptr) : Json(graph.id(s.longest_chain.front()))},
              {"longest_chain_to", s.longest_chain.empty() ? Json(nullptr) : Json(graph.id(s.longest_chain.back()))}};
}

int run(Context& context, const Options& options) {
  const auto& repository = context.repository();
  std::vector<Side> sides;
  std::vector<std::string> added;
  if (!options.against.empty()) {
    const auto ref =
        repo::read_at_ref({repository.version_dirs(), repository.layouts(), context.invocation().cwd}, options.against,
                          context.repository_options().alembic_names, &repository.files());
    std::vector<graph::Revision> revisions;
    for (const auto& file : ref.at_ref) revisions.push_back(file.revision);
    auto build = graph::RevisionGraph::try_build(std::move(revisions));
    sides.push_back(side_of(options.against, std::move(build.graph)));
    added = repo::compare_with_ref(repository.files(), ref).added;
  }
  sides.push_back(side_of(sides.empty() ? "repository" : "this branch", repository.graph()));
  auto& out = context.out();
  if (out.json() || options.format == "json") {
    Json document{{"current", summary_json(sides.back())}};
    if (sides.size() > 1) {
      document["against"] = Json{{"ref", options.against}, {"summary", summary_json(sides.front())}};
      document["added"] = added;
    }
    out.document(document);
    return 0;
  }
  if (options.format == "markdown") print_markdown(out, sides, added);
  else print_text(out, sides, added);
  return 0;
}

}  // namespace
}  // namespace report_command

Runner setup_report(CLI::App& app) {
  auto options = std::make_shared<report_command::Options>();
  app.add_option("--against", options->against, "compare with the migration folder at this git revision")
      ->type_name("REF");
  app.add_option("--format", options->format, "text (default), markdown (for a pull request) or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->type_name("FORMAT");
  return [options](Context& context) { return report_command::run(context, *options); };
}

}  // namespace strata::cli::commands
