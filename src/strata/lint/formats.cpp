#include "strata/lint/formats.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "strata/lint/rules.hpp"
#include "strata/util/sha256.hpp"

namespace strata::lint {

namespace {

using Json = nlohmann::ordered_json;

std::string revision_note(const Finding& finding) {
  return finding.revision.empty() ? std::string{} : fmt::format(" (revision {})", finding.revision);
}

// GitHub workflow commands: data escapes %, CR and LF; property values also ':' and ','.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  static const std::map<std::string_view, Format> formats{{"text", Format::text},   {"json", Format::json},
                                                          {"gcc", Format::gcc},     {"gitlab", Format::gitlab},
                                                          {"sarif", Format::sarif}, {"github", Format::github}};
  const auto found = formats.find(name);
  if (found == formats.end()) return std::nullopt;
  return found->second;
}

namespace {

Json finding_json(const Finding& finding) {
  // Built member by member rather than from an initializer list, which copies every value once more.
  auto object = Json::object();
  object.emplace("file", finding.path);
  object.emplace("line", finding.line);
  object.emplace("column", finding.column);
  object.emplace("end_line", finding.end_line);
  object.emplace("end_column", finding.end_column);
  object.emplace("rule", finding.rule);
  object.emplace("level", level_name(finding.level));
  object.emplace("message", finding.message);
  object.emplace("help", finding.help);
  object.emplace("revision", finding.revision);
  object.emplace("section", finding.section);
  return object;
}

// The document without its findings, which go last.
Json summary_json(const LintResult& result) {
  const auto errors = static_cast<std::size_t>(std::count_if(result.findings.begin(), result.findings.end(),
                                                             [](const Finding& f) { return f.level == Level::error; }));
  auto document = Json::object();
  document.emplace("ok", errors == 0);
  document.emplace("files", result.files);
  document.emplace("statements", result.statements);
  document.emplace("errors", errors);
  document.emplace("warnings", result.findings.size() - errors);
  return document;
}

}  // namespace

Json to_json(const LintResult& result) {
  auto findings = Json::array();
  findings.get_ref<Json::array_t&>().reserve(result.findings.size());
  for (const auto& finding : result.findings) findings.push_back(finding_json(finding));
  auto document = summary_json(result);
  document.emplace("findings", std::move(findings));
  return document;
}

void write_json(const LintResult& result, std::ostream& out) {
  // The same document as to_json(result).dump(), written one finding at a time: a large corpus has thousands of
  // findings, and the whole document in memory at once costs more than linting them.
  auto summary = summary_json(result).dump();
  summary.pop_back();  // the closing brace; the findings come before it
  out << summary << ",\"findings\":[";
  for (std::size_t i = 0; i < result.findings.size(); ++i)
    out << (i ? "," : "") << finding_json(result.findings[i]).dump();
  out << "]}";
}

std::string to_gcc(const LintResult& result) {
  std::string out;
  for (const auto& finding : result.findings)
    out += fmt::format("{}:{}:{}: {}: {} [{}]{}\n", finding.path, finding.line, finding.column,
                       level_name(finding.level), finding.message, finding.rule, revision_note(finding));
  return out;
}

std::string to_github(const LintResult& result) {
  std::string out;
  for (const auto& finding : result.findings) {
    out += fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}",
                       finding.level == Level::error ? "error" : "warning", github_escape(finding.path, true),
                       finding.line, finding.column, finding.end_line, finding.end_column,
                       github_escape(finding.rule, true));
    std::string message = finding.message + revision_note(finding);
    if (!finding.help.empty()) message += fmt::format("\nhelp: {}", finding.help);
    out += fmt::format("::{}\n", github_escape(message, false));
  }
  return out;
}

Json to_gitlab(const LintResult& result) {
  auto issues = Json::array();
  for (const auto& finding : result.findings) {
    const auto fingerprint = util::sha256_hex(
        fmt::format("{}\n{}\n{}\n{}\n{}", finding.path, finding.rule, finding.line, finding.column, finding.message));
    issues.push_back(Json{{"description", finding.message + revision_note(finding)},
                          {"check_name", finding.rule},
                          {"fingerprint", fingerprint},
                          {"severity", finding.level == Level::error ? "major" : "minor"},
                          {"location", Json{{"path", finding.path},
                                            {"lines", Json{{"begin", finding.line}, {"end", finding.end_line}}}}}});
  }
  return issues;
}

Json to_sarif(const LintResult& result, std::string_view tool_version) {
  auto rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const auto& rule : rule_catalog()) {
    rule_index.emplace(std::string(rule.id), rules.size());
    rules.push_back(Json{{"id", rule.id},
                         {"shortDescription", Json{{"text", rule.summary}}},
                         {"defaultConfiguration", Json{{"level", rule.level == Level::error ? "error" : "warning"}}}});
  }
  auto results = Json::array();
  for (const auto& finding : result.findings) {
    Json entry{{"ruleId", finding.rule}};
    if (const auto found = rule_index.find(finding.rule); found != rule_index.end()) entry["ruleIndex"] = found->second;
    entry["level"] = finding.level == Level::error ? "error" : "warning";
    std::string text = finding.message;
    if (!finding.help.empty()) text += fmt::format("\nhelp: {}", finding.help);
    entry["message"] = Json{{"text", text}};
    entry["locations"] = Json::array(
        {Json{{"physicalLocation",
               Json{{"artifactLocation", Json{{"uri", finding.path}}},
                    {"region", Json{{"startLine", finding.line},
                                    {"startColumn", finding.column},
                                    {"endLine", std::max(finding.end_line, finding.line)},
                                    {"endColumn", finding.end_line > finding.line
                                                      ? std::max(finding.end_column, 1)
                                                      : std::max(finding.end_column, finding.column)}}}}}}});
    entry["properties"] = Json{{"revision", finding.revision}, {"section", finding.section}};
    results.push_back(std::move(entry));
  }
  return Json{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", Json::array({Json{
                   {"tool", Json{{"driver", Json{{"name", "strata"}, {"version", tool_version}, {"rules", rules}}}}},
                   {"results", results}}})}};
}

}  // namespace strata::lint
