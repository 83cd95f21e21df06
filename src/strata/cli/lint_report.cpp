#include "strata/cli/lint_report.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/scratch_sqlite.hpp"
#include "strata/graph/plan.hpp"
#include "strata/lint/linter.hpp"
#include "strata/lint/rules.hpp"
#include "strata/repo/file_reader.hpp"
#include "strata/repo/against.hpp"
#include "strata/util/edit_distance.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> known_rule_names() {
  std::vector<std::string> names;
  for (const auto& rule : lint::rule_catalog()) names.emplace_back(rule.id);
  names.emplace_back("require-timeout-settings");
  names.emplace_back("prefer-timestamp-tz");
  return names;
}

std::string unknown_rule(const std::string& name) {
  std::string message = fmt::format("unknown lint rule '{}'", name);
  if (const auto match = util::closest_match(name, known_rule_names()))
    message += fmt::format("; did you mean '{}'?", *match);
  return fmt::format("{} (`strata lint --list-rules` lists them)", message);
}

// Adds the ids `name` stands for to `into`; the error text when it names no rule.
std::optional<std::string> add_rule(const std::string& name, std::set<std::string, std::less<>>& into) {
  const auto ids = lint::expand_rule_name(name);
  if (ids.empty()) return unknown_rule(name);
  for (const auto id : ids) into.emplace(id);
  return std::nullopt;
}

lint::Version version_or_fail(const std::string& text, const std::string& what, const config::Origin* origin) {
  if (const auto version = lint::parse_version(text)) return *version;
  const std::string message = fmt::format("{} must be a version such as \"15\" or \"3.35.0\", not \"{}\"", what, text);
  if (origin) throw ConfigError(ErrorCode::config, fmt::format("{}:{}: {}", origin->file, origin->line, message));
  throw UsageError(ErrorCode::usage, message);
}

std::string at(const config::Origin& origin) { return fmt::format("{}:{}: ", origin.file, origin.line); }

std::optional<lint::SqlEngine> engine_named(const std::string& name) {
  if (name == "postgres" || name == "postgresql") return lint::SqlEngine::postgres;
  if (name == "sqlite") return lint::SqlEngine::sqlite;
  return std::nullopt;
}

}  // namespace

lint::Options lint_options(Context& context, const LintRequest& request) {
  lint::Options options;
  const auto& settings = context.settings();
  if (!settings.file.empty()) {
    const auto& lint = settings.lint;
    for (const auto& rule : lint.excluded_rules)
      if (auto error = add_rule(rule.value, options.excluded))
        throw ConfigError(ErrorCode::config, at(rule.origin) + *error);
    for (const auto& rule : lint.included_rules)
      if (auto error = add_rule(rule.value, options.included))
        throw ConfigError(ErrorCode::config, at(rule.origin) + *error);
    for (const auto& [rule, level] : lint.levels) {
      const auto ids = lint::expand_rule_name(rule.value);
      if (ids.empty()) throw ConfigError(ErrorCode::config, at(rule.origin) + unknown_rule(rule.value));
      const auto value = level.value == "error" ? lint::Level::error
                         : level.value == "off" ? lint::Level::off
                                                : lint::Level::warning;
      for (const auto id : ids) options.levels[std::string(id)] = value;
    }
    if (lint.pg_version)
      options.pg_version = version_or_fail(lint.pg_version->value, "lint.pg_version", &lint.pg_version->origin);
    if (lint.sqlite_version)
      options.sqlite_version =
          version_or_fail(lint.sqlite_version->value, "lint.sqlite_version", &lint.sqlite_version->origin);
    if (lint.engine) options.engine = engine_named(lint.engine->value);
    for (const auto& pattern : lint.excluded_paths) options.excluded_paths.push_back(pattern.value);
    if (!options.engine) {
      // The project's database decides the dialect: the default database, else the first one.
      const config::DatabaseConfig* database = nullptr;
      if (settings.default_database.value) database = settings.find_database(*settings.default_database.value);
      if (!database && !settings.databases.empty()) database = &settings.databases.front();
      if (database && database->url_error.empty())
        options.engine =
            database->url.value.starts_with("sqlite:") ? lint::SqlEngine::sqlite : lint::SqlEngine::postgres;
    }
  }
  for (const auto& rule : request.exclude)
    if (auto error = add_rule(rule, options.excluded))
      throw UsageError(ErrorCode::usage, fmt::format("--exclude: {}", *error));
  for (const auto& rule : request.include)
    if (auto error = add_rule(rule, options.included))
      throw UsageError(ErrorCode::usage, fmt::format("--include: {}", *error));
  if (!request.pg_version.empty()) options.pg_version = version_or_fail(request.pg_version, "--pg-version", nullptr);
  if (!request.sqlite_version.empty())
    options.sqlite_version = version_or_fail(request.sqlite_version, "--sqlite-version", nullptr);
  if (!request.engine.empty()) {
    options.engine = engine_named(request.engine);
    if (!options.engine)
      throw UsageError(ErrorCode::usage,
                       fmt::format("--engine must be \"postgres\" or \"sqlite\", not \"{}\"", request.engine));
  }
  if (options.sqlite_version == lint::Version{})
    options.sqlite_version = lint::parse_version(db::ScratchSqlite::library_version()).value_or(lint::Version{3, 0, 0});
  return options;
}

