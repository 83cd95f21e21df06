#include "strata/cli/output.hpp"

namespace strata::cli {

void Output::line(std::string_view text) { m_out << text << '\n'; }

void Output::document(const Json& value) { m_out << value.dump(2) << '\n'; }

void Output::warning(std::string_view text) { m_err << paint("warning:", Style::warning) << ' ' << text << '\n'; }

void Output::error(std::string_view text) { m_err << paint("error:", Style::error) << ' ' << text << '\n'; }

static std::string_view escape_of(Style style) {
  switch (style) {
    case Style::plain: return "";
    case Style::id: return "\x1b[33m";          // yellow, as git prints commit ids
    case Style::mark: return "\x1b[36m";        // cyan for (head), (branchpoint)...
    case Style::warning: return "\x1b[1;33m";   // bold yellow
    case Style::error: return "\x1b[1;31m";     // bold red
    case Style::good: return "\x1b[32m";        // green
  }
  return "";
}

std::string Output::paint(std::string_view text, Style style) const {
  const auto escape = escape_of(style);
  if (!m_color || escape.empty()) return std::string(text);
  std::string painted(escape);
  painted += text;
  painted += "\x1b[0m";
  return painted;
}

}  // namespace strata::cli
