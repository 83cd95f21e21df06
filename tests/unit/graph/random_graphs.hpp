#pragma once
// Random revision graphs for property and performance tests: generated in topological order, then shuffled so
// that load order is independent of the shape.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "graph_fixture.hpp"

namespace strata::graph::testing {

struct Shape {
  std::size_t size = 20;
  double base = 0.12;       // chance of a revision without parents
  double merge = 0.15;      // chance of a second parent
  double dependency = 0.2;  // chance of a depends_on
  double label = 0.1;       // chance of a branch label
  bool shuffle = true;
};

inline std::vector<Revision> random_revisions(std::mt19937& rng, const Shape& shape) {
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto earlier = [&](std::size_t i) { return std::uniform_int_distribution<std::size_t>(0, i - 1)(rng); };
  // Appending (not "r" + ...) sidesteps GCC 12's false -Wrestrict warning in optimised builds.
  auto name = [](std::size_t i) {
    std::string text("r");
    text += std::to_string(i);
    return text;
  };
  std::vector<Revision> revisions;
  for (std::size_t i = 0; i < shape.size; ++i) {
    std::vector<std::string> revises, depends, labels;
    if (i > 0 && !chance(shape.base)) {
      revises.push_back(name(earlier(i)));
      if (i > 1 && chance(shape.merge)) {
        const auto other = name(earlier(i));
        if (other != revises.front()) revises.push_back(other);
      }
    }
    if (i > 0 && chance(shape.dependency)) {
      const auto target = name(earlier(i));
      if (std::find(revises.begin(), revises.end(), target) == revises.end()) depends.push_back(target);
    }
    if (chance(shape.label)) labels.push_back(std::string("lab").append(std::to_string(i)));
    revisions.push_back(rev(name(i), revises, depends, labels));
  }
  if (shape.shuffle) std::shuffle(revisions.begin(), revisions.end(), rng);
  return revisions;
}

}  // namespace strata::graph::testing
