// `adopt [REV]`: record a database as being at REV when its schema is REV's schema.
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
  return std::to_string(differences) + (differences == 1 ? " difference" : " differences");
}

std::string listed(const std::vector<schema::Difference>& differences) {
  std::string text;
  for (const auto& difference : differences) text += "\n  " + schema::format_difference(difference);
  return text;
}

// The options that select this database again, for a hint (the URL as printed: its password is masked).
std::string selection(const SelectedDatabase& database) {
  if (database.entry) return " --db " + database.name;
  if (database.name == "url") return " --url '" + database.url.redacted() + "'";
  return "";  // $DATABASE_URL selects it again
}

// The revision identify() finds, when it finds exactly one.
std::string identified_revision(const repo::Repository& repository, const SelectedDatabase& database,
                                const RunSettings& settings, const ScratchSettings& scratch,
                                const IdentifyOptions& options) {
  const auto found = identify(repository, database, settings, scratch, options);
  const std::string url = database.url.redacted();
  if (!found.matched()) {
    std::string message = "the schema of " + url + " matches no revision";
    if (found.closest)
      message += "; the closest is " + heads_text(found.closest->heads) + ", with " +
                 counted(found.differences.size()) + ":" + listed(found.differences);
    throw MismatchError(
        ErrorCode::no_match,
        message + "\nhint: to record the closest revision anyway, run: strata adopt " +
            (found.closest && found.closest->heads.size() == 1 ? found.closest->heads.front() : std::string("REV")) +
            selection(database) + " --force");
  }
  if (found.matches.size() > 1 || found.matches.front().heads.size() != 1) {
    std::string message = "the schema of " + url + " matches several states: ";
    for (std::size_t i = 0; i < found.matches.size(); ++i)
      message += (i == 0 ? "" : "; ") + heads_text(found.matches[i].heads);
    throw UsageError(
        ErrorCode::ambiguous_match,
        message +
            " (migrations that change nothing leave equal schemas)\nhint: name the revision: "
            "strata adopt " +
            (found.matches.back().heads.empty() ? std::string("REV") : found.matches.back().heads.front()) +
            selection(database));
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
                        "refusing to adopt " + report.revision + ": the schema of " + report.database +
                            " differs from the schema " + report.revision + " produces (" +
                            counted(report.differences.size()) + "; expected: " + report.revision +
                            ", actual: the database); nothing was recorded:" + listed(report.differences) +
                            "\nhint: find the revision it does match with: strata identify" + selection(database));
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
  const std::string detail = report.forced ? "adopt " + report.revision +
                                                 " --force: recorded although the schema differs (" +
                                                 counted(report.differences.size()) + ")"
                                           : "adopt " + report.revision + ": the schema matches";
  store.log(db::LogAction::stamp, report.revision, detail);
  if (settings.store.alembic_version) store.set_alembic_heads(graph.ids(graph.maximal(target)));
  transaction.commit();
  return report;
}

}  // namespace strata::engine