LintSelection select_for_lint(Context& context, const LintRequest& request, const lint::Options& options) {
  LintSelection selection;
  std::vector<std::string> files;
  std::vector<std::string> revision_targets;
  for (const auto& target : request.targets) {
    std::error_code error;
    const fs::path path = fs::path(target).is_absolute() ? fs::path(target) : context.invocation().cwd / target;
    if (fs::is_regular_file(path, error)) files.push_back(target);
    else revision_targets.push_back(target);
  }
  if (files.size() == request.targets.size() && !files.empty() && request.against.empty()) {
    // Only files: the repository is optional (a file outside any project is linted on its own).
    try {
      selection.repository = &context.repository();
    } catch (const UsageError&) {
      selection.repository = nullptr;
    }
  } else {
    selection.repository = &context.repository();
  }
  if (!selection.repository) {
    selection.standalone = files;
    return selection;
  }
  const auto& repository = *selection.repository;
  const auto& graph = repository.graph();
  std::set<graph::RevIndex> chosen;
  // Files given by path: a revision of the repository when it is one (so its ancestors count), else on its own.
  for (const auto& file : files) {
    std::error_code error;
    const fs::path path = fs::path(file).is_absolute() ? fs::path(file) : context.invocation().cwd / file;
    const auto wanted = fs::weakly_canonical(path, error);
    bool found = false;
    for (graph::RevIndex i = 0; i < graph.size() && !found; ++i) {
      const fs::path shown = repository.file(i).revision.path;
      if (fs::weakly_canonical(shown.is_absolute() ? shown : context.invocation().cwd / shown, error) == wanted) {
        chosen.insert(i);
        found = true;
      }
    }
    if (!found) selection.standalone.push_back(file);
  }
  for (const auto& target : revision_targets) {
    const auto revisions =
        target.find(':') != std::string::npos ? graph::history(graph, target) : graph::resolve(graph, target);
    chosen.insert(revisions.begin(), revisions.end());
  }
  if (request.targets.empty()) {
    std::optional<std::set<std::string>> at_ref;
    if (!request.against.empty()) {
      // The same reading of REF as `check --against`: every revision that parses there counts as already merged.
      const auto ref =
          repo::read_at_ref({repository.version_dirs(), repository.layouts(), context.invocation().cwd},
                            request.against, context.repository_options().alembic_names, &repository.files());
      at_ref.emplace();
      for (const auto& file : ref.at_ref) at_ref->insert(file.revision.id);
    }
    for (graph::RevIndex i = 0; i < graph.size(); ++i)
      if (!at_ref || !at_ref->contains(graph.id(i))) chosen.insert(i);
  }
  // [lint] excluded_paths: matched against the path as shown and relative to the project folder.
  const auto& settings = context.settings();
  for (auto it = chosen.begin(); it != chosen.end() && !options.excluded_paths.empty();) {
    const std::string shown = repository.file(*it).revision.path;
    std::string relative = shown;
    if (!settings.file.empty()) {
      std::error_code error;
      const auto full = fs::weakly_canonical(context.invocation().cwd / shown, error);
      relative = fs::relative(full, fs::weakly_canonical(settings.root, error), error).generic_string();
    }
    const bool skip = std::any_of(options.excluded_paths.begin(), options.excluded_paths.end(), [&](const auto& glob) {
      return lint::glob_match(glob, shown) || lint::glob_match(glob, relative);
    });
    it = skip ? chosen.erase(it) : std::next(it);
  }
  selection.revisions.assign(chosen.begin(), chosen.end());
  return selection;
}

