// strata revision (alias new) -m MSG [--head H] [--splice] [--branch-label L] [--depends-on D]... [--rev-id ID]
// [--transaction none]: writes a new native migration file (revision-graph.md "Writing revisions"), refusing before
// writing anything when the result would not be a valid graph. With --autogenerate [--to TO] its sections are the
// migration from the head's schema to TO, verified on a scratch database first (docs/autogenerate.md).
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/authoring.hpp"
#include "strata/cli/commands/commands.hpp"
#include "strata/cli/commands/schema_side.hpp"
#include "strata/cli/commands/scratch_options.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/interrupt.hpp"
#include "strata/core/error.hpp"
#include "strata/engine/autogenerate.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/new_revision.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace revision_command {
namespace {

constexpr const char* k_default_head = "head";

struct Options {
  std::string message;
  std::string head;  // empty: `head`, with the revision-specific message when there are several heads
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;
  std::string transaction = "per-migration";
  // --autogenerate and what goes with it
  bool autogenerate = false;
  std::string to;  // empty: the selected database
  bool no_verify = false;
  bool online = false;
  std::vector<std::string> renames;
  DatabaseOptions database;
  ScratchOptions scratch;
};

constexpr const char* k_rename_hint =
    "strata revision --autogenerate -m MSG --to schema.sql --rename public.users.name=full_name";

std::vector<graph::RevIndex> parents_of(const graph::RevisionGraph& graph, const Options& options) {
  if (options.head.empty()) {
    if (graph.size() == 0) return {};
    if (graph.heads().size() > 1) {
      const auto heads = graph.ids(graph.heads());
      throw GraphError(ErrorCode::multiple_heads,
                       fmt::format("Multiple heads are present: {}; please specify the head revision on which the new "
                                   "revision should be based (--head {}), or perform a merge first: strata merge -m "
                                   "'merge heads' heads",
                                   util::quoted_list(heads), heads.front()),
                       heads);
    }
  }
  return graph::resolve(graph, options.head.empty() ? k_default_head : options.head);
}

std::vector<graph::RevIndex> checked_parents(const graph::RevisionGraph& graph, const Options& options) {
  auto parents = parents_of(graph, options);
  refuse_duplicate_parents(graph, parents);
  if (!options.splice) {
    for (const auto parent : parents)
      if (!graph.is_head(parent))
        throw GraphError(ErrorCode::not_a_head,
                         fmt::format("Revision {} is not a head revision; please specify --splice to create a new "
                                     "branch from this revision",
                                     graph.id(parent)),
                         {graph.id(parent)});
  }
  return parents;
}

void print_warnings(Output& out, const std::string& direction, const std::vector<schema::DdlWarning>& warnings) {
  for (const auto& warning : warnings)
    out.warning(
        fmt::format("{}: {} {} {}", direction, schema::to_string(warning.kind), warning.object, warning.reason));
}

Json warnings_json(const std::vector<schema::DdlWarning>& warnings) {
  Json list = Json::array();
  for (const auto& warning : warnings)
    list.push_back(
        Json{{"kind", schema::to_string(warning.kind)}, {"object", warning.object}, {"reason", warning.reason}});
  return list;
}

// The messages of the extra revisions --online writes around the main one.
std::string section_message(const std::string& message, engine::GeneratedSection::Part part) {
  if (part == engine::GeneratedSection::Part::main) return message;
  const std::string what = part == engine::GeneratedSection::Part::drop_indexes
                               ? "drop indexes concurrently"
                               : "create indexes concurrently, validate constraints";
  return message.empty() ? what : fmt::format("{} ({})", message, what);
}

int autogenerate(Context& context, const Options& options) {
  InterruptGuard interrupt;
  const auto& repository = context.repository();
  const auto& graph = repository.graph();
  const auto parents = checked_parents(graph, options);
  const auto head = graph.ancestors(parents);
  const auto scratch = scratch_settings(context, options.scratch);
  const Side to = options.to.empty()
                      ? [&] {
                          const auto url = selected_databases(context, options.database).front().url;
                          return Side{SideKind::url, url.redacted(), url};
                        }()
                      : classify_side(options.to);
  const std::string to_text = options.to.empty() ? "TO" : options.to;
  const auto near = scratch_near(context, options.database, {&to}, scratch,
                                 fmt::format("revision --autogenerate -m MSG --to {}", to_text));
  if (options.online && near.engine() != db::Engine::postgres)
    throw UsageError(ErrorCode::online_needs_postgres,
                     fmt::format("--online writes PostgreSQL's non-blocking forms (CREATE INDEX CONCURRENTLY, NOT "
                                 "VALID); {} has none ({})\nhint: strata revision --autogenerate -m MSG --to {}",
                                 db::engine_name(near.engine()), near.redacted(), to_text));
  const auto target = snapshot_of(context, to, near, scratch);

  engine::AutogenerateOptions generate;
  generate.up = ddl_options(options.renames, false, k_rename_hint);
  generate.down = ddl_options(options.renames, true, k_rename_hint);
  generate.up.online = generate.down.online = options.online;
  generate.verify = !options.no_verify;
  generate.compare = compare_options(options.scratch);
  generate.verify_hint = fmt::format("strata diff revision:{} {} --sql",
                                     options.head.empty() ? std::string(k_default_head) : options.head, to_text);
  const auto result = engine::autogenerate(repository, head, target, near, scratch, generate);

  auto& out = context.out();
  const std::string head_text =
      parents.empty() ? "the empty schema" : fmt::format("head {}", util::join(graph.ids(parents), ", "));
  if (result.differences.empty()) {
    if (out.json()) out.document(Json{{"to", shown(to)}, {"equal", true}, {"revisions", Json::array()}});
    else out.line(fmt::format("no difference between {} and {}: no revision written", head_text, shown(to)));
    return 0;
  }
  print_warnings(out, "up", result.up_warnings);
  print_warnings(out, "down", result.down_warnings);

  std::vector<repo::NewRevision> revisions;
  std::vector<std::string> taken;
  for (std::size_t i = 0; i < result.revisions.size(); ++i) {
    const auto& section = result.revisions[i];
    repo::NewRevision revision;
    if (i == 0) {
      revision.id = options.rev_id;
      revision.revises = graph.ids(parents);
      revision.branch_labels = options.branch_labels;
      revision.depends_on = resolve_depends_on(graph, options.depends_on);
    } else {
      revision.revises = {revisions.back().id};
    }
    if (revision.id.empty()) revision.id = repo::unused_id(graph, repo::system_random_source(), taken);
    taken.push_back(revision.id);
    revision.message = section_message(options.message, section.part);
    const bool no_transaction = section.no_transaction || options.transaction == "none";
    revision.transaction = no_transaction ? repo::TransactionMode::none : repo::TransactionMode::per_migration;
    const auto no_op = fmt::format("{}\n", repo::k_no_op_marker);
    revision.up_sql = section.up_sql.empty() ? no_op : section.up_sql;
    revision.down_sql = section.down_sql.empty() ? no_op : section.down_sql;
    revisions.push_back(std::move(revision));
  }
  const auto written = write_revisions(context, revisions);

  if (out.json()) {
    Json list = Json::array();
    for (std::size_t i = 0; i < revisions.size(); ++i)
      list.push_back(written_revision_json(revisions[i], util::display_path(written[i], context.invocation().cwd)));
    out.document(Json{
        {"to", shown(to)},
        {"equal", false},
        {"verified", !options.no_verify},
        {"revisions", list},
        {"warnings", Json{{"up", warnings_json(result.up_warnings)}, {"down", warnings_json(result.down_warnings)}}}});
    return 0;
  }
  for (std::size_t i = 0; i < revisions.size(); ++i)
    out.line(fmt::format("created revision {}: {}{}", out.paint(revisions[i].id, Style::id),
                         util::display_path(written[i], context.invocation().cwd),
                         revisions[i].transaction == repo::TransactionMode::none ? " (transaction: none)" : ""));
  out.line(options.no_verify ? std::string("not verified (--no-verify)")
                             : fmt::format("verified on a scratch database: the up sections give {}, the down "
                                           "sections give {} back",
                                           shown(to), head_text));
  return 0;
}

int run(Context& context, const Options& options) {
  if (options.autogenerate) return autogenerate(context, options);
  if (!options.to.empty() || options.no_verify || options.online || !options.renames.empty())
    throw UsageError(ErrorCode::usage,
                     "--to, --rename, --online and --no-verify go with --autogenerate\nhint: strata revision "
                     "--autogenerate -m MSG --to schema.sql");
  const auto& graph = context.repository().graph();
  const auto parents = checked_parents(graph, options);
  repo::NewRevision revision;
  revision.id = options.rev_id;
  revision.revises = graph.ids(parents);
  revision.branch_labels = options.branch_labels;
  revision.depends_on = resolve_depends_on(graph, options.depends_on);
  revision.message = options.message;
  revision.transaction =
      options.transaction == "none" ? repo::TransactionMode::none : repo::TransactionMode::per_migration;
  return write_new_revision(context, std::move(revision));
}

}  // namespace
}  // namespace revision_command

