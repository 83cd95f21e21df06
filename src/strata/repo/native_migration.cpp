// parse_native_migration: the `-- key: value` header, then `-- +up` and an optional `-- +down`.
// One pass over the text with string_views; no regex and no allocation per line, because `check` on a
// 10,000-file repository is dominated by this loop.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/repo/migration_file.hpp"
#include "strata/util/edit_distance.hpp"
#include "strata/util/excerpt.hpp"
#include "strata/util/sha256.hpp"

namespace strata::repo {
namespace {

enum class Key { revision, revises, message, created, branch_labels, depends_on, replaces, transaction };

constexpr std::array<std::string_view, 8> k_key_names = {"revision",      "revises",    "message",  "created",
                                                         "branch-labels", "depends-on", "replaces", "transaction"};

constexpr std::string_view k_blank = " \t\r\n";
constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";

std::string_view trim_view(std::string_view text) {
  const auto first = text.find_first_not_of(k_blank);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(k_blank) - first + 1);
}

bool is_key_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// What one line of the file is, as far as the header and the section markers are concerned.
struct LineKind {
  enum { blank, comment, header_key, marker, text } kind = text;
  std::string_view name;   // key or marker word (without '+')
  std::string_view value;  // the key's value, trimmed
};

LineKind classify(std::string_view line) {
  const auto body = trim_view(line);
  if (body.empty()) return {LineKind::blank, {}, {}};
  if (!body.starts_with("--")) return {LineKind::text, {}, {}};
  const auto comment = trim_view(body.substr(2));
  if (comment.size() > 1 && comment[0] == '+') {
    std::size_t end = 1;
    while (end < comment.size() && is_letter(comment[end])) ++end;
    if (end == comment.size()) return {LineKind::marker, comment.substr(1), {}};
  }
  // `-- key: value`: a lower-case word right before the colon. `-- Note: ...` or `-- see: x y` stay comments.
  std::size_t end = 0;
  while (end < comment.size() && is_key_char(comment[end])) ++end;
  if (end > 0 && end < comment.size() && comment[end] == ':' && comment[0] >= 'a' && comment[0] <= 'z')
    return {LineKind::header_key, comment.substr(0, end), trim_view(comment.substr(end + 1))};
  return {LineKind::comment, {}, {}};
}

// The first line of `text` that is not blank, trimmed.
std::string_view first_text_line(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    const auto newline = text.find('\n', offset);
    const auto end = newline == std::string_view::npos ? text.size() : newline + 1;
    const auto line = trim_view(text.substr(offset, end - offset));
    if (!line.empty()) return line;
    offset = end;
  }
  return {};
}

// Ids in a list value are separated by commas, blanks, or both.
std::vector<std::string> split_ids(std::string_view value) {
  std::vector<std::string> ids;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ',' || value[i] == ' ' || value[i] == '\t')) ++i;
    const auto start = i;
    while (i < value.size() && value[i] != ',' && value[i] != ' ' && value[i] != '\t') ++i;
    if (i > start) ids.emplace_back(value.substr(start, i - start));
  }
  return ids;
}

std::string key_list() {
  std::string out;
  for (std::size_t i = 0; i < k_key_names.size(); ++i) {
    if (i) out += ", ";
    out += k_key_names[i];
  }
  return out;
}

class Parser {
public:
  Parser(std::string_view text, std::string_view path) : m_text(text), m_path(path) {}

