// Squashes: a revision whose `replaces` lists the run of revisions it stands in for. While the replaced files exist
// they are an alternative path to the squash (never heads); once deleted, their ids still map to the squash, so a
// database that recorded them is understood. The run must be one that the squash can stand in for everywhere:
// contiguous, started from the squash's own parents, and with nothing outside it building on its revisions.
#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "strata/graph/graph_data.hpp"

namespace strata::graph::detail {
namespace {

std::string quoted(const std::vector<std::string>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += fmt::format("{}'{}'", i ? ", " : "", ids[i]);
  return out;
}

bool same_set(std::vector<RevIndex> left, std::vector<RevIndex> right) {
  std::sort(left.begin(), left.end());
  std::sort(right.begin(), right.end());
  return left == right;
}

// The present replaced revisions must be exactly a chain from the squash's parents.
void check_chain(const GraphData& data, RevIndex squash, const std::vector<RevIndex>& run,
                 std::vector<Problem>& problems) {
  const auto& revision = data.revisions[squash];
  for (std::size_t i = 0; i < run.size(); ++i) {
    const auto expected = i == 0 ? data.parents[squash] : std::vector<RevIndex>{run[i - 1]};
    if (same_set(data.parents[run[i]], expected)) continue;
    std::vector<std::string> expected_ids;
    for (const auto parent : expected) expected_ids.push_back(data.revisions[parent].id);
    std::vector<std::string> actual_ids;
    for (const auto parent : data.parents[run[i]]) actual_ids.push_back(data.revisions[parent].id);
    const auto& member = data.revisions[run[i]];
    const auto listed = [](const std::vector<std::string>& ids) {
      return ids.empty() ? std::string("nothing") : quoted(ids);
    };
    const auto rule = i == 0 ? fmt::format("the first replaced revision must revise what the squash revises ({})",
                                           listed(expected_ids))
                             : fmt::format("it must revise the revision listed before it ('{}')", expected_ids.front());
    auto problem = problem_at(ErrorCode::replaces_not_contiguous, revision,
                              fmt::format("squash '{}' replaces a run that is not contiguous: '{}' ({}) revises {}, "
                                          "where {}; list the run oldest first, one lineage without gaps",
                                          revision.id, member.id, where(member), listed(actual_ids), rule));
    if (!member.path.empty()) problem.paths.push_back(member.path);
    problem.revisions.push_back(member.id);
    problems.push_back(std::move(problem));
    return;
  }
}

// Nothing outside the run may revise or depend on a replaced revision: the squash stands in for the whole run, and
// a revision built on the middle of it would need originals the squash never records as separate steps.
void check_outside_users(const GraphData& data, RevIndex squash, const std::vector<RevIndex>& run,
                         const Adjacency& children, const Adjacency& users, std::vector<Problem>& problems) {
  const auto& revision = data.revisions[squash];
  const std::unordered_set<RevIndex> members(run.begin(), run.end());
  const auto report = [&](ErrorCode code, RevIndex user, RevIndex member, const char* verb, const char* fix) {
    const auto& outside = data.revisions[user];
    auto problem =
        problem_at(code, outside,
                   fmt::format("revision '{0}' {1} '{2}', which squash '{3}' ({4}) replaces; make it {5} "
                               "'{3}' instead",
                               outside.id, verb, data.revisions[member].id, revision.id, where(revision), fix));
    if (!revision.path.empty()) problem.paths.push_back(revision.path);
    problem.revisions.push_back(data.revisions[member].id);
    problem.revisions.push_back(revision.id);
    problems.push_back(std::move(problem));
  };
  for (const auto member : run) {
    for (const auto child : children[member])
      if (!members.contains(child)) report(ErrorCode::replaced_has_outside_child, child, member, "revises", "revise");
    for (const auto user : users[member])
      if (!members.contains(user) && user != squash)
        report(ErrorCode::replaced_is_dependency, user, member, "depends on", "depend on");
  }
}

}  // namespace

std::vector<Problem> check_replaces(GraphData& data) {
  std::vector<Problem> problems;
  const auto n = static_cast<RevIndex>(data.revisions.size());
  data.replaced_by.assign(n, k_no_revision);
  data.squash_of.clear();
  data.squashes.clear();
  Adjacency children(n), users(n);
  for (RevIndex node = 0; node < n; ++node) {
    for (const auto parent : data.parents[node]) children[parent].push_back(node);
    for (const auto dependency : data.dependencies[node]) users[dependency].push_back(node);
  }
  for (RevIndex squash = 0; squash < n; ++squash) {
    const auto& revision = data.revisions[squash];
    if (revision.replaces.empty()) continue;
    data.squashes.push_back(squash);
    std::vector<RevIndex> run;
    std::vector<std::string> absent;
    bool listed_well = true;
    for (const auto& id : revision.replaces) {
      const auto [it, inserted] = data.squash_of.emplace(id, squash);
      if (id == revision.id) {
        problems.push_back(problem_at(ErrorCode::replaces_not_contiguous, revision,
                                      fmt::format("squash '{}' lists itself in `replaces`; remove it", revision.id)));
        listed_well = false;
      } else if (!inserted) {
        const auto& other = data.revisions[it->second];
        const auto twice = it->second == squash ? fmt::format("squash '{}' lists '{}' twice", revision.id, id)
                                                : fmt::format("'{}' is replaced by squash '{}' and by squash '{}' ({})",
                                                              id, revision.id, other.id, where(other));
        auto problem =
            problem_at(ErrorCode::replaced_twice, revision, fmt::format("{}; a revision can be replaced once", twice));
        if (it->second != squash && !other.path.empty()) problem.paths.push_back(other.path);
        problem.revisions.push_back(id);
        problems.push_back(std::move(problem));
        listed_well = false;
      }
      if (const auto found = data.by_id.find(id); found != data.by_id.end()) {
        run.push_back(found->second);
        if (data.replaced_by[found->second] == k_no_revision) data.replaced_by[found->second] = squash;
      } else {
        absent.push_back(id);
      }
    }
    if (!listed_well) continue;
    if (!run.empty() && !absent.empty()) {
      std::vector<std::string> present;
      present.reserve(run.size());
      for (const auto member : run) present.push_back(data.revisions[member].id);
      auto problem =
          problem_at(ErrorCode::unknown_replaced, revision,
                     fmt::format("squash '{0}' replaces {1}, which {2} not in the repository, while {3} {4}; restore "
                                 "the missing {5}, or delete every replaced file with `strata squash --finalize {0}`",
                                 revision.id, quoted(absent), absent.size() == 1 ? "is" : "are", quoted(present),
                                 present.size() == 1 ? "is" : "are", absent.size() == 1 ? "file" : "files"));
      problem.revisions.insert(problem.revisions.end(), absent.begin(), absent.end());
      problems.push_back(std::move(problem));
      continue;
    }
    if (run.empty()) continue;
    check_chain(data, squash, run, problems);
    check_outside_users(data, squash, run, children, users, problems);
  }
  return problems;
}

}  // namespace strata::graph::detail
