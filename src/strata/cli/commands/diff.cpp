// strata diff FROM TO: the differences between two schemas, object by object. Each side is a database URL,
// `revision:TARGET` (the schema the repository produces up to TARGET, built on a scratch database) or a `.sql`
// file (applied to a scratch database). Exit 0 when equal, 1 when they differ. With --sql it prints the migration
// between them instead (up: FROM to TO, down: TO to FROM).
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/commands/schema_side.hpp"
#include "strata/cli/commands/scratch_options.hpp"
#include "strata/cli/interrupt.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace diff_command {
namespace {

struct Options {
  DatabaseOptions database;
  ScratchOptions scratch;
  std::string from;
  std::string to;
  bool sql = false;
  std::vector<std::string> renames;  // OLD=NEW, as given
};

constexpr const char* k_rename_hint = "strata diff FROM TO --sql --rename public.users.name=full_name";

int print_migration(Context& context, const Options& options, const Side& from, const Side& to,
                    const schema::Snapshot& before, const schema::Snapshot& after, bool equal) {
  const auto up = schema::generate_ddl(before, after, ddl_options(options.renames, false, k_rename_hint));
  const auto down = schema::generate_ddl(after, before, ddl_options(options.renames, true, k_rename_hint));
  auto& out = context.out();
  if (out.json()) {
    out.document(Json{
        {"from", shown(from)}, {"to", shown(to)}, {"equal", equal}, {"up", ddl_json(up)}, {"down", ddl_json(down)}});
    return equal ? 0 : 1;
  }
  if (equal) {
    out.line("-- the schemas are equal: no migration");
    return 0;
  }
  for (const auto& warning : up.warnings)
    out.warning(fmt::format("up: {} {} {}", schema::to_string(warning.kind), warning.object, warning.reason));
  for (const auto& warning : down.warnings)
    out.warning(fmt::format("down: {} {} {}", schema::to_string(warning.kind), warning.object, warning.reason));
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
  const Side from = classify_side(options.from);
  const Side to = classify_side(options.to);
  const bool needs_scratch = from.kind != SideKind::url || to.kind != SideKind::url;
  const auto near = needs_scratch ? scratch_near(context, options.database, {&from, &to}, scratch,
                                                 fmt::format("diff {} {}", options.from, options.to))
                                  : *from.url;
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
    out.line(fmt::format("{} from {} to {}:", util::counted(differences.size(), "difference"), shown(from), shown(to)));
    print_differences(out, differences, "  ");
  }
  return differences.empty() ? 0 : 1;
}

}  // namespace
}  // namespace diff_command

Runner setup_diff(CLI::App& app) {
  auto options = std::make_shared<diff_command::Options>();
  app.add_option("FROM", options->from, "a database URL, revision:TARGET or a .sql file")->required();
  app.add_option("TO", options->to, "a database URL, revision:TARGET or a .sql file")->required();
  app.add_flag("--sql", options->sql, "print the migration between them (up and down) instead of the differences");
  app.add_option("--rename", options->renames,
                 "with --sql: write this rename instead of drop and add (OLD=NEW, e.g. public.users.name=full_name)");
  add_selection_options(app, options->database);
  add_scratch_options(app, options->scratch);
  return [options](Context& context) { return diff_command::run(context, *options); };
}

}  // namespace strata::cli::commands
