// strata lint [REV | RANGE | FILE...]: PostgreSQL rules (squawk's, by libpg_query) or SQLite rules (by SQLite
// itself), and strata's own rules about down sections and re-runnable `transaction: none` migrations. Exit 1 when
// a finding at level error remains.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/lint_report.hpp"
#include "strata/core/error.hpp"
#include "strata/lint/formats.hpp"
#include "strata/db/url.hpp"
#include "strata/lint/rules.hpp"
#include "strata/lint/trace.hpp"
#include "strata/util/strings.hpp"
#include "strata/version.hpp"

namespace strata::cli::commands {

namespace lint_command {
namespace {

struct Options {
  LintRequest request;
  std::string format;
  bool list_rules = false;
  bool trace = false;
  std::string url;
};

std::string_view engine_label(lint::RuleEngine engine) {
  switch (engine) {
    case lint::RuleEngine::postgres: return "postgres";
    case lint::RuleEngine::sqlite: return "sqlite";
    case lint::RuleEngine::any: return "any";
  }
  return "any";
}

int list_rules(Context& context, const lint::Options& options) {
  auto& out = context.out();
  if (out.json()) {
    auto rules = Json::array();
    for (const auto& rule : lint::rule_catalog())
      rules.push_back(Json{{"id", rule.id},
                           {"level", lint::level_name(options.level_of(rule.id))},
                           {"default_level", lint::level_name(rule.level)},
                           {"engine", engine_label(rule.engine)},
                           {"opt_in", rule.opt_in},
                           {"summary", rule.summary}});
    out.document(Json{{"rules", rules}});
    return 0;
  }
  for (const auto& rule : lint::rule_catalog()) {
    std::string id(rule.id);
    id.resize(std::max<std::size_t>(id.size(), 45), ' ');
    std::string level(lint::level_name(options.level_of(rule.id)));
    level.resize(8, ' ');
    std::string engine(engine_label(rule.engine));
    engine.resize(9, ' ');
    out.line(fmt::format("{} {}{}{}", id, level, engine, rule.summary));
  }
  return 0;
}

// --trace's database: --url, else $DATABASE_URL, else the project's default (or first) database.
std::string trace_url(Context& context, const Options& options) {
  if (!options.url.empty()) return options.url;
  const auto& settings = context.settings();
  if (settings.database_url) return settings.database_url->value;
  const config::DatabaseConfig* database = nullptr;
  if (settings.default_database.value) database = settings.find_database(*settings.default_database.value);
  if (!database && !settings.databases.empty()) database = &settings.databases.front();
  if (database) return database->used_url().value;
  throw UsageError(ErrorCode::usage,
                   "--trace needs a PostgreSQL server: pass --url postgresql://HOST/DB (a scratch database is "
                   "created next to DB and dropped again)");
}

int run_trace(Context& context, const Options& options, const lint::Options& lint_options) {
  const auto text = trace_url(context, options);
  const auto url = db::DatabaseUrl::parse(text);
  const auto selection = select_for_lint(context, options.request, lint_options);
  if (!selection.standalone.empty() || !selection.repository)
    throw UsageError(ErrorCode::usage,
                     fmt::format("--trace runs revisions of the repository; '{}' is not one of them",
                                 selection.standalone.empty() ? std::string("FILE") : selection.standalone.front()));
  const auto result = lint::trace(*selection.repository, selection.revisions, url);
  auto& out = context.out();
  bool failed = false;
  if (out.json() || options.format == "json") {
    auto statements = Json::array();
    for (const auto& statement : result.statements) {
      auto locks = Json::array();
      for (const auto& lock : statement.locks) locks.push_back(Json{{"relation", lock.relation}, {"mode", lock.mode}});
      failed |= !statement.error.empty();
      statements.push_back(Json{{"file", statement.path},
                                {"line", statement.line},
                                {"revision", statement.revision},
                                {"statement", statement.statement},
                                {"locks", locks},
                                {"rewrote", statement.rewritten},
                                {"error", statement.error}});
    }
    out.document(Json{{"scratch_database", result.scratch}, {"statements", statements}});
    return failed ? 1 : 0;
  }
  for (const auto& statement : result.statements) {
    out.line(fmt::format("{}:{}: {} (revision {})", statement.path, statement.line, statement.statement,
                         out.paint(statement.revision, Style::id)));
    if (!statement.error.empty()) {
      failed = true;
      out.line(fmt::format("  {} {}", out.paint("failed:", Style::error), statement.error));
      continue;
    }
    std::vector<std::string> locks;
    for (const auto& lock : statement.locks) locks.push_back(fmt::format("{} {}", lock.relation, lock.mode));
    out.line(fmt::format("  locks: {}",
                         locks.empty() ? std::string("none on existing relations") : util::join(locks, ", ")));
    if (!statement.rewritten.empty())
      out.line(fmt::format("  {} {}", out.paint("rewrote:", Style::warning), util::join(statement.rewritten, ", ")));
  }
  out.line(
      fmt::format("{} statements traced on scratch database {} (dropped)", result.statements.size(), result.scratch));
  return failed ? 1 : 0;
}

int run(Context& context, const Options& options) {
  auto& out = context.out();
  auto format = lint::Format::text;
  if (!options.format.empty()) {
    const auto parsed = lint::parse_format(options.format);
    if (!parsed)
      throw UsageError(
          ErrorCode::usage,
          fmt::format("--format must be text, json, gcc, gitlab, sarif or github, not \"{}\"", options.format));
    format = *parsed;
  } else if (out.json()) {
    format = lint::Format::json;
  }
  const auto lint_options = cli::lint_options(context, options.request);
  if (options.list_rules) return list_rules(context, lint_options);
  if (options.trace) return run_trace(context, options, lint_options);
  const auto result = run_lint(context, options.request, lint_options);
  switch (format) {
    case lint::Format::text: print_lint_text(out, result); break;
    // `--json` keeps the indented document every command prints; `--format json` is compact, for machines.
    case lint::Format::json:
      if (options.format.empty()) out.document(lint::to_json(result));
      else {
        out.stream([&](std::ostream& stream) { lint::write_json(result, stream); });
        out.raw("\n");
      }
      break;
    case lint::Format::gitlab: out.document(lint::to_gitlab(result)); break;
    case lint::Format::sarif: out.document(lint::to_sarif(result, std::string(version()))); break;
    case lint::Format::gcc: out.raw(lint::to_gcc(result)); break;
    case lint::Format::github: out.raw(lint::to_github(result)); break;
  }
  return result.has_errors() ? 1 : 0;
}

}  // namespace
}  // namespace lint_command

Runner setup_lint(CLI::App& app) {
  auto options = std::make_shared<lint_command::Options>();
  auto& request = options->request;
  app.add_option("targets", request.targets,
                 "revisions (REV), ranges (START:END) or migration files to lint; default: every revision")
      ->type_name("REV|RANGE|FILE");
  app.add_option("--against", request.against, "lint only the revisions that git REF does not have (e.g. origin/main)")
      ->type_name("REF");
  app.add_option("--format", options->format, "text (default), json, gcc, gitlab, sarif or github")
      ->type_name("FORMAT");
  app.add_option("--pg-version", request.pg_version, "target PostgreSQL version (default 15)")->type_name("VERSION");
  app.add_option("--sqlite-version", request.sqlite_version, "target SQLite version (default: the linked SQLite)")
      ->type_name("VERSION");
  app.add_option("--engine", request.engine, "postgres or sqlite (default: the project's database, else postgres)")
      ->type_name("ENGINE");
  app.add_option("-e,--exclude", request.exclude, "turn a rule off (repeatable)")->type_name("RULE");
  app.add_option("-i,--include", request.include, "turn an opt-in rule on (repeatable)")->type_name("RULE");
  app.add_flag("--trace", options->trace,
               "PostgreSQL: run the revisions on a scratch database and report the locks and rewrites each "
               "statement really takes");
  app.add_option("--url", options->url, "the PostgreSQL server for --trace (default: $DATABASE_URL, strata.toml)")
      ->type_name("URL");
  app.add_flag("--list-rules", options->list_rules, "list every rule with its level under this configuration");
  return [options](Context& context) { return lint_command::run(context, *options); };
}

}  // namespace strata::cli::commands
