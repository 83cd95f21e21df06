#pragma once
// A tokenizer for the part of Python that an Alembic revision header needs: enough to find the module's top-level
// statements and read their tokens. It understands strings (all quote forms and prefixes), comments, brackets,
// and line continuations, so that text inside a function body or a docstring is never mistaken for a statement.
// It does not run, or fully parse, Python.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strata::repo::python {

struct Token {
  enum class Kind { name, string, number, op };
  Kind kind = Kind::op;
  std::string_view text;  // exactly as in the source (a string token includes prefix and quotes)
  int line = 0;
  int depth = 0;  // bracket depth before this token, counted from the statement's start
};

// One simple statement that runs in the module's namespace: a range of Module::tokens. Statements joined by `;`
// are separate entries. `nested` statements are inside a module-level if/try/for/while/with block, so they may or
// may not run; `global` statements inside functions are kept too (flagged `in_function`), since a function can
// rebind a module-level name through them. All other function and class bodies are skipped.
struct Statement {
  std::size_t first = 0;
  std::size_t count = 0;
  int line = 0;
  bool nested = false;
  bool in_function = false;
};

struct Module {
  std::vector<Token> tokens;          // of the kept statements, in order
  std::vector<Statement> statements;  // kept statements, in source order

  std::span<const Token> tokens_of(const Statement& statement) const {
    return std::span<const Token>(tokens).subspan(statement.first, statement.count);
  }
};

// Splits `text` into its module-level statements. Unterminated strings and unbalanced brackets are
// RepositoryErrors naming `path:line`.
Module scan_module(std::string_view text, std::string_view path);

// The value of a string literal token (prefixes r/u/b handled, escapes decoded). `is_f_string` reports an f-string,
// whose value cannot be known without running code; `is_bytes` a bytes literal (not a str); `invalid` an escape
// Python refuses (a truncated \x, \u or \U, a code point past U+10FFFF or a surrogate) or one the reader does not
// decode (\N{...}).
struct StringLiteral {
  std::string value;
  bool is_f_string = false;
  bool is_bytes = false;
  bool invalid = false;
};
StringLiteral decode_string(std::string_view token_text);

}  // namespace strata::repo::python
