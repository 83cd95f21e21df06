// evaluate: a recursive reader over one expression's tokens. An expression is a comma-separated list of elements
// (a bare `a, b` is a tuple, as in Python); an element is strings, None, a name, or a bracketed list.
#include "strata/repo/python_literal.hpp"

namespace strata::repo::python {
namespace {

constexpr int k_max_nesting = 32;

bool is_op(const Token& token, std::string_view text) { return token.kind == Token::Kind::op && token.text == text; }
bool is_opening(const Token& token) { return is_op(token, "(") || is_op(token, "[") || is_op(token, "{"); }
bool is_closing(const Token& token) { return is_op(token, ")") || is_op(token, "]") || is_op(token, "}"); }

class Reader {
public:
  explicit Reader(const NameResolver& resolve) : m_resolve(resolve) {}

  // A comma-separated list at the top of `tokens`. `bracketed`: inside () or [], where one element without a
  // trailing comma is just that element in parentheses, unless `always_sequence` (a list).
  Evaluation list(std::span<const Token> tokens, bool always_sequence, int nesting) {
    if (nesting > k_max_nesting) return fail(tokens, false);
    Sequence elements;
    bool trailing_comma = false;
    std::size_t start = 0;
    while (start < tokens.size()) {
      const std::size_t end = element_end(tokens, start);
      auto element = this->element(tokens.subspan(start, end - start), nesting);
      if (!element.value) return element;
      elements.push_back(std::move(*element.value));
      trailing_comma = end < tokens.size();
      start = end + 1;
    }
    if (!always_sequence && elements.size() == 1 && !trailing_comma) return ok(std::move(elements.front()));
    Value value;
    value.kind = Value::Kind::sequence;
    value.elements = std::move(elements);
    return ok(std::move(value));
  }

private:
  static Evaluation ok(Value value) { return Evaluation{std::move(value), {}}; }
  static Evaluation fail(std::span<const Token> tokens, bool is_name) {
    return Evaluation{std::nullopt, NotLiteral{source_text(tokens), is_name}};
  }

  // Index of the comma that ends the element starting at `start` (tokens.size() when it is the last one).
  static std::size_t element_end(std::span<const Token> tokens, std::size_t start) {
    int depth = 0;
    for (std::size_t i = start; i < tokens.size(); ++i) {
      if (is_opening(tokens[i])) ++depth;
      else if (is_closing(tokens[i])) --depth;
      else if (depth == 0 && is_op(tokens[i], ",")) return i;
    }
    return tokens.size();
  }

  Evaluation element(std::span<const Token> tokens, int nesting) {
    if (tokens.empty()) return fail(tokens, false);
    const auto& first = tokens.front();
    if (first.kind == Token::Kind::string) return strings(tokens);
    if (is_opening(first) && matching_close(tokens) == tokens.size() - 1 && !is_op(first, "{"))
      return list(tokens.subspan(1, tokens.size() - 2), is_op(first, "["), nesting + 1);
    if (first.kind == Token::Kind::name) return name(tokens, nesting);
    return fail(tokens, false);
  }

  static std::size_t matching_close(std::span<const Token> tokens) {
    int depth = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (is_opening(tokens[i])) ++depth;
      else if (is_closing(tokens[i]) && --depth == 0) return i;
    }
    return tokens.size();
  }

  // Adjacent literals concatenate ("abc" "def"); an f-string, a bytes literal, an escape Python rejects, or
  // anything after the strings, is not a readable string.
  static Evaluation strings(std::span<const Token> tokens) {
    Value value;
    value.kind = Value::Kind::string;
    for (const auto& token : tokens) {
      if (token.kind != Token::Kind::string) return fail(tokens, false);
      auto literal = decode_string(token.text);
      if (literal.is_f_string || literal.is_bytes || literal.invalid) return fail(tokens, false);
      value.text += literal.value;
    }
    return ok(std::move(value));
  }

  // None, a bare name, or a dotted name; a call, subscript or operator after it is not a literal.
  Evaluation name(std::span<const Token> tokens, int nesting) {
    std::string dotted(tokens.front().text);
    std::size_t i = 1;
    while (i + 1 < tokens.size() && is_op(tokens[i], ".") && tokens[i + 1].kind == Token::Kind::name) {
      dotted += '.';
      dotted += tokens[i + 1].text;
      i += 2;
    }
    if (i != tokens.size()) return fail(tokens, false);
    if (dotted == "None") return ok(Value{});
    if (dotted == "True" || dotted == "False") return fail(tokens, false);
    if (nesting <= k_max_nesting)
      if (auto value = m_resolve(dotted)) return ok(std::move(*value));
    return fail(tokens, true);
  }

  const NameResolver& m_resolve;
};

}  // namespace

Evaluation evaluate(std::span<const Token> tokens, const NameResolver& resolve) {
  if (tokens.empty()) return Evaluation{std::nullopt, NotLiteral{}};
  return Reader(resolve).list(tokens, false, 0);
}

std::string source_text(std::span<const Token> tokens) {
  std::string text;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) {
      const auto* previous_end = tokens[i - 1].text.data() + tokens[i - 1].text.size();
      const bool spaced = tokens[i].text.data() > previous_end;
      if (spaced && !is_opening(tokens[i - 1]) && !is_closing(tokens[i]) && !is_op(tokens[i], ",")) text += ' ';
    }
    text += tokens[i].text;
  }
  return text;
}

}  // namespace strata::repo::python
