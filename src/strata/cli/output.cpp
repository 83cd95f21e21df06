#include "strata/cli/output.hpp"

#include "strata/util/excerpt.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli {

Json error_body(ErrorCode code, std::string_view message, const ErrorFields& fields) {
  Json body{{"code", std::string(to_string(code))}, {"message", std::string(message)}};
  if (!fields.revision.empty()) body["revision"] = fields.revision;
  if (fields.direction) body["direction"] = *fields.direction == Direction::up ? "up" : "down";
  if (!fields.path.empty()) body["path"] = fields.path;
  if (fields.line > 0) body["line"] = fields.line;
  if (!fields.database.empty()) body["database"] = fields.database;
  if (!fields.sqlstate.empty()) body["sqlstate"] = fields.sqlstate;
  if (!fields.revisions.empty()) body["revisions"] = fields.revisions;
  return body;
}

Json error_body(const Error& error) { return error_body(error.code(), error.what(), error.fields()); }

std::string json_text(const Json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::detail::error_handler_t::replace);
}

void Output::line(std::string_view text) { m_out << text << '\n'; }

void Output::document(const Json& value) {
  // Straight to the stream: a large document (the schema of thousands of objects) is not built as one string first.
  nlohmann::detail::serializer<Json> serializer(nlohmann::detail::output_adapter<char>(m_out), ' ',
                                                nlohmann::detail::error_handler_t::replace);
  serializer.dump(value, true, false, 2);
  m_out << '\n';
}

void Output::event(const Json& value) {
  m_out << json_text(value) << '\n';
  m_out.flush();
}

void Output::raw(std::string_view text) { m_out << text; }

void Output::stream(const std::function<void(std::ostream&)>& write) { write(m_out); }

void Output::redraw(std::string_view text) {
  m_out << '\r' << text << "\x1b[K";
  m_out.flush();
}

void Output::end_redraw() { m_out << '\n'; }

void Output::warning(std::string_view text) { to_stderr("warning:", Style::warning, text); }

void Output::error(std::string_view text) { to_stderr("error:", Style::error, text); }

namespace {

std::string_view escape_of(Style style) {
  switch (style) {
    case Style::plain: return "";
    case Style::id: return "\x1b[33m";         // yellow, as git prints commit ids
    case Style::mark: return "\x1b[36m";       // cyan for (head), (branchpoint)...
    case Style::warning: return "\x1b[1;33m";  // bold yellow
    case Style::error: return "\x1b[1;31m";    // bold red
    case Style::good: return "\x1b[32m";       // green
  }
  return "";
}

std::string painted(std::string_view text, Style style, bool color) {
  const auto escape = escape_of(style);
  if (!color || escape.empty()) return std::string(text);
  std::string result(escape);
  result += text;
  result += "\x1b[0m";
  return result;
}

}  // namespace

void Output::to_stderr(std::string_view label, Style style, std::string_view text) {
  // Messages span lines on purpose (a list of problems); every line is escaped on its own.
  std::string safe;
  for (const auto& line : util::split(text, '\n')) {
    safe += util::escaped(line);
    safe += '\n';
  }
  safe.pop_back();
  m_err << painted(label, style, m_err_color) << ' ' << safe << '\n';
}

std::string Output::paint(std::string_view text, Style style) const { return painted(text, style, m_out_color); }

}  // namespace strata::cli
