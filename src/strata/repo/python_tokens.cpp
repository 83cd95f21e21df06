// scan_module: one pass over the source, character by character. Tokens of indented statements are produced
// (strings must be skipped correctly) but not kept, so a long upgrade() body costs no allocation.
#include "strata/repo/python_tokens.hpp"

#include <string>

#include <fmt/format.h>

#include "strata/core/error.hpp"

namespace strata::repo::python {
namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_prefix_char(char c) {
  switch (c) {
    case 'r':
    case 'R':
    case 'b':
    case 'B':
    case 'u':
    case 'U':
    case 'f':
    case 'F': return true;
    default: return false;
  }
}

class Scanner {
public:
  // Python ignores a UTF-8 byte-order mark at the start of a module.
  Scanner(std::string_view text, std::string_view path)
      : m_text(text), m_path(path), m_pos(text.starts_with("\xEF\xBB\xBF") ? 3 : 0) {}

  Module run() {
    // Python reads a lone CR as a line end; this scanner does not, so such a file is refused rather than misread.
    if (m_text.find('\r') != std::string_view::npos && m_text.find('\n') == std::string_view::npos)
      fail(1, "the file's lines end in a carriage return alone; save it with LF (or CRLF) line ends");
    while (m_pos < m_text.size()) {
      if (m_at_line_start) {
        start_logical_line();
        continue;
      }
      step();
    }
    if (!m_brackets.empty())
      fail(m_brackets.back().line, fmt::format("'{}' is never closed", m_brackets.back().symbol));
    end_logical_line();
    return std::move(m_module);
  }

private:
  struct OpenBracket {
    char symbol;
    int line;
  };
  struct Block {
    std::size_t column;
    bool function;  // a def or class body, or inside one
  };

  [[noreturn]] void fail(int line, const std::string& message) const {
    throw RepositoryError(ErrorCode::parse_error, std::string(m_path), line, message);
  }

  char peek(std::size_t ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }

  // At the start of a physical line outside brackets: skip blank and comment-only lines, note the indentation and
  // whether the line is in a function or class body (skipped, but for `global`) or in a module-level block.
  void start_logical_line() {
    std::size_t column = 0;
    while (peek() == ' ' || peek() == '\t' || peek() == '\f') ++m_pos, ++column;
    const char c = peek();
    if (c == '\n' || c == '\r' || c == '#') {
      while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
      if (m_pos < m_text.size()) ++m_pos, ++m_line;
      return;
    }
    m_at_line_start = false;
    if (column == 0) {
      m_blocks.clear();
    } else if (m_blocks.empty() || column > m_blocks.back().column) {
      const bool outer_function = !m_blocks.empty() && m_blocks.back().function;
      m_blocks.push_back({column, outer_function || m_opens_function});
    } else {
      while (m_blocks.size() > 1 && m_blocks.back().column > column) m_blocks.pop_back();
    }
    m_in_function = !m_blocks.empty() && m_blocks.back().function;
    m_skipping = m_in_function && !starts_global_statement();
    m_opens_function = false;
    m_first_of_line = true;
    start_statement();
  }

  bool starts_global_statement() const { return m_text.substr(m_pos).starts_with("global") && !is_name_char(peek(6)); }

  void start_statement() { m_current = Statement{m_module.tokens.size(), 0, m_line, !m_blocks.empty(), m_in_function}; }

  void end_logical_line() {
    end_statement();
    m_at_line_start = true;
  }

  void end_statement() {
    if (!m_skipping && m_current.count > 0) m_module.statements.push_back(m_current);
    start_statement();
  }

  void emit(Token::Kind kind, std::size_t begin, int line) {
    if (m_first_of_line) {
      // A `def` or `class` line opens a body in its own namespace (decorators stand on lines of their own).
      const auto word = m_text.substr(begin, m_pos - begin);
      m_opens_function = kind == Token::Kind::name && (word == "def" || word == "class" || word == "async");
      m_first_of_line = false;
    }
    if (m_skipping) return;
    if (m_current.count++ == 0) m_current.line = line;
    m_module.tokens.push_back(
        Token{kind, m_text.substr(begin, m_pos - begin), line, static_cast<int>(m_brackets.size())});
  }

