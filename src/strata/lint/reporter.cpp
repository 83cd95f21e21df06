#include "strata/lint/reporter.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "strata/db/statement.hpp"
#include "strata/lint/rules.hpp"
#include "strata/util/edit_distance.hpp"

namespace strata::lint {

namespace {

constexpr std::size_t k_max_source_lines = 8;

int file_line(const repo::SqlSection& section, std::size_t offset) {
  return section.first_line + db::line_at(section.sql, offset) - 1;
}

int column_at(std::string_view sql, std::size_t offset) {
  const auto newline = offset == 0 ? std::string_view::npos : sql.rfind('\n', offset - 1);
  return static_cast<int>(offset - (newline == std::string_view::npos ? 0 : newline + 1)) + 1;
}

bool names(const std::string& written, std::string_view rule) {
  for (const auto id : expand_rule_name(written))
    if (id == rule) return true;
  return false;
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const auto& rule : rule_catalog()) ids.emplace_back(rule.id);
  ids.emplace_back("require-timeout-settings");
  return ids;
}

}  // namespace

Unit unit_of(const repo::MigrationFile& file) {
  Unit unit;
  unit.path = file.revision.path;
  unit.revision = file.revision.id;
  unit.header_line = file.revision.line;
  unit.per_migration = file.transaction == repo::TransactionMode::per_migration;
  if (file.kind == repo::SourceKind::native_sql) {
    unit.up = &file.up;
    if (file.down) unit.down = &*file.down;
  }
  return unit;
}

Finding Reporter::make(std::string_view rule, const repo::SqlSection* section, std::string_view section_name,
                       std::size_t offset, Span statement, std::string message, std::string help) const {
  Finding finding;
  finding.rule = std::string(rule);
  finding.level = m_options.level_of(rule);
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.path = m_unit.path;
  finding.revision = m_unit.revision;
  finding.section = std::string(section_name);
  if (!section) {
    finding.line = finding.end_line = std::max(m_unit.header_line, 1);
    finding.column = finding.end_column = 1;
    return finding;
  }
  const std::string_view sql = section->sql;
  offset = std::min(offset, sql.size());
  const auto begin = std::min(statement.begin, offset);
  const auto end = std::clamp(statement.end, offset, sql.size());
  finding.line = file_line(*section, offset);
  finding.column = column_at(sql, offset);
  finding.end_line = file_line(*section, end);
  finding.end_column = column_at(sql, end);
  // The statement's lines, from its first line to its last (capped), for the text format.
  const auto newline = begin == 0 ? std::string_view::npos : sql.rfind('\n', begin - 1);
  std::size_t pos = newline == std::string_view::npos ? 0 : newline + 1;
  finding.first_source_line = file_line(*section, pos);
  while (pos <= end && pos < sql.size() && finding.source.size() < k_max_source_lines) {
    auto line_end = sql.find('\n', pos);
    if (line_end == std::string_view::npos) line_end = sql.size();
    finding.source.emplace_back(sql.substr(pos, line_end - pos));
    pos = line_end + 1;
  }
  return finding;
}

SectionDirectives directives_of(const repo::SqlSection& section, std::string_view name,
                                const std::vector<std::pair<std::size_t, std::size_t>>& comments,
                                const std::vector<Span>& statements) {
  SectionDirectives result{&section, name, {}};
  for (const auto& [begin, end] : comments) {
    auto directive = parse_directive(std::string_view(section.sql).substr(begin, end - begin));
    if (!directive) continue;
    directive->offset = begin;
    const auto next =
        std::find_if(statements.begin(), statements.end(), [end = end](const Span& span) { return span.begin >= end; });
    directive->applies = next != statements.end();
    directive->statement = static_cast<std::size_t>(next - statements.begin());
    result.directives.push_back(std::move(*directive));
  }
  return result;
}

void finish_unit(const Reporter& reporter, std::vector<Finding> findings, const std::vector<std::size_t>& statement_of,
                 std::vector<SectionDirectives> directives, std::vector<Finding>& out) {
  std::vector<Finding> kept;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    auto& finding = findings[i];
    if (finding.level == Level::off) continue;
    bool ignored = false;
    for (auto& section : directives)
      for (auto& directive : section.directives) {
        const bool here = directive.file_wide || (directive.applies && section.name == finding.section &&
                                                  i < statement_of.size() && directive.statement == statement_of[i]);
        if (!here) continue;
        if (directive.rules.empty()) {
          directive.used[0] = true;
          ignored = true;
          continue;
        }
        for (std::size_t r = 0; r < directive.rules.size(); ++r)
          if (names(directive.rules[r], finding.rule)) {
            directive.used[r] = true;
            ignored = true;
          }
      }
    if (!ignored) kept.push_back(std::move(finding));
  }
  if (reporter.options().level_of("unused-ignore") != Level::off) {
    for (const auto& section : directives)
      for (const auto& directive : section.directives) {
        auto add = [&](std::string message, std::string help) {
          kept.push_back(reporter.make("unused-ignore", section.section, section.name, directive.offset,
                                       Span{directive.offset, directive.offset}, std::move(message), std::move(help)));
        };
        const std::string kind = directive.file_wide ? "ignore-file" : "ignore";
        if (directive.rules.empty()) {
          if (!directive.used[0]) add(fmt::format("this {} directive matched no finding", kind), "remove the comment");
          continue;
        }
        for (std::size_t r = 0; r < directive.rules.size(); ++r) {
          if (directive.used[r]) continue;
          const auto& rule = directive.rules[r];
          if (expand_rule_name(rule).empty()) {
            std::string message = fmt::format("unknown rule '{}' in an ignore directive", rule);
            if (const auto match = util::closest_match(rule, rule_ids()))
              message += fmt::format("; did you mean '{}'?", *match);
            add(message, "use a rule id listed by `strata lint --list-rules`");
          } else {
            add(fmt::format("'{}' is ignored here but reported nothing {}", rule,
                            directive.file_wide ? "in this file" : "in the next statement"),
                fmt::format("remove '{}' from the directive", rule));
          }
        }
      }
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  for (auto& finding : kept) out.push_back(std::move(finding));
}

}  // namespace strata::lint
