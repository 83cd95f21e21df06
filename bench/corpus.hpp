#pragma once
// In-memory benchmark corpora: the same shapes as bench/generate.py (linear, branchy, depends_on), as Revision values
// for the graph benchmarks and as file texts for the parser benchmarks. Deterministic: same shape, same ids.
#include <cstddef>
#include <string>
#include <vector>

#include "strata/graph/revision.hpp"

namespace strata::bench {

enum class Shape { linear, branchy, depends };

// `count` revisions in load order. branchy: 4 lines grown round-robin and merged every 50 revisions; depends: a
// chain where each revision also depends on an older, non-parent revision.
std::vector<graph::Revision> make_revisions(Shape shape, std::size_t count);

// The revisions as native strata SQL files and as Alembic revision files, each creating one table.
std::vector<std::string> native_texts(const std::vector<graph::Revision>& revisions);
std::vector<std::string> alembic_texts(const std::vector<graph::Revision>& revisions);

}  // namespace strata::bench