  void step() {
    if (m_skipping && skip_plain_text()) return;
    const char c = peek();
    const std::size_t begin = m_pos;
    const int line = m_line;
    if (c == '\n') {
      ++m_pos, ++m_line;
      if (m_brackets.empty()) end_logical_line();
      return;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f') return void(++m_pos);
    if (c == '#') {
      while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
      return;
    }
    if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
      m_pos += peek(1) == '\n' ? 2 : 3;
      ++m_line;
      return;
    }
    if (c == '"' || c == '\'') return scan_string(begin);
    if (is_name_start(c)) {
      std::size_t prefix = 0;
      while (prefix < 2 && is_prefix_char(peek(prefix))) ++prefix;
      for (std::size_t length = 1; length <= prefix; ++length)
        if (peek(length) == '"' || peek(length) == '\'') {
          m_pos += length;
          return scan_string(begin);
        }
      while (m_pos < m_text.size() && is_name_char(m_text[m_pos])) ++m_pos;
      return emit(Token::Kind::name, begin, line);
    }
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
      while (m_pos < m_text.size() && (is_name_char(m_text[m_pos]) || m_text[m_pos] == '.' ||
                                       ((m_text[m_pos] == '+' || m_text[m_pos] == '-') &&
                                        (m_text[m_pos - 1] == 'e' || m_text[m_pos - 1] == 'E'))))
        ++m_pos;
      return emit(Token::Kind::number, begin, line);
    }
    if (c == '(' || c == '[' || c == '{') {
      ++m_pos;
      emit(Token::Kind::op, begin, line);
      m_brackets.push_back({c, line});
      return;
    }
    if (c == ')' || c == ']' || c == '}') {
      const char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (m_brackets.empty()) fail(line, fmt::format("unmatched '{}'", c));
      if (m_brackets.back().symbol != expected)
        fail(line, fmt::format("'{}' does not close '{}' opened on line {}", c, m_brackets.back().symbol,
                               m_brackets.back().line));
      m_brackets.pop_back();
      ++m_pos;
      return emit(Token::Kind::op, begin, line);
    }
    if (c == ';' && m_brackets.empty()) {
      ++m_pos;
      return end_statement();
    }
    scan_operator();
    emit(Token::Kind::op, begin, line);
  }

  // Inside a body only strings, comments, brackets, line ends and continuations matter: skip the rest in a
  // tight loop (bodies are most of an Alembic file). Returns true at the end of the text.
  bool skip_plain_text() {
    while (m_pos < m_text.size() && !is_structural(m_text[m_pos])) ++m_pos;
    return m_pos >= m_text.size();
  }

  static bool is_structural(char c) {
    switch (c) {
      case '\n':
      case '\\':
      case '#':
      case '\'':
      case '"':
      case '(':
      case ')':
      case '[':
      case ']':
      case '{':
      case '}': return true;
      default: return false;
    }
  }

  // Operators matter only to tell `=` from `==`, `+=`, `:=` and friends; everything else is one opaque token.
  void scan_operator() {
    const char c = peek();
    const char next = peek(1);
    if ((c == '*' || c == '/' || c == '<' || c == '>') && next == c) {
      m_pos += 2;
      if (peek() == '=') ++m_pos;
      return;
    }
    if (c == '-' && next == '>') return void(m_pos += 2);
    ++m_pos;
    if (peek() == '=' && std::string_view("=!<>:+-*/%&|^@").find(c) != std::string_view::npos) ++m_pos;
  }

  void scan_string(std::size_t begin) {
    const int line = m_line;
    const char quote = peek();
    const bool triple = peek(1) == quote && peek(2) == quote;
    m_pos += triple ? 3 : 1;
    while (true) {
      if (m_pos >= m_text.size()) fail(line, triple ? "unterminated triple-quoted string" : "unterminated string");
      const char c = m_text[m_pos];
      if (c == '\\') {
        if (peek(1) == '\n') ++m_line;
        m_pos += 2;
        continue;
      }
      if (c == '\n') {
        if (!triple) fail(line, "unterminated string");
        ++m_line;
      }
      if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
        m_pos += triple ? 3 : 1;
        break;
      }
      ++m_pos;
    }
    emit(Token::Kind::string, begin, line);
  }

  std::string_view m_text;
  std::string_view m_path;
  std::size_t m_pos = 0;
  int m_line = 1;
  bool m_at_line_start = true;
  bool m_skipping = false;  // in a function or class body: tokens are not kept
  bool m_in_function = false;
  bool m_opens_function = false;  // the current line starts with def, class or async
  bool m_first_of_line = false;
  std::vector<Block> m_blocks;  // indented blocks enclosing the current line
  std::vector<OpenBracket> m_brackets;
  Statement m_current;
  Module m_module;
};

}  // namespace

Module scan_module(std::string_view text, std::string_view path) { return Scanner(text, path).run(); }

}  // namespace strata::repo::python
