#include "strata/lint/ignores.hpp"

#include <optional>

#include "strata/util/strings.hpp"

namespace strata::lint {

std::optional<Directive> parse_directive(std::string_view comment) {
  std::string_view body = comment;
  if (body.starts_with("--")) body.remove_prefix(2);
  else if (body.starts_with("/*")) {
    body.remove_prefix(2);
    if (body.ends_with("*/")) body.remove_suffix(2);
  } else {
    return std::nullopt;
  }
  body = util::trim(body);
  Directive directive;
  std::string_view rest;
  for (const std::string_view tool : {"strata-", "squawk-"}) {
    if (!body.starts_with(tool)) continue;
    const auto after = body.substr(tool.size());
    if (after.starts_with("ignore-file")) {
      directive.file_wide = true;
      rest = after.substr(11);
    } else if (after.starts_with("ignore")) {
      rest = after.substr(6);
    } else {
      return std::nullopt;
    }
    if (!rest.empty() && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ',') return std::nullopt;
    if (const auto reason = rest.find("--"); reason != std::string_view::npos) rest = rest.substr(0, reason);
    std::string word;
    for (const char c : rest) {
      if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (!word.empty()) directive.rules.push_back(std::move(word));
        word.clear();
      } else {
        word += c;
      }
    }
    if (!word.empty()) directive.rules.push_back(std::move(word));
    directive.used.assign(directive.rules.empty() ? 1 : directive.rules.size(), false);
    return directive;
  }
  return std::nullopt;
}

std::vector<std::pair<std::size_t, std::size_t>> comments_between(std::string_view sql,
                                                                  const std::vector<std::size_t>& statement_begins,
                                                                  const std::vector<std::size_t>& statement_ends) {
  std::vector<std::pair<std::size_t, std::size_t>> comments;
  std::size_t gap_begin = 0;
  for (std::size_t i = 0; i <= statement_begins.size(); ++i) {
    const std::size_t gap_end = i < statement_begins.size() ? statement_begins[i] : sql.size();
    std::size_t pos = gap_begin;
    while (pos < gap_end) {
      if (sql.compare(pos, 2, "--") == 0) {
        auto end = sql.find('\n', pos);
        if (end == std::string_view::npos || end > gap_end) end = gap_end;
        comments.emplace_back(pos, end);
        pos = end;
      } else if (sql.compare(pos, 2, "/*") == 0) {
        auto end = sql.find("*/", pos + 2);
        end = end == std::string_view::npos ? gap_end : std::min(end + 2, gap_end);
        comments.emplace_back(pos, end);
        pos = end;
      } else {
        ++pos;
      }
    }
    if (i < statement_ends.size()) gap_begin = statement_ends[i];
  }
  return comments;
}

}  // namespace strata::lint
