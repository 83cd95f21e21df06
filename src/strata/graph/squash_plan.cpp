// Plans on a graph with squashes, Django's `replaces` rules: a squash counts as applied when every revision it
// replaces is; a database that applied none of them runs the squash; one that applied some runs the missing
// originals (while their files exist) and then records the squash.
#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/target.hpp"
#include "strata/util/strings.hpp"

namespace strata::graph {
namespace {

struct Partial {
  RevIndex squash;
  std::vector<std::string> applied;
  std::vector<std::string> missing;
  bool originals_present;  // all or none of a squash's files exist (anything else does not build)
};

struct SquashView {
  std::vector<char> effective;      // by RevIndex: applied, counting squashes
  std::vector<RevIndex> to_record;  // squashes counted as applied but not recorded, ancestors first
  std::vector<Partial> partial;

  std::vector<RevIndex> applied() const {
    std::vector<RevIndex> out;
    for (RevIndex index = 0; index < effective.size(); ++index)
      if (effective[index]) out.push_back(index);
    return out;
  }
};

SquashView view_of(const RevisionGraph& graph, std::span<const RevIndex> applied,
                   std::span<const std::string> replaced_absent) {
  SquashView view;
  view.effective.assign(graph.size(), 0);
  for (const auto index : applied) view.effective.at(index) = 1;
  const std::unordered_set<std::string> absent(replaced_absent.begin(), replaced_absent.end());
  // Ancestors first, so a squash that replaces an earlier squash sees whether that one counts.
  for (const auto squash : graph.squashes()) {
    const auto& replaced = graph.revision(squash).replaces;
    std::vector<std::string> done, missing;
    bool present = true;
    for (const auto& id : replaced) {
      const auto index = graph.find(id);
      present = present && index.has_value();
      const bool is_applied = index ? view.effective[*index] != 0 : absent.contains(id);
      (is_applied ? done : missing).push_back(id);
    }
    if (view.effective[squash]) {
      for (const auto& id : replaced)
        if (const auto index = graph.find(id)) view.effective[*index] = 1;
    } else if (missing.empty()) {
      view.effective[squash] = 1;
      view.to_record.push_back(squash);
    } else if (!done.empty()) {
      view.partial.push_back({squash, std::move(done), std::move(missing), present});
    }
  }
  return view;
}

const Partial* partial_of(const SquashView& view, RevIndex squash) {
  for (const auto& partial : view.partial)
    if (partial.squash == squash) return &partial;
  return nullptr;
}

[[noreturn]] void throw_stranded(const RevisionGraph& graph, const Partial& partial, const std::string& action) {
  const auto& squash = graph.id(partial.squash);
  const auto missing = util::join(partial.missing, ", ");
  throw GraphError(ErrorCode::squash_partly_applied,
                   fmt::format("squash {0} replaces {1}; this database applied {2} but not {3}, and their files were "
                               "deleted, so {4}; nothing was changed\nhint: restore the deleted files (`git log "
                               "--diff-filter=D --name-only` shows the commit that deleted them) and upgrade again, or "
                               "apply {3} by hand and record the squash with `strata stamp {0}`",
                               squash, util::join(graph.revision(partial.squash).replaces, ", "),
                               util::join(partial.applied, ", "), missing, action),
                   partial.missing);
}

}  // namespace

std::vector<RevIndex> effective_applied(const RevisionGraph& graph, std::span<const RevIndex> applied,
                                        std::span<const std::string> replaced_absent) {
  if (graph.squashes().empty()) {
    std::vector<RevIndex> out(applied.begin(), applied.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  return view_of(graph, applied, replaced_absent).applied();
}

Plan plan_upgrade(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target,
                  std::span<const std::string> replaced_absent) {
  if (graph.squashes().empty()) return detail::upgrade_steps(graph, applied, target);
  const auto view = view_of(graph, applied, replaced_absent);
  auto plan = detail::upgrade_steps(graph, view.applied(), target);
  std::vector<Step> steps;
  for (const auto squash : view.to_record) steps.push_back({squash, Direction::up, true});
  for (const auto& step : plan.steps) {
    // A replaced revision of a squash that counts as applied (`upgrade r2` once the squash of r1..r3 ran).
    if (view.effective[step.revision]) continue;
    const auto* partial = partial_of(view, step.revision);
    if (partial == nullptr) {
      steps.push_back(step);
      continue;
    }
    if (!partial->originals_present) throw_stranded(graph, *partial, "neither they nor the squash can run");
    for (const auto& id : partial->missing) steps.push_back({*graph.find(id), Direction::up});
    steps.push_back({step.revision, Direction::up, true});
  }
  plan.steps = std::move(steps);
  return plan;
}

Plan plan_downgrade(const RevisionGraph& graph, std::span<const RevIndex> applied, std::string_view target,
                    std::span<const std::string> replaced_absent) {
  if (graph.squashes().empty()) return detail::downgrade_steps(graph, applied, target);
  const auto view = view_of(graph, applied, replaced_absent);
  auto plan = detail::downgrade_steps(graph, view.applied(), target);
  detail::Queries queries(graph);
  // Removing what a partly applied squash stands on would leave its recorded originals above nothing.
  for (const auto& partial : view.partial) {
    if (partial.originals_present) continue;
    for (const auto& step : plan.steps)
      if (queries.is_ancestor(step.revision, partial.squash))
        throw_stranded(graph, partial,
                       fmt::format("removing {} below them cannot be planned", graph.id(step.revision)));
  }
  return plan;
}

}  // namespace strata::graph
