#pragma once
// What `strata lint` and `strata check --lint` share: the options from strata.toml [lint] and the command line,
// the selection of revisions, and the text report.
#include <optional>
#include <string>
#include <vector>

#include "strata/cli/context.hpp"
#include "strata/lint/finding.hpp"
#include "strata/lint/options.hpp"

namespace strata::cli {

struct LintRequest {
  std::vector<std::string> targets;  // REV, RANGE (with ':') or FILE; empty: every revision (or those not in --against)
  std::string against;               // a git ref; empty: none
  std::string pg_version;            // --pg-version (empty: [lint] pg_version, else 15)
  std::string sqlite_version;        // --sqlite-version (empty: [lint] sqlite_version, else the linked SQLite)
  std::string engine;                // --engine (empty: [lint] engine, else the project's database, else postgres)
  std::vector<std::string> exclude;  // --exclude RULE
  std::vector<std::string> include;  // --include RULE
};

// strata.toml's [lint] overlaid with the request. Unknown rule names are a ConfigError at their strata.toml line,
// or a UsageError for the command line.
lint::Options lint_options(Context& context, const LintRequest& request);

// What a request selects: revisions of the repository, and files outside it (linted on their own).
struct LintSelection {
  const repo::Repository* repository = nullptr;  // null when only files outside any project were named
  std::vector<graph::RevIndex> revisions;
  std::vector<std::string> standalone;
};
LintSelection select_for_lint(Context& context, const LintRequest& request, const lint::Options& options);

lint::LintResult run_lint(Context& context, const LintRequest& request, const lint::Options& options);

// The human report: each finding with the statement's lines and its span marked, then a summary line.
void print_lint_text(Output& out, const lint::LintResult& result);

}  // namespace strata::cli
