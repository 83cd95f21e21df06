#include "strata/engine/branch_scope.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"

namespace strata::engine {

BranchScope::BranchScope(const graph::RevisionGraph& graph, std::optional<std::string> label, std::string database)
    : m_graph(graph), m_label(std::move(label)), m_database(std::move(database)) {
  if (!m_label) return;
  if (!graph.find_label(*m_label))
    throw ConfigError(ErrorCode::unknown_branch,
                      fmt::format("database '{}' is bound to branch '{}', but no revision declares that branch "
                                  "label (add `-- branch-labels: {}` to the branch's first revision, or fix "
                                  "branch = \"...\" in strata.toml)",
                                  m_database, *m_label, *m_label));
  m_lineage.assign(graph.size(), 0);
  const auto heads = graph::resolve(graph, *m_label + "@heads");
  for (const auto index : graph.ancestors(heads)) m_lineage[index] = 1;
}

std::string BranchScope::default_target() const { return m_label ? *m_label + "@head" : "head"; }

std::string BranchScope::scoped_target(std::string_view target) const {
  if (m_label && (target == "head" || target == "heads")) return *m_label + "@" + std::string(target);
  return std::string(target);
}

std::vector<graph::RevIndex> BranchScope::expected_heads() const {
  return m_label ? graph::resolve(m_graph, *m_label + "@heads") : m_graph.heads();
}

bool BranchScope::contains(graph::RevIndex index) const { return !m_label || m_lineage.at(index) != 0; }

void BranchScope::check_plan(const graph::Plan& plan, std::string_view target) const {
  for (const auto& step : plan.steps) {
    if (contains(step.revision)) continue;
    throw UsageError(
        ErrorCode::outside_branch,
        fmt::format("target '{}' would {} {} ({}), which is not in the lineage of branch '{}' that "
                    "database '{}' is bound to; nothing was changed",
                    target, step.direction == graph::Direction::up ? "apply" : "remove", m_graph.id(step.revision),
                    m_graph.revision(step.revision).path, *m_label, m_database));
  }
}

void BranchScope::check_stamp(const std::vector<graph::RevIndex>& recorded, std::string_view request) const {
  for (const auto index : recorded) {
    if (contains(index)) continue;
    throw UsageError(ErrorCode::outside_branch,
                     fmt::format("`{}` would record {} ({}), which is not in the lineage of branch '{}' that "
                                 "database '{}' is bound to; nothing was changed",
                                 request, m_graph.id(index), m_graph.revision(index).path, *m_label, m_database));
  }
}

std::vector<graph::RevIndex> BranchScope::outside(const std::vector<graph::RevIndex>& applied) const {
  std::vector<graph::RevIndex> result;
  for (const auto index : applied)
    if (!contains(index)) result.push_back(index);
  return result;
}

}  // namespace strata::engine
