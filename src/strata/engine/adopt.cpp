// `adopt [REV]`: record a database as being at REV when its schema is REV's schema.
#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/engine/database_state.hpp"
#include "strata/engine/session.hpp"
#include "strata/engine/schema_checks.hpp"
#include "strata/graph/plan.hpp"
#include "strata/util/strings.hpp"

namespace strata::engine {

namespace {

std::string heads_text(const std::vector<std::string>& heads) {
  return heads.empty() ? std::string("base") : util::join(heads, ", ");
}

std::string counted(std::size_t differences) {
  return fmt::format("{} {}", differences, differences == 1 ? "difference" : "differences");
}

std::string listed(const std::vector<schema::Difference>& differences) {
  std::string text;
  for (const auto& difference : differences) text += fmt::format("\n  {}", schema::format_difference(difference));
  return text;
}

// The revision identify() finds, when it finds exactly one.
std::string identified_revision(const repo::Repository& repository, const SelectedDatabase& database,
                                const RunSettings& settings, const ScratchSettings& scratch,
                                const IdentifyOptions& options) {
  const auto found = identify(repository, database, settings, scratch, options);
  const std::string url = database.url.redacted();
  if (!found.matched()) {
    std::string message = fmt::format("the schema of {} matches no revision", url);
    if (found.closest)
      message += fmt::format("; the closest is {}, with {}:{}", heads_text(found.closest->heads),
                             counted(found.differences.size()), listed(found.differences));
    throw MismatchError(
        ErrorCode::no_match,
        fmt::format("{}\nhint: to record the closest revision anyway, run: strata adopt {}{} --force", message,
                    found.closest && found.closest->heads.size() == 1 ? found.closest->heads.front() : "REV",
                    selection_options(database)));
  }
  if (found.matches.size() > 1 || found.matches.front().heads.size() != 1) {
    std::vector<std::string> states;
    for (const auto& match : found.matches) states.push_back(heads_text(match.heads));
    throw UsageError(ErrorCode::ambiguous_match,
                     fmt::format("the schema of {} matches several states: {} (migrations that change nothing leave "
                                 "equal schemas)\nhint: name the revision: strata adopt {}{}",
                                 url, util::join(states, "; "),
                                 found.matches.back().heads.empty() ? "REV" : found.matches.back().heads.front(),
                                 selection_options(database)));
  }
  return found.matches.front().heads.front();
}

}  // namespace

AdoptReport adopt(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                  const ScratchSettings& scratch, const std::optional<std::string>& revision, bool force,
                  const IdentifyOptions& options) {
  const auto& graph = repository.graph();
  AdoptReport report;
  report.database = database.url.redacted();
  report.revision = revision ? *revision : identified_revision(repository, database, settings, scratch, options);
  const auto resolved = graph::resolve(graph, report.revision);
  const auto target = graph.ancestors(resolved);
  if (resolved.size() == 1) report.revision = graph.id(resolved.front());

  const auto live = read_live_snapshot(database, settings, scratch);
  {
    Replayer replayer(repository, database.url, scratch);
    replayer.move_to(target);
    const auto expected = replayer.snapshot();
    replayer.finish();
    report.differences = schema::diff(expected, live, options.compare);
  }
  if (!report.differences.empty() && !force)
    throw MismatchError(ErrorCode::schema_mismatch,
                        fmt::format("refusing to adopt {0}: the schema of {1} differs from the schema {0} produces "
                                    "({2}; expected: {0}, actual: the database); nothing was recorded:{3}\nhint: find "
                                    "the revision it does match with: strata identify{4}",
                                    report.revision, report.database, counted(report.differences.size()),
                                    listed(report.differences), selection_options(database)));
  report.forced = !report.differences.empty();

  // The rows are replaced whatever they say, so the state is not read.
  Session session(repository, database, settings, {MissingPolicy::refuse, LockPolicy::wait, DirtyPolicy::unread});
  auto& store = session.store();
  std::vector<db::RevisionChecksum> rows;
  for (const auto index : target) {
    rows.push_back({graph.id(index), repository.file(index).checksum});
    report.recorded.push_back(graph.id(index));
  }
  auto transaction = session.begin_write();
  store.replace_all(rows);
  const std::string detail = report.forced ? fmt::format("adopt {} --force: recorded although the schema differs ({})",
                                                         report.revision, counted(report.differences.size()))
                                           : fmt::format("adopt {}: the schema matches", report.revision);
  store.log(db::LogAction::stamp, report.revision, detail);
  if (settings.store.alembic_version) store.set_alembic_heads(graph.ids(graph.maximal(target)));
  transaction.commit();
  return report;
}

}  // namespace strata::engine
