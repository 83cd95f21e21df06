#pragma once
// Inline ignore directives in SQL comments: `-- strata-ignore rule-a, rule-b` (the next statement),
// `-- strata-ignore-file [rules]` (the whole file; no rules = every rule), and squawk's `-- squawk-ignore` /
// `-- squawk-ignore-file` spelt the same way, so files linted by squawk keep working. Text after a second `--`
// is a reason and is ignored.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace strata::lint {

struct Directive {
  bool file_wide = false;
  std::vector<std::string> rules;  // as written (empty on a file-wide directive: every rule)
  std::size_t offset = 0;          // where the comment starts, within its section
  std::size_t statement = 0;       // the statement it applies to (index in the section), for next-statement ones
  bool applies = false;            // a next-statement directive with a statement after it
  std::vector<bool> used;          // per rule (one entry for file-wide without rules)
};

// The directive in one comment's text (`-- ...` or `/* ... */`), if it is one.
std::optional<Directive> parse_directive(std::string_view comment);

// Comments (begin, end) in the blanks between statements of a section: a scanner for the engines that have none.
std::vector<std::pair<std::size_t, std::size_t>> comments_between(std::string_view sql,
                                                                  const std::vector<std::size_t>& statement_begins,
                                                                  const std::vector<std::size_t>& statement_ends);

}  // namespace strata::lint
