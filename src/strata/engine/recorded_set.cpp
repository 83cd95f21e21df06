#include "strata/engine/recorded_set.hpp"

#include <fmt/format.h>

namespace strata::engine {

RecordedSet::RecordedSet(const repo::Repository& repository, const std::vector<graph::RevIndex>& applied,
                         const std::vector<std::string>& replaced_absent)
    : m_repository(repository),
      m_applied(repository.graph().size(), 0),
      m_absent(replaced_absent.begin(), replaced_absent.end()) {
  for (const auto index : applied) m_applied.at(index) = 1;
}

std::vector<RowChange> RecordedSet::apply(const graph::Step& step) {
  const auto& graph = m_repository.graph();
  const auto& file = m_repository.file(step.revision);
  const bool up = step.direction == graph::Direction::up;
  const auto action = step.record_only ? db::LogAction::stamp : up ? db::LogAction::upgrade : db::LogAction::downgrade;
  std::vector<RowChange> changes;
  // A squash counted as applied without being recorded (all it replaces is) has no row of its own to delete.
  if (up || contains(step.revision))
    changes.push_back({up, file.revision.id, file.checksum, true, action,
                       step.record_only
                           ? fmt::format("squash {}: every revision it replaces is applied", file.revision.id)
                           : file.revision.path});
  set(step.revision, up);
  if (step.record_only) return changes;
  for (const auto& id : file.revision.replaces) {
    const auto index = graph.find(id);
    const bool recorded = index ? contains(*index) : m_absent.contains(id);
    if (recorded == up) continue;
    const auto detail = fmt::format("replaced by squash {}", file.revision.id);
    if (index) {
      changes.push_back({up, id, m_repository.file(*index).checksum, false, action, detail});
      set(*index, up);
    } else {
      changes.push_back({up, id, "", false, action, detail});
      if (up) m_absent.insert(id);
      else m_absent.erase(id);
    }
  }
  return changes;
}

std::vector<graph::RevIndex> RecordedSet::applied() const {
  std::vector<graph::RevIndex> out;
  for (graph::RevIndex index = 0; index < m_applied.size(); ++index)
    if (m_applied[index]) out.push_back(index);
  return out;
}

}  // namespace strata::engine