lint::LintResult run_lint(Context& context, const LintRequest& request, const lint::Options& options) {
  const auto selection = select_for_lint(context, request, options);
  lint::LintResult result;
  if (selection.repository)
    result = lint::lint_repository(*selection.repository, selection.revisions, !request.against.empty(), options);
  for (const auto& file : selection.standalone) {
    const fs::path path = fs::path(file).is_absolute() ? fs::path(file) : context.invocation().cwd / file;
    repo::FileReader reader;
    const std::string text(reader.read(path.string(), file));
    auto one = lint::lint_file(text, file, options);
    result.files += one.files;
    result.statements += one.statements;
    for (auto& finding : one.findings) result.findings.push_back(std::move(finding));
  }
  return result;
}

void print_lint_text(Output& out, const lint::LintResult& result) {
  std::size_t errors = 0;
  for (const auto& finding : result.findings) {
    const bool error = finding.level == lint::Level::error;
    errors += error;
    std::string head = fmt::format("{}:{}:{}: {}: {}", finding.path, finding.line, finding.column,
                                   out.paint(error ? "error" : "warning", error ? Style::error : Style::warning),
                                   out.paint(finding.rule, Style::mark));
    if (!finding.revision.empty()) head += fmt::format(" (revision {})", out.paint(finding.revision, Style::id));
    out.line(head);
    if (!finding.source.empty()) {
      const int last = finding.first_source_line + static_cast<int>(finding.source.size()) - 1;
      const auto width = std::to_string(last).size();
      for (std::size_t i = 0; i < finding.source.size(); ++i) {
        const int number = finding.first_source_line + static_cast<int>(i);
        out.line(fmt::format(" {:>{}} | {}", number, width, finding.source[i]));
        if (number != finding.line) continue;
        const auto& source = finding.source[i];
        const auto start = static_cast<std::size_t>(std::max(finding.column, 1) - 1);
        std::size_t stop = source.size();
        if (finding.end_line == finding.line)
          stop = std::min(stop, static_cast<std::size_t>(std::max(finding.end_column, 1) - 1));
        std::string marker(start, ' ');
        for (std::size_t c = 0; c < start && c < source.size(); ++c)
          if (source[c] == '\t') marker[c] = '\t';
        marker += std::string(std::max<std::size_t>(stop > start ? stop - start : 1, 1), '^');
        out.line(fmt::format(" {:{}} | {}", "", width, out.paint(marker, error ? Style::error : Style::warning)));
      }
    }
    out.line(fmt::format("  {}", finding.message));
    if (!finding.help.empty()) out.line(fmt::format("  {} {}", out.paint("help:", Style::good), finding.help));
    out.line();
  }
  using util::counted;
  const auto files = counted(result.files, "file");
  const auto statements = counted(result.statements, "statement");
  if (result.findings.empty()) {
    out.line(fmt::format("{} in {} ({})", out.paint("no findings", Style::good), files, statements));
    return;
  }
  const auto warnings = result.findings.size() - errors;
  out.line(fmt::format("{} ({}, {}) in {} ({})", counted(result.findings.size(), "finding"), counted(errors, "error"),
                       counted(warnings, "warning"), files, statements));
}

}  // namespace strata::cli
