// Building the graph (validate, rank, normalise, label) and its read-only queries.
#include "strata/graph/revision_graph.hpp"

#include <algorithm>
#include <stdexcept>

#include "strata/core/error.hpp"
#include "strata/graph/ancestry.hpp"
#include "strata/graph/graph_data.hpp"

namespace strata::graph {

struct RevisionGraph::Data : detail::GraphData {};

RevisionGraph::RevisionGraph(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}

GraphBuild RevisionGraph::try_build(std::vector<Revision> revisions) {
  auto data = std::make_shared<Data>();
  data->revisions = std::move(revisions);
  GraphBuild result;
  result.problems = detail::validate(*data);
  auto replaces = detail::check_replaces(*data);
  result.problems.insert(result.problems.end(), replaces.begin(), replaces.end());
  if (!result.problems.empty()) return result;

  const auto n = static_cast<RevIndex>(data->revisions.size());
  data->children.assign(n, {});
  data->dependents.assign(n, {});
  for (RevIndex node = 0; node < n; ++node) {
    for (const auto parent : data->parents[node]) data->children[parent].push_back(node);
    for (const auto parent : data->parents[node]) data->dependents[parent].push_back(node);
    for (const auto dependency : data->dependencies[node]) {
      auto& users = data->dependents[dependency];
      if (users.empty() || users.back() != node) users.push_back(node);
    }
  }
  detail::rank_topologically(*data);
  std::sort(data->squashes.begin(), data->squashes.end(),
            [&](RevIndex left, RevIndex right) { return data->rank[left] < data->rank[right]; });
  data->versioned_forest = detail::build_forest(data->parents);
  detail::normalize_dependencies(*data);
  data->normalized_forest = detail::build_forest(data->normalized_down);
  detail::propagate_labels(*data);
  result.graph.emplace(RevisionGraph(std::move(data)));
  return result;
}

RevisionGraph RevisionGraph::build(std::vector<Revision> revisions) {
  auto result = try_build(std::move(revisions));
  if (!result.problems.empty()) throw GraphError(std::move(result.problems));
  return std::move(*result.graph);
}

const detail::GraphData& RevisionGraph::internals() const noexcept { return *m_data; }

std::size_t RevisionGraph::size() const noexcept { return m_data->revisions.size(); }

const Revision& RevisionGraph::revision(RevIndex index) const { return m_data->revisions.at(index); }

const std::string& RevisionGraph::id(RevIndex index) const { return m_data->revisions.at(index).id; }

std::optional<RevIndex> RevisionGraph::find(std::string_view exact_id) const {
  const auto it = m_data->by_id.find(std::string(exact_id));
  if (it == m_data->by_id.end()) return std::nullopt;
  return it->second;
}

std::optional<RevIndex> RevisionGraph::find_label(std::string_view label) const {
  const auto it = m_data->by_label.find(std::string(label));
  if (it == m_data->by_label.end()) return std::nullopt;
  return it->second;
}

std::span<const RevIndex> RevisionGraph::parents(RevIndex index) const { return m_data->parents.at(index); }
std::span<const RevIndex> RevisionGraph::dependencies(RevIndex index) const { return m_data->dependencies.at(index); }
std::span<const RevIndex> RevisionGraph::normalized_down(RevIndex index) const {
  return m_data->normalized_down.at(index);
}
std::span<const RevIndex> RevisionGraph::children(RevIndex index) const { return m_data->children.at(index); }
std::span<const RevIndex> RevisionGraph::dependents(RevIndex index) const { return m_data->dependents.at(index); }
const std::vector<std::string>& RevisionGraph::labels(RevIndex index) const { return m_data->labels.at(index); }

// A replaced revision is an alternative path to its squash, never a head.
bool RevisionGraph::is_head(RevIndex index) const {
  return m_data->children.at(index).empty() && m_data->replaced_by[index] == detail::k_no_revision;
}
bool RevisionGraph::is_real_head(RevIndex index) const {
  return m_data->dependents.at(index).empty() && m_data->replaced_by[index] == detail::k_no_revision;
}

std::optional<RevIndex> RevisionGraph::replaced_by(RevIndex index) const {
  const auto squash = m_data->replaced_by.at(index);
  if (squash == detail::k_no_revision) return std::nullopt;
  return squash;
}

std::optional<RevIndex> RevisionGraph::squash_replacing(std::string_view id) const {
  const auto it = m_data->squash_of.find(std::string(id));
  if (it == m_data->squash_of.end()) return std::nullopt;
  return it->second;
}

std::span<const RevIndex> RevisionGraph::squashes() const { return m_data->squashes; }
// A replaced revision is an alternative path to its squash, not a second branch: it does not count.
bool RevisionGraph::is_branch_point(RevIndex index) const {
  const auto& children = m_data->children.at(index);
  return std::count_if(children.begin(), children.end(), [&](RevIndex child) { return !replaced_by(child); }) >= 2;
}
bool RevisionGraph::is_merge_point(RevIndex index) const { return m_data->parents.at(index).size() >= 2; }

namespace {

template <typename Keep>
std::vector<RevIndex> select(std::size_t size, Keep&& keep) {
  std::vector<RevIndex> out;
  for (RevIndex index = 0; index < size; ++index)
    if (keep(index)) out.push_back(index);
  return out;
}

}  // namespace

std::vector<RevIndex> RevisionGraph::heads() const {
  return select(size(), [&](RevIndex i) { return is_head(i); });
}
std::vector<RevIndex> RevisionGraph::real_heads() const {
  return select(size(), [&](RevIndex i) { return is_real_head(i); });
}
std::vector<RevIndex> RevisionGraph::bases() const {
  return select(size(), [&](RevIndex i) { return m_data->parents[i].empty(); });
}
std::vector<RevIndex> RevisionGraph::real_bases() const {
  return select(size(), [&](RevIndex i) { return m_data->parents[i].empty() && m_data->dependencies[i].empty(); });
}

bool RevisionGraph::is_ancestor(RevIndex ancestor, RevIndex descendant) const {
  if (ancestor >= size() || descendant >= size()) throw std::out_of_range("revision index out of range");
  detail::Ancestry ancestry(m_data->normalized_down, m_data->normalized_forest, m_data->rank);
  return ancestry.is_ancestor(ancestor, descendant);
}

namespace {

// Marks `starts` and everything reachable from them through `edges`.

}  // namespace

namespace detail {

std::vector<char> reach(const Adjacency& edges, std::span<const RevIndex> starts) {
  std::vector<char> marked(edges.size(), 0);
  std::vector<RevIndex> stack;
  for (const auto start : starts) {
    if (start >= edges.size()) throw std::out_of_range("revision index out of range");
    if (!marked[start]) {
      marked[start] = 1;
      stack.push_back(start);
    }
  }
  while (!stack.empty()) {
    const auto node = stack.back();
    stack.pop_back();
    for (const auto next : edges[node])
      if (!marked[next]) {
        marked[next] = 1;
        stack.push_back(next);
      }
  }
  return marked;
}

}  // namespace detail

std::vector<RevIndex> RevisionGraph::ancestors(std::span<const RevIndex> starts) const {
  const auto marked = detail::reach(m_data->normalized_down, starts);
  return select(size(), [&](RevIndex i) { return marked[i] != 0; });
}

std::vector<RevIndex> RevisionGraph::descendants(std::span<const RevIndex> starts, bool include_dependencies) const {
  const auto marked = detail::reach(include_dependencies ? m_data->dependents : m_data->children, starts);
  return select(size(), [&](RevIndex i) { return marked[i] != 0; });
}

std::vector<RevIndex> RevisionGraph::maximal(std::span<const RevIndex> applied) const {
  // Everything strictly below some member is not maximal; one pass over the union of their ancestors.
  std::vector<char> member(size(), 0), below(size(), 0);
  std::vector<RevIndex> stack;
  for (const auto index : applied) {
    if (index >= size()) throw std::out_of_range("revision index out of range");
    member[index] = 1;
  }
  for (RevIndex index = 0; index < size(); ++index) {
    if (!member[index]) continue;
    for (const auto down : m_data->normalized_down[index])
      if (!below[down]) {
        below[down] = 1;
        stack.push_back(down);
      }
    while (!stack.empty()) {
      const auto node = stack.back();
      stack.pop_back();
      for (const auto down : m_data->normalized_down[node])
        if (!below[down]) {
          below[down] = 1;
          stack.push_back(down);
        }
    }
  }
  // A replaced revision is below its squash: a database that recorded both, or the squash's descendants, is past it.
  for (const auto squash : m_data->squashes)
    if (member[squash] || below[squash])
      for (const auto& id : m_data->revisions[squash].replaces)
        if (const auto found = m_data->by_id.find(id); found != m_data->by_id.end()) below[found->second] = 1;
  return select(size(), [&](RevIndex i) { return member[i] && !below[i]; });
}

std::vector<std::string> RevisionGraph::ids(std::span<const RevIndex> indexes) const {
  std::vector<std::string> out;
  out.reserve(indexes.size());
  for (const auto index : indexes) out.push_back(id(index));
  return out;
}

}  // namespace strata::graph
