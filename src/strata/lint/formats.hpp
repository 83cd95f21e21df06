#pragma once
// The machine formats of a lint result: strata's JSON, gcc-style lines, GitHub Actions annotations, GitLab Code
// Quality, and SARIF 2.1.0. Every one carries file, line, column, rule and revision. The text format, which uses
// the terminal's colours, is the CLI's.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "strata/lint/finding.hpp"

namespace strata::lint {

enum class Format { text, json, gcc, gitlab, sarif, github };

// "text", "json", ...; nullopt for an unknown name.
std::optional<Format> parse_format(std::string_view name);

nlohmann::ordered_json to_json(const LintResult& result);
// to_json(result).dump(), written to `out` without building the whole document first.
void write_json(const LintResult& result, std::ostream& out);
std::string to_gcc(const LintResult& result);
std::string to_github(const LintResult& result);
nlohmann::ordered_json to_gitlab(const LintResult& result);
nlohmann::ordered_json to_sarif(const LintResult& result, std::string_view tool_version);

}  // namespace strata::lint