Runner setup_revision(CLI::App& app) {
  auto options = std::make_shared<revision_command::Options>();
  app.add_option("-m,--message", options->message, "what the revision does")->type_name("MSG");
  app.add_option("--head", options->head,
                 "the parent(s): head (default), heads (a merge), base (a new base), L@head, an id")
      ->type_name("REV");
  app.add_flag("--splice", options->splice, "allow a parent that is not a head (starts a new branch)");
  app.add_option("--branch-label", options->branch_labels, "a branch label for the new revision (repeatable)")
      ->type_name("LABEL");
  app.add_option("--depends-on", options->depends_on, "a revision or label this one depends on (repeatable)")
      ->type_name("REV");
  app.add_option("--rev-id", options->rev_id, "use this id instead of a random one")->type_name("ID");
  app.add_option("--transaction", options->transaction,
                 "per-migration (default) or none, for statements that cannot run in a transaction")
      ->check(CLI::IsMember({"per-migration", "none"}))
      ->type_name("MODE");
  app.add_flag("--autogenerate", options->autogenerate,
               "write the migration from the head's schema to --to (verified on a scratch database first)");
  app.add_option("--to", options->to,
                 "with --autogenerate: the target schema, a .sql file, a database URL or revision:TARGET (default: "
                 "the selected database)")
      ->type_name("TO");
  app.add_flag("--no-verify", options->no_verify, "with --autogenerate: write without checking on a scratch database");
  app.add_flag("--online", options->online,
               "with --autogenerate, PostgreSQL: non-blocking forms (CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE)");
  app.add_option("--rename", options->renames,
                 "with --autogenerate: write this rename instead of drop and add (OLD=NEW, e.g. "
                 "public.users.name=full_name)")
      ->type_name("OLD=NEW");
  add_selection_options(app, options->database);
  add_scratch_options(app, options->scratch);
  return [options](Context& context) { return revision_command::run(context, *options); };
}

}  // namespace strata::cli::commands
