#pragma once
// What the linter reports: one finding per rule and place, with everything every output format needs.
#include <string>
#include <string_view>
#include <vector>

namespace strata::lint {

enum class Level { off, warning, error };

std::string_view level_name(Level level) noexcept;  // "off", "warning", "error"

struct Finding {
  std::string rule;  // e.g. "require-concurrent-index-creation"
  Level level = Level::warning;
  std::string message;   // what it locks or breaks
  std::string help;      // the safe pattern; may be empty
  std::string path;      // the file as shown to users
  std::string revision;  // its revision id (empty for a FILE given on the command line without a header)
  std::string section;   // "up", "down" or "" (file-wide findings such as down-missing)
  int line = 0;          // 1-based, in the file
  int column = 0;        // 1-based byte column
  int end_line = 0;      // last line of the statement
  int end_column = 0;    // one past its last byte's column
  // The statement's lines as written, for the text format (at most a few; first_source_line is the first's number).
  std::vector<std::string> source;
  int first_source_line = 0;
};

struct LintResult {
  std::vector<Finding> findings;  // in file order, then line order
  std::size_t files = 0;          // files linted
  std::size_t statements = 0;     // statements parsed (both engines)
  bool has_errors() const noexcept;
};

}  // namespace strata::lint
