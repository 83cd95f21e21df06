// Relative steps (docs/revision-graph.md, "Relative targets"). Up follows children (never depends_on users), optionally
// kept on one branch's lineage; down follows `revises`, and one step below a base reaches the pseudo-revision "base".
#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/target.hpp"

namespace strata::graph::detail {
namespace {

[[noreturn]] void throw_ambiguous(const RevisionGraph& graph, Cursor from, bool up,
                                  const std::vector<RevIndex>& options) {
  const std::string origin =
      from.kind == Cursor::Kind::revision ? fmt::format("revision {}", graph.id(from.index)) : std::string("the start");
  const std::string kind =
      from.kind == Cursor::Kind::revision ? (up ? "children" : "parents") : (up ? "bases" : "heads");
  throw GraphError(ErrorCode::ambiguous_walk,
                   fmt::format("Ambiguous walk: {} has several {} ({}); name the revision explicitly or use "
                               "'<branchname>@{}N'",
                               origin, kind, join_ids(graph, options), up ? "+" : "-"),
                   graph.ids(options));
}

}  // namespace

std::optional<Cursor> walk_steps(Queries& queries, Cursor start, long steps, const std::optional<std::string>& branch,
                                 bool stop_at_end) {
  const auto& graph = queries.graph;
  auto cursor = start;
  const long count = steps < 0 ? -steps : steps;
  for (long step = 0; step < count; ++step) {
    std::vector<RevIndex> options;
    if (steps > 0) {
      if (cursor.kind == Cursor::Kind::revision) {
        const auto children = graph.children(cursor.index);
        options.assign(children.begin(), children.end());
      } else {
        options = graph.bases();
      }
      if (branch) options = filter_for_lineage(queries, options, *branch);
    } else {
      if (cursor.kind == Cursor::Kind::base) return stop_at_end ? std::optional<Cursor>(cursor) : std::nullopt;
      if (cursor.kind == Cursor::Kind::revision) {
        const auto parents = graph.parents(cursor.index);
        options.assign(parents.begin(), parents.end());
      } else {
        options = graph.heads();
      }
      if (options.empty()) {
        cursor = Cursor{Cursor::Kind::base, 0};
        continue;
      }
    }
    if (options.empty()) return stop_at_end ? std::optional<Cursor>(cursor) : std::nullopt;
    if (options.size() > 1) throw_ambiguous(graph, cursor, steps > 0, options);
    cursor = Cursor::at(options.front());
  }
  return cursor;
}

}  // namespace strata::graph::detail
