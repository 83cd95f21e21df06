#include "strata/engine/rehash.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/session.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine {

RehashReport rehash(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                    const std::vector<std::string>& revisions) {
  const auto& graph = repository.graph();
  Session session(repository, database, settings, {MissingPolicy::refuse, LockPolicy::wait, DirtyPolicy::refuse});
  auto& store = session.store();
  const auto& state = session.state();
  RehashReport report;
  report.database = database.url.redacted();

  std::vector<char> applied(graph.size(), 0);
  for (const auto index : state.applied) applied[index] = 1;
  std::vector<char> chosen(graph.size(), 0);
  if (revisions.empty()) {
    for (const auto index : state.applied) chosen[index] = 1;
  }
  for (const auto& target : revisions) {
    for (const auto index : graph::resolve(graph, target)) {
      if (!applied[index])
        throw UsageError(
            ErrorCode::not_applied,
            fmt::format("{}: revision {} ({}) is not applied, and rehash only re-records the checksum "
                        "of applied revisions; nothing was changed\nhint: `strata status{}` lists what "
                        "is applied",
                        report.database, graph.id(index), graph.revision(index).path, selection_options(database)));
      chosen[index] = 1;
    }
  }

  std::vector<std::string> stored(graph.size());
  for (const auto& row : state.rows)
    if (const auto index = graph.find(row.revision)) stored[*index] = row.checksum;
  for (const auto index : state.applied) {
    if (!chosen[index]) continue;
    const auto& file = repository.file(index);
    if (stored[index] == file.checksum) {
      if (!revisions.empty()) report.unchanged.push_back(file.revision.id);
      continue;
    }
    report.rehashed.push_back({file.revision.id, file.revision.path, stored[index], file.checksum});
  }
  if (report.rehashed.empty()) return report;

  auto transaction = session.begin_write();
  for (const auto& change : report.rehashed) {
    store.update_checksum(change.revision, change.new_checksum);
    store.log(db::LogAction::stamp, change.revision,
              fmt::format("rehash: checksum {} -> {}", change.old_checksum, change.new_checksum));
  }
  transaction.commit();
  return report;
}

}  // namespace strata::engine
