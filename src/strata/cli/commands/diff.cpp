// strata diff FROM TO: the differences between two schemas, object by object. Each side is a database URL,
// `revision:TARGET` (the schema the repository produces up to TARGET, built on a scratch database) or a `.sql`
// file (applied to a scratch database). Exit 0 when equal, 1 when they differ.
#include <fstream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/commands/scratch_options.hpp"
#include "strata/cli/interrupt.hpp"
#include "strata/db/connection.hpp"
#include "strata/graph/plan.hpp"
#include "strata/schema/read.hpp"

namespace strata::cli::commands {

namespace {

struct Options {
  DatabaseOptions database;
  ScratchOptions scratch;
  std::string from;
  std::string to;
};

constexpr std::string_view k_revision_prefix = "revision:";

enum class SideKind { url, revision, sql_file };

struct Side {
  SideKind kind;
  std::string text;  // as given
  std::optional<db::DatabaseUrl> url;
};

Side classify(const std::string& text) {
  if (text.rfind(k_revision_prefix, 0) == 0) return {SideKind::revision, text, std::nullopt};
  if (text.size() > 4 && text.compare(text.size() - 4, 4, ".sql") == 0) return {SideKind::sql_file, text, std::nullopt};
  return {SideKind::url, text, db::DatabaseUrl::parse(text)};
}

// Where scratch databases go when a side needs one: beside a URL side, else the selected database, else the
// explicit scratch database.
db::DatabaseUrl scratch_near(Context& context, const Options& options, const Side& from, const Side& to,
                             const engine::ScratchSettings& scratch) {
  if (from.url) return *from.url;
  if (to.url) return *to.url;
  if (scratch.url) return *scratch.url;
  try {
    return selected_databases(context, options.database).front().url;
  } catch (const UsageError&) {
    throw UsageError("diff " + from.text + " " + to.text +
                         " builds both schemas on a scratch database but does not know which engine: neither side is "
                         "a database URL and no database is configured\nhint: name one, e.g. strata diff " +
                         from.text + " " + to.text + " --url sqlite:scratch.db",
                     "no_engine");
  }
}

std::string read_file(const std::filesystem::path& path, const std::string& shown) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read '" + shown + "': no such file or not readable", "no_file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

schema::Snapshot snapshot_of(Context& context, const Side& side, const db::DatabaseUrl& near,
                             const engine::ScratchSettings& scratch) {
  if (side.kind == SideKind::url) {
    auto connection = db::connect(*side.url);
    schema::ReadOptions read;
    read.schemas = scratch.schemas;
    return schema::read_snapshot(*connection, read);
  }
  const auto& repository = context.repository();
  engine::Replayer replayer(repository, near, scratch);
  if (side.kind == SideKind::revision) {
    const auto& graph = repository.graph();
    replayer.move_to(graph.ancestors(graph::resolve(graph, side.text.substr(k_revision_prefix.size()))));
  } else {
    const auto path = context.invocation().cwd / side.text;
    replayer.run_script(read_file(path, side.text), side.text);
  }
  auto snapshot = replayer.snapshot();
  replayer.finish();
  return snapshot;
}

std::string shown(const Side& side) { return side.url ? side.url->redacted() : side.text; }

int run(Context& context, const Options& options) {
  InterruptGuard interrupt;
  const auto scratch = scratch_settings(context, options.scratch);
  const Side from = classify(options.from);
  const Side to = classify(options.to);
  const bool needs_scratch = from.kind != SideKind::url || to.kind != SideKind::url;
  const auto near = needs_scratch ? scratch_near(context, options, from, to, scratch) : *from.url;
  const auto expected = snapshot_of(context, from, near, scratch);
  const auto actual = snapshot_of(context, to, near, scratch);
  const auto differences = schema::diff(expected, actual, compare_options(options.scratch));
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"from", shown(from)},
                      {"to", shown(to)},
                      {"equal", differences.empty()},
                      {"differences", differences_json(differences)}});
  } else if (differences.empty()) {
    out.line("the schemas are equal");
  } else {
    out.line(std::to_string(differences.size()) + (differences.size() == 1 ? " difference" : " differences") +
             " from " + shown(from) + " to " + shown(to) + ":");
    print_differences(out, differences, "  ");
  }
  return differences.empty() ? 0 : 1;
}

}  // namespace

Runner setup_diff(CLI::App& app) {
  auto options = std::make_shared<Options>();
  app.add_option("FROM", options->from, "a database URL, revision:TARGET or a .sql file")->required();
  app.add_option("TO", options->to, "a database URL, revision:TARGET or a .sql file")->required();
  add_selection_options(app, options->database);
  add_scratch_options(app, options->scratch);
  return [options](Context& context) { return run(context, *options); };
}

}  // namespace strata::cli::commands
