#pragma once
// Evaluates the right-hand side of a module-level assignment when it is a literal: strings (with implicit
// concatenation), None, tuples and lists of those. Names are handed to a resolver; anything else (a call, an
// attribute the resolver does not know, arithmetic, an f-string, a number) is "not statically readable".
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "strata/repo/python_tokens.hpp"

namespace strata::repo::python {

struct Value;
using Sequence = std::vector<Value>;

struct Value {
  enum class Kind { none, string, sequence };
  Kind kind = Kind::none;
  std::string text;   // Kind::string
  Sequence elements;  // Kind::sequence (tuple or list)
};

// Why a value could not be read: the smallest part of the expression that is not a literal.
struct NotLiteral {
  std::string culprit;   // source text of that part, blanks collapsed
  bool is_name = false;  // a name or dotted name, which [alembic.names] could supply
};

struct Evaluation {
  std::optional<Value> value;
  NotLiteral failure;  // meaningful when `value` is empty
};

// Returns the value of a name or dotted name ("REV", "cli.EXPAND_BRANCH"), or nothing when it is unknown.
using NameResolver = std::function<std::optional<Value>(std::string_view name)>;

Evaluation evaluate(std::span<const Token> tokens, const NameResolver& resolve);

// The source text that `tokens` span in `source`, with each run of blanks and newlines shown as one space.
std::string source_text(std::span<const Token> tokens);

}  // namespace strata::repo::python
