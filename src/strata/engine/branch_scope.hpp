#pragma once
// A database bound to a branch label L (`branch = "L"` in strata.toml) receives only the revisions of L's lineage:
// every ancestor of L's heads. Its default target is L@head, `heads` means L@heads, and a plan that would touch
// a revision outside the lineage is refused before anything runs.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/graph/plan.hpp"

namespace strata::engine {

class BranchScope {
public:
  // Throws ConfigError when no revision declares `label`. `database` names the database in messages.
  BranchScope(const graph::RevisionGraph& graph, std::optional<std::string> label, std::string database);

  const std::optional<std::string>& label() const noexcept { return m_label; }
  // "head" / "L@head": what `upgrade` without a target means.
  std::string default_target() const;
  // `head` and `heads` narrowed to the label (L@head, L@heads); anything else unchanged.
  std::string scoped_target(std::string_view target) const;
  // The heads the database should reach: the graph's heads, or L@heads.
  std::vector<graph::RevIndex> expected_heads() const;
  bool contains(graph::RevIndex index) const;
  // Throws UsageError (code "outside_branch") naming the first step outside the lineage.
  void check_plan(const graph::Plan& plan, std::string_view target) const;
  // The same for `stamp`: `recorded` are the revisions it would add; `request` quotes the command for messages.
  void check_stamp(const std::vector<graph::RevIndex>& recorded, std::string_view request) const;
  // The applied revisions outside the lineage (none when unbound), for `status`.
  std::vector<graph::RevIndex> outside(const std::vector<graph::RevIndex>& applied) const;

private:
  const graph::RevisionGraph& m_graph;
  std::optional<std::string> m_label;
  std::string m_database;
  std::vector<char> m_lineage;  // by RevIndex; empty when unbound
};

}  // namespace strata::engine
