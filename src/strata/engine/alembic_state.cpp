#include "strata/engine/alembic_state.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/strings.hpp"

namespace strata::engine {

std::string to_string(AlembicRelation relation) {
  switch (relation) {
    case AlembicRelation::not_adopted: return "not_adopted";
    case AlembicRelation::in_step: return "in_step";
    case AlembicRelation::ahead: return "ahead";
    case AlembicRelation::behind: return "behind";
    case AlembicRelation::unknown_revision: return "unknown_revision";
  }
  return "in_step";
}

std::optional<AlembicComparison> compare_alembic(db::VersionStore& store, const repo::Repository& repository,
                                                 const DatabaseState& state, bool maintained) {
  const auto heads = store.alembic_heads();
  if (heads.empty()) return std::nullopt;
  const auto& graph = repository.graph();
  AlembicComparison comparison;
  comparison.heads = heads;
  std::vector<graph::RevIndex> known;
  for (const auto& head : heads) {
    if (const auto index = graph.find(head)) known.push_back(*index);
    else comparison.unknown.push_back(head);
  }
  // A squash in Alembic's lineage stands for the revisions it replaces, which strata records beside it.
  comparison.lineage = graph::effective_applied(graph, graph.ancestors(known));
  std::vector<char> applied(graph.size(), 0);
  std::vector<char> in_lineage(graph.size(), 0);
  for (const auto index : state.applied) applied[index] = 1;
  for (const auto index : comparison.lineage) {
    in_lineage[index] = 1;
    if (!applied[index]) comparison.missing.push_back(graph.id(index));
  }
  for (const auto index : state.applied)
    if (!in_lineage[index]) comparison.extra.push_back(graph.id(index));
  if (!comparison.unknown.empty()) comparison.relation = AlembicRelation::unknown_revision;
  else if (state.rows.empty()) comparison.relation = AlembicRelation::not_adopted;
  else if (!comparison.missing.empty()) comparison.relation = AlembicRelation::ahead;
  else if (maintained && !comparison.extra.empty()) comparison.relation = AlembicRelation::behind;
  return comparison;
}

AlembicAdvice alembic_advice(const AlembicComparison& comparison, const SelectedDatabase& database) {
  const std::string heads = util::join(comparison.heads, ", ");
  const std::string flags = selection_options(database);
  switch (comparison.relation) {
    case AlembicRelation::in_step: return {};
    case AlembicRelation::not_adopted:
      return {
          fmt::format("Alembic manages this database (alembic_version: {}) and strata does not yet: strata's "
                      "version store is empty",
                      heads),
          fmt::format("record {} and its ancestors as applied, running nothing: strata adopt-alembic{}", heads, flags)};
    case AlembicRelation::ahead:
      return {fmt::format("alembic_version ({}) is ahead of strata's version store, which lacks {}: Alembic ran "
                          "after the adoption",
                          heads, util::join(comparison.missing, ", ")),
              fmt::format("record them in strata's store, running nothing: strata adopt-alembic --sync{}", flags)};
    case AlembicRelation::behind:
      return {fmt::format("alembic_version ({}) lacks {}, which strata's version store records as applied: Alembic "
                          "downgraded after strata last ran",
                          heads, util::join(comparison.extra, ", ")),
              fmt::format("strata does not move its store backward on its own; if the schema was rolled back, "
                          "record that, running nothing: strata stamp --purge {}{}",
                          util::join(comparison.heads, " "), flags)};
    case AlembicRelation::unknown_revision:
      return {fmt::format("alembic_version names {}, which the repository lacks: the database is ahead of the code",
                          util::join(comparison.unknown, ", ")),
              fmt::format("run strata with the code that has {}",
                          comparison.unknown.size() == 1 ? "that revision" : "those revisions")};
  }
  return {};
}

std::string alembic_message(const AlembicComparison& comparison, const SelectedDatabase& database) {
  const auto advice = alembic_advice(comparison, database);
  return advice.problem.empty() ? "" : fmt::format("{}\nhint: {}", advice.problem, advice.hint);
}

void require_known_alembic_rows(db::VersionStore& store, const graph::RevisionGraph& graph, const std::string& database,
                                const std::string& command) {
  std::vector<std::string> unknown;
  for (const auto& row : store.alembic_heads())
    if (!graph.find(row)) unknown.push_back(row);
  if (unknown.empty()) return;
  throw MismatchError(ErrorCode::alembic_row_unknown,
                      fmt::format("{}: alembic_version holds {}, which the repository lacks; replacing it would lose "
                                  "what Alembic recorded there; nothing was changed\nhint: run this with the code "
                                  "that has {}, or replace the row anyway: {}",
                                  database, util::join(unknown, ", "),
                                  unknown.size() == 1 ? "that revision" : "those revisions", command));
}

}  // namespace strata::engine
