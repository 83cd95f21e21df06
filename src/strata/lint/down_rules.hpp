#pragma once
// strata's own rules about the down section: down-missing, down-empty and down-not-inverse. They read statement
// text with a small tokenizer, so they work the same for PostgreSQL and SQLite.
#include <vector>

#include "strata/lint/reporter.hpp"

namespace strata::lint {

struct DownInput {
  std::vector<Span> up;    // the up section's statements
  std::vector<Span> down;  // the down section's statements (empty when there is none)
  bool up_parsed = true;   // false when the up section has a syntax error (then nothing is compared)
  bool down_parsed = true;
};

// Findings with statement_of entries appended to `statement_of` (SIZE_MAX for file-level ones).
void check_down(const Reporter& reporter, const DownInput& input, std::vector<Finding>& findings,
                std::vector<std::size_t>& statement_of);

}  // namespace strata::lint
