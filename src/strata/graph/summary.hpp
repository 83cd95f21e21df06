#pragma once
// The numbers of `strata report`: what a graph holds, in one pass.
#include <string>
#include <utility>
#include <vector>

#include "strata/graph/revision_graph.hpp"

namespace strata::graph {

struct Summary {
  std::size_t revisions = 0;
  std::vector<RevIndex> bases;
  std::vector<RevIndex> heads;
  std::vector<RevIndex> merges;         // revisions with two or more parents
  std::vector<RevIndex> branch_points;  // revisions with two or more children
  std::vector<RevIndex> squashes;
  std::vector<std::pair<std::string, std::size_t>> labels;  // each label and how many revisions carry it, sorted
  std::vector<RevIndex> longest_chain;                      // the longest path along `revises`, base first
};

Summary summarize(const RevisionGraph& graph);

}  // namespace strata::graph
