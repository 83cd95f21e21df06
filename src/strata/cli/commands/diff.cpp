// strata diff FROM TO: the differences between two schemas, object by object. Each side is a database URL,
// `revision:TARGET` (the schema the repository produces up to TARGET, built on a scratch database) or a `.sql`
// file (applied to a scratch database). Exit 0 when equal, 1 when they differ. With --sql it prints the migration
// between them instead (up: FROM to TO, down: TO to FROM).
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
#include "strata/schema/ddl.hpp"
#include "strata/schema/read.hpp"

namespace strata::cli::commands {

namespace {

struct Options {
  DatabaseOptions database;
  ScratchOptions scratch;
  std::string from;
  std::string to;
  bool sql = false;
  std::vector<std::string> renames;  // OLD=NEW, as given
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
    throw UsageError(ErrorCode::no_engine,
                     "diff " + from.text + " " + to.text +
                         " builds both schemas on a scratch database but does not know which engine: neither side is "
                         "a database URL and no database is configured\nhint: name one, e.g. strata diff " +
                         from.text + " " + to.text + " --url sqlite:scratch.db");
  }
}

std::string read_file(const std::filesystem::path& path, const std::string& shown) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(ErrorCode::no_file, "cannot read '" + shown + "': no such file or not readable");
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

// --rename OLD=NEW, both ways: the down section renames back.
schema::DdlOptions ddl_options(const std::vector<std::string>& renames, bool down) {
  schema::DdlOptions options;
  for (const auto& rename : renames) {
    const auto equals = rename.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == rename.size())
      throw UsageError(ErrorCode::bad_rename, "--rename '" + rename +
                                                  "' is not OLD=NEW\nhint: strata diff FROM TO --sql --rename "
                                                  "public.users.name=full_name");
    std::string old_name = rename.substr(0, equals);
    std::string new_name = rename.substr(equals + 1);
    // The new name may be bare; the down section needs it qualified like the old one.
    if (new_name.find('.') == std::string::npos && old_name.rfind('.') != std::string::npos)
      new_name = old_name.substr(0, old_name.rfind('.') + 1) + new_name;
    if (down) std::swap(old_name, new_name);
    options.renames.emplace_back(old_name, new_name);
  }
  return options;
}

Json ddl_json(const schema::Ddl& ddl) {
  Json warnings = Json::array();
  for (const auto& warning : ddl.warnings)
    warnings.push_back(Json{{"kind", schema::to_string(warning.kind)}, {"object", warning.object},
                            {"reason", warning.reason}});
  return Json{{"sql", ddl.sql}, {"transaction", ddl.needs_no_transaction ? "none" : "per-migration"},
              {"warnings", warnings}};
}

int print_migration(Context& context, const Options& options, const Side& from, const Side& to,
                    const schema::Snapshot& before, const schema::Snapshot& after, bool equal) {
  const auto up = schema::generate_ddl(before, after, ddl_options(options.renames, false));
  const auto down = schema::generate_ddl(after, before, ddl_options(options.renames, true));
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{{"from", shown(from)}, {"to", shown(to)}, {"equal", equal}, {"up", ddl_json(up)},
                      {"down", ddl_json(down)}});
    return equal ? 0 : 1;
  }
  if (equal) {
    out.line("-- the schemas are equal: no migration");
    return 0;
  }
  for (const auto& warning : up.warnings)
    out.warning("up: " + std::string(schema::to_string(warning.kind)) + " " + warning.object + " " + warning.reason);
  for (const auto& warning : down.warnings)
    out.warning("down: " + std::string(schema::to_string(warning.kind)) + " " + warning.object + " " +
                warning.reason);
  if (up.needs_no_transaction || down.needs_no_transaction) out.line("-- transaction: none");
  // The up and down sections of a revision file, ready to paste below a header.
  out.line("-- +up");
  std::string text = up.sql;
  if (!text.empty() && text.back() == '\n') text.pop_back();
  out.line(text);
  out.line("");
  out.line("-- +down");
  text = down.sql;
  if (!text.empty() && text.back() == '\n') text.pop_back();
  out.line(text);
  return 1;
}

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
  if (options.sql) return print_migration(context, options, from, to, expected, actual, differences.empty());
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
  app.add_flag("--sql", options->sql, "print the migration between them (up and down) instead of the differences");
  app.add_option("--rename", options->renames,
                 "with --sql: write this rename instead of drop and add (OLD=NEW, e.g. public.users.name=full_name)");
  add_selection_options(app, options->database);
  add_scratch_options(app, options->scratch);
  return [options](Context& context) { return run(context, *options); };
}

}  // namespace strata::cli::commands
