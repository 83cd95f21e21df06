#pragma once
// The SQLite rules, checked with SQLite itself: every revision's up section is replayed, ancestors first, into a
// private in-memory database, and each statement of a selected revision is checked against what is there before it
// runs. A statement SQLite rejects is reported with SQLite's own message.
#include <cstdint>
#include <vector>

#include "strata/lint/finding.hpp"
#include "strata/lint/options.hpp"
#include "strata/lint/unit.hpp"

namespace strata::lint {

// `order`: unit indexes, ancestors first (the replay is linear in this order, so on diverging branches a revision
// also sees its sibling branches' tables: a superset of what it will find).
void lint_sqlite(const std::vector<Unit>& units, const std::vector<std::uint32_t>& order,
                 const std::vector<char>& selected, const Options& options, LintResult& result);

}  // namespace strata::lint
