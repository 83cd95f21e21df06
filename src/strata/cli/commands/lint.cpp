// strata lint [REV | RANGE | FILE...]: PostgreSQL rules (squawk's, by libpg_query) or SQLite rules (by SQLite
// itself), and strata's own rules about down sections and re-runnable `transaction: none` migrations. Exit 1 when
// a finding at level error remains.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/lint_report.hpp"
#include "strata/core/error.hpp"
#include "strata/lint/formats.hpp"
#include "strata/lint/rules.hpp"

namespace strata::cli::commands {

namespace {

struct Options {
  LintRequest request;
  std::string format;
  bool list_rules = false;
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
    out.line(id + " " + level + engine + std::string(rule.summary));
  }
  return 0;
}

int run(Context& context, const Options& options) {
  auto& out = context.out();
  auto format = lint::Format::text;
  if (!options.format.empty()) {
    const auto parsed = lint::parse_format(options.format);
    if (!parsed)
      throw UsageError("--format must be text, json, gcc, gitlab, sarif or github, not \"" + options.format + "\"");
    format = *parsed;
  } else if (out.json()) {
    format = lint::Format::json;
  }
  const auto lint_options = cli::lint_options(context, options.request);
  if (options.list_rules) return list_rules(context, lint_options);
  const auto result = run_lint(context, options.request, lint_options);
  switch (format) {
    case lint::Format::text: print_lint_text(out, result); break;
    case lint::Format::json: out.document(lint::to_json(result)); break;
    case lint::Format::gitlab: out.document(lint::to_gitlab(result)); break;
    case lint::Format::sarif: out.document(lint::to_sarif(result, STRATA_VERSION)); break;
    case lint::Format::gcc: context.invocation().out << lint::to_gcc(result); break;
    case lint::Format::github: context.invocation().out << lint::to_github(result); break;
  }
  return result.has_errors() ? 1 : 0;
}

}  // namespace

Runner setup_lint(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto& request = options->request;
  app.add_option("targets", request.targets,
                 "revisions (REV), ranges (START:END) or migration files to lint; default: every revision")
      ->type_name("REV|RANGE|FILE");
  app.add_option("--against", request.against,
                 "lint only the revisions that git REF does not have (e.g. origin/main)")
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
  app.add_flag("--list-rules", options->list_rules, "list every rule with its level under this configuration");
  return [options](Context& context) { return run(context, *options); };
}

}  // namespace strata::cli::commands