  MigrationFile parse() {
    // A UTF-8 byte-order mark, as some Windows editors write, is not text before the header.
    std::size_t offset = m_text.starts_with(k_byte_order_mark) ? k_byte_order_mark.size() : 0;
    int line_number = 0;
    while (offset < m_text.size()) {
      const auto newline = m_text.find('\n', offset);
      const auto end = newline == std::string_view::npos ? m_text.size() : newline + 1;
      ++line_number;
      handle_line(m_text.substr(offset, end - offset), offset, end, line_number);
      offset = end;
    }
    return finish(line_number);
  }

private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw RepositoryError(ErrorCode::parse_error, std::string(m_path), line, message);
  }

  void handle_line(std::string_view raw, std::size_t begin, std::size_t end, int line) {
    if (m_up_line == 0) check_header_text(raw, line);
    const auto parsed = classify(raw);
    if (parsed.kind == LineKind::marker) return handle_marker(parsed.name, begin, end, line);
    if (m_up_line != 0) return;  // inside a section: SQL and comments alike are the section's text
    switch (parsed.kind) {
      case LineKind::blank:
      case LineKind::comment: return;
      case LineKind::header_key: return handle_key(parsed.name, parsed.value, line);
      default: break;
    }
    if (m_first_key_line == 0)
      fail(line, "text before the header; a migration file starts with '-- revision: <id>' header lines");
    fail(line, "SQL before the '-- +up' marker; statements belong in the '-- +up' or '-- +down' section");
  }

  // The header is read by people and echoed in messages: printable UTF-8 only. A CR-only file is one long line
  // to this reader, so it gets its own message instead of a quote of the whole file.
  void check_header_text(std::string_view raw, int line) const {
    auto text = raw;
    if (text.ends_with('\n')) text.remove_suffix(1);
    if (text.ends_with('\r')) text.remove_suffix(1);
    const auto bad = util::first_unprintable(text);
    if (!bad) return;
    if (text[*bad] == '\r' && m_text.find('\n') == std::string_view::npos)
      fail(line, "the file's lines end in a carriage return alone; save it with LF (or CRLF) line ends");
    const auto length = util::character_length(text, *bad);
    const auto shown = util::escaped(text.substr(*bad, length));
    if (!util::is_valid_utf8(text.substr(*bad, length)))
      fail(line, fmt::format("bytes that are not UTF-8 ('{}') in the header; save the file as UTF-8", shown));
    fail(line, fmt::format("control character '{}' in the header; header lines hold printable text only", shown));
  }

  void check_ids(const std::vector<std::string>& ids, int line) const {
    for (const auto& id : ids)
      if (const auto problem = graph::revision_id_problem(id)) fail(line, *problem);
  }

  void handle_marker(std::string_view name, std::size_t begin, std::size_t end, int line) {
    if (name == "up") {
      if (m_up_line != 0)
        fail(line,
             fmt::format("a second '-- +up' marker (the first is on line {}); a file has one up section", m_up_line));
      if (m_first_key_line == 0) fail(line, "'-- +up' before the header; the file must start with '-- revision: <id>'");
      m_up_line = line;
      m_up_begin = end;
      return;
    }
    if (name == "down") {
      if (m_down_line != 0)
        fail(line, fmt::format("a second '-- +down' marker (the first is on line {}); a file has at most one down "
                               "section",
                               m_down_line));
      if (m_up_line == 0) fail(line, "'-- +down' before '-- +up'; the up section comes first");
      m_down_line = line;
      m_up_end = begin;
      m_down_begin = end;
      return;
    }
    std::string message = fmt::format("unknown section marker '-- +{}'", util::excerpt(name));
    if (const auto match = util::closest_match(name, {"up", "down"}))
      message += fmt::format("; did you mean '-- +{}'?", *match);
    else message += "; expected '-- +up' or '-- +down'";
    fail(line, message);
  }

  void handle_key(std::string_view name, std::string_view value, int line) {
    std::size_t index = 0;
    while (index < k_key_names.size() && k_key_names[index] != name) ++index;
    if (index == k_key_names.size()) {
      std::string message = fmt::format("unknown header key '{}'", util::excerpt(name));
      if (const auto match = util::closest_match(name, {k_key_names.begin(), k_key_names.end()}))
        message += fmt::format("; did you mean '{}'?", *match);
      else message += fmt::format("; header keys are {}", key_list());
      fail(line, message);
    }
    if (m_key_lines[index] != 0)
      fail(line, fmt::format("header key '{}' given twice (first on line {}); list several values on one line", name,
                             m_key_lines[index]));
    m_key_lines[index] = line;
    if (m_first_key_line == 0) m_first_key_line = line;
    auto& revision = m_file.revision;
    switch (static_cast<Key>(index)) {
      case Key::revision: {
        const auto ids = split_ids(value);
        if (ids.empty()) fail(line, "missing revision id after '-- revision:'");
        if (ids.size() > 1)
          fail(line, fmt::format("expected one revision id after '-- revision:', found '{}'", util::excerpt(value)));
        check_ids(ids, line);
        revision.id = ids.front();
        revision.line = line;
        break;
      }
      case Key::revises:
        revision.revises = split_ids(value);
        check_ids(revision.revises, line);
        break;
      case Key::message: revision.message = value; break;
      case Key::created: m_file.created = value; break;
      case Key::branch_labels: revision.branch_labels = split_ids(value); break;
      case Key::depends_on: revision.depends_on = split_ids(value); break;
      case Key::replaces:
        revision.replaces = split_ids(value);
        check_ids(revision.replaces, line);
        break;
      case Key::transaction:
        if (value == "per-migration") m_file.transaction = TransactionMode::per_migration;
        else if (value == "none") m_file.transaction = TransactionMode::none;
        else fail(line, fmt::format("transaction must be 'per-migration' or 'none', not '{}'", util::excerpt(value)));
        break;
    }
  }

  MigrationFile finish(int last_line) {
    if (m_key_lines[static_cast<std::size_t>(Key::revision)] == 0)
      fail(1, "missing revision id; the header needs a '-- revision: <id>' line");
    if (m_up_line == 0)
      fail(std::max(last_line, 1), "missing '-- +up' marker; expected it after the header, before the SQL");
    m_file.revision.path = m_path;
    m_file.kind = SourceKind::native_sql;
    if (m_down_line == 0) m_up_end = m_text.size();
    m_file.up = SqlSection{std::string(m_text.substr(m_up_begin, m_up_end - m_up_begin)), m_up_line + 1};
    if (m_down_line != 0) {
      m_file.down = SqlSection{std::string(m_text.substr(m_down_begin)), m_down_line + 1};
      m_file.down_no_op = first_text_line(m_file.down->sql) == k_no_op_marker;
    }
    m_file.checksum = util::sha256_hex(m_file.up.sql);
    return std::move(m_file);
  }

  std::string_view m_text;
  std::string_view m_path;
  MigrationFile m_file;
  std::array<int, k_key_names.size()> m_key_lines{};
  int m_first_key_line = 0;
  int m_up_line = 0;
  int m_down_line = 0;
  std::size_t m_up_begin = 0;
  std::size_t m_up_end = 0;
  std::size_t m_down_begin = 0;
};

}  // namespace

MigrationFile parse_native_migration(std::string_view text, std::string_view path) {
  return Parser(text, path).parse();
}

}  // namespace strata::repo
