// Validation while building (revision-graph.md "Validation"), strict where Alembic warns or crashes: every problem is
// collected, so `check` can list them all at once.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "strata/graph/graph_data.hpp"
#include "strata/util/edit_distance.hpp"

namespace strata::graph::detail {
namespace {

// The single id that `text` is a prefix of, if exactly one is: a partial id written in a file.
std::optional<std::string> unique_id_with_prefix(const GraphData& data, const std::string& text) {
  std::optional<std::string> match;
  for (const auto& revision : data.revisions) {
    if (revision.id.size() > text.size() && revision.id.starts_with(text)) {
      if (match && *match != revision.id) return std::nullopt;
      match = revision.id;
    }
  }
  return match;
}

std::string did_you_mean(const GraphData& data, const std::string& text, bool with_labels) {
  std::vector<std::string> candidates;
  candidates.reserve(data.by_id.size() + (with_labels ? data.by_label.size() : 0));
  for (const auto& revision : data.revisions) candidates.push_back(revision.id);
  if (with_labels)
    for (const auto& entry : data.by_label) candidates.push_back(entry.first);
  std::sort(candidates.begin(), candidates.end());
  const auto match = util::closest_match(text, candidates);
  return match ? fmt::format("; did you mean '{}'?", *match) : std::string{};
}

void check_ids(GraphData& data, std::vector<Problem>& problems) {
  for (RevIndex i = 0; i < data.revisions.size(); ++i) {
    const auto& revision = data.revisions[i];
    if (const auto problem = revision_id_problem(revision.id)) {
      problems.push_back(problem_at(ErrorCode::illegal_revision_id, revision, *problem));
      if (revision.id.empty()) continue;
    }
    const auto [it, inserted] = data.by_id.emplace(revision.id, i);
    if (!inserted) {
      const auto& first = data.revisions[it->second];
      auto problem = problem_at(
          ErrorCode::duplicate_revision, revision,
          fmt::format("revision '{}' is already defined in {}; give one of them a new id", revision.id, where(first)));
      if (!first.path.empty()) problem.paths.insert(problem.paths.begin(), first.path);
      problems.push_back(std::move(problem));
    }
  }
}

void check_labels(GraphData& data, std::vector<Problem>& problems) {
  for (RevIndex i = 0; i < data.revisions.size(); ++i) {
    const auto& revision = data.revisions[i];
    for (const auto& label : revision.branch_labels) {
      if (const auto id = data.by_id.find(label); id != data.by_id.end()) {
        const auto& other = data.revisions[id->second];
        auto problem =
            problem_at(ErrorCode::label_is_revision_id, revision,
                       fmt::format("branch label '{0}' of revision '{1}' is also the id of revision '{0}' ({2}); "
                                   "rename the label",
                                   label, revision.id, where(other)));
        if (!other.path.empty() && other.path != revision.path) problem.paths.push_back(other.path);
        if (other.id != revision.id) problem.revisions.push_back(other.id);
        problems.push_back(std::move(problem));
        continue;
      }
      const auto [it, inserted] = data.by_label.emplace(label, i);
      if (inserted) continue;
      const auto& first = data.revisions[it->second];
      auto problem = problem_at(ErrorCode::duplicate_label, revision,
                                fmt::format("branch label '{}' of revision '{}' is already used by revision '{}' ({})",
                                            label, revision.id, first.id, where(first)));
      if (!first.path.empty()) problem.paths.insert(problem.paths.begin(), first.path);
      if (first.id != revision.id) problem.revisions.insert(problem.revisions.begin(), first.id);
      problems.push_back(std::move(problem));
    }
  }
}

void add_unique(std::vector<RevIndex>& list, RevIndex value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

void resolve_parents(GraphData& data, std::vector<Problem>& problems) {
  for (RevIndex i = 0; i < data.revisions.size(); ++i) {
    const auto& revision = data.revisions[i];
    for (const auto& parent : revision.revises) {
      if (parent == revision.id) {
        problems.push_back(
            problem_at(ErrorCode::self_reference, revision, fmt::format("revision '{}' revises itself", revision.id)));
      } else if (const auto id = data.by_id.find(parent); id != data.by_id.end()) {
        add_unique(data.parents[i], id->second);
      } else if (const auto label = data.by_label.find(parent); label != data.by_label.end()) {
        const auto& owner = data.revisions[label->second].id;
        problems.push_back(problem_at(ErrorCode::label_as_parent, revision,
                                      fmt::format("revision '{}' revises '{}', which is a branch label of revision "
                                                  "'{}'; `revises` must name revision ids, so write '{}'",
                                                  revision.id, parent, owner, owner)));
      } else if (const auto full = unique_id_with_prefix(data, parent)) {
        problems.push_back(problem_at(ErrorCode::partial_revision_id, revision,
                                      fmt::format("revision '{}' revises '{}', which is only the start of revision "
                                                  "id '{}'; write the full id",
                                                  revision.id, parent, *full)));
      } else {
        problems.push_back(problem_at(ErrorCode::unknown_parent, revision,
                                      fmt::format("revision '{}' revises unknown revision '{}'{}", revision.id, parent,
                                                  did_you_mean(data, parent, false))));
      }
    }
  }
}

void resolve_dependencies(GraphData& data, std::vector<Problem>& problems) {
  for (RevIndex i = 0; i < data.revisions.size(); ++i) {
    const auto& revision = data.revisions[i];
    for (const auto& dependency : revision.depends_on) {
      std::optional<RevIndex> target;
      if (const auto id = data.by_id.find(dependency); id != data.by_id.end()) target = id->second;
      else if (const auto label = data.by_label.find(dependency); label != data.by_label.end()) target = label->second;
      if (target == i) {
        problems.push_back(problem_at(ErrorCode::self_reference, revision,
                                      fmt::format("revision '{}' depends on itself", revision.id)));
      } else if (target) {
        add_unique(data.dependencies[i], *target);
      } else if (const auto full = unique_id_with_prefix(data, dependency)) {
        problems.push_back(problem_at(ErrorCode::partial_revision_id, revision,
                                      fmt::format("revision '{}' depends on '{}', which is only the start of "
                                                  "revision id '{}'; write the full id",
                                                  revision.id, dependency, *full)));
      } else {
        problems.push_back(problem_at(ErrorCode::unknown_dependency, revision,
                                      fmt::format("revision '{}' depends on unknown revision or branch label '{}'{}",
                                                  revision.id, dependency, did_you_mean(data, dependency, true))));
      }
    }
  }
}

}  // namespace

void find_cycles(const GraphData& data, std::vector<Problem>& problems);

std::vector<Problem> validate(GraphData& data) {
  std::vector<Problem> problems;
  const auto n = data.revisions.size();
  data.parents.assign(n, {});
  data.dependencies.assign(n, {});
  data.by_id.reserve(n);
  check_ids(data, problems);
  check_labels(data, problems);
  resolve_parents(data, problems);
  resolve_dependencies(data, problems);
  find_cycles(data, problems);
  return problems;
}

Problem problem_at(ErrorCode code, const Revision& revision, const std::string& message) {
  const auto position = where(revision);
  Problem problem{code, position.empty() ? message : fmt::format("{}: {}", position, message), {}, {revision.id}};
  if (!revision.path.empty()) problem.paths.push_back(revision.path);
  return problem;
}

std::string where(const Revision& revision) {
  if (revision.path.empty()) return {};
  if (revision.line <= 0) return revision.path;
  return fmt::format("{}:{}", revision.path, revision.line);
}

}  // namespace strata::graph::detail
