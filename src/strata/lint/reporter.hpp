#pragma once
// Turns section offsets into findings with file positions, applies a unit's ignore directives and reports the
// unused ones. Shared by the PostgreSQL and SQLite paths.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strata/lint/finding.hpp"
#include "strata/lint/ignores.hpp"
#include "strata/lint/options.hpp"
#include "strata/lint/unit.hpp"

namespace strata::lint {

class Reporter {
public:
  Reporter(const Unit& unit, const Options& options) : m_unit(unit), m_options(options) {}

  // A finding at `offset` of `section` (null: at the revision header), in statement [begin, end).
  Finding make(std::string_view rule, const repo::SqlSection* section, std::string_view section_name,
               std::size_t offset, Span statement, std::string message, std::string help) const;

  const Unit& unit() const noexcept { return m_unit; }
  const Options& options() const noexcept { return m_options; }

private:
  const Unit& m_unit;
  const Options& m_options;
};

struct SectionDirectives {
  const repo::SqlSection* section = nullptr;
  std::string_view name;
  std::vector<Directive> directives;
};

// The directives among a section's comments; each next-statement one bound to the statement after it.
SectionDirectives directives_of(const repo::SqlSection& section, std::string_view name,
                                const std::vector<std::pair<std::size_t, std::size_t>>& comments,
                                const std::vector<Span>& statements);

// Collects one unit's findings: drops those at level off and those ignored, adds unused-ignore findings, sorts
// by position and appends them to `out`. `statement_of[i]` is finding i's statement index (SIZE_MAX: none).
void finish_unit(const Reporter& reporter, std::vector<Finding> findings, const std::vector<std::size_t>& statement_of,
                 std::vector<SectionDirectives> directives, std::vector<Finding>& out);

}  // namespace strata::lint
