// `test`: up, down, up for every revision on a scratch database, comparing schemas at each step.
#include <atomic>
#include <future>
#include <optional>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/engine/migration_error.hpp"
#include "strata/engine/schema_checks.hpp"
#include "strata/engine/section_runner.hpp"
#include "strata/graph/plan.hpp"
#include "strata/schema/tracked_comparison.hpp"

namespace strata::engine {

std::string_view to_string(FindingKind kind) noexcept {
  switch (kind) {
    case FindingKind::up_failed: return "up_failed";
    case FindingKind::no_down: return "no_down";
    case FindingKind::empty_down: return "empty_down";
    case FindingKind::down_failed: return "down_failed";
    case FindingKind::down_leaves_changes: return "down_leaves_changes";
    case FindingKind::second_up_failed: return "second_up_failed";
    case FindingKind::second_up_differs: return "second_up_differs";
  }
  return "unknown";
}

bool RoundTripReport::ok() const noexcept {
  for (const auto& revision : revisions)
    if (!revision.findings.empty()) return false;
  return one_shot_equal.value_or(true);
}

namespace {

std::optional<graph::RevIndex> resolve_one(const graph::RevisionGraph& graph, const std::optional<std::string>& target,
                                           std::string_view option) {
  if (!target) return std::nullopt;
  const auto resolved = graph::resolve(graph, *target);
  if (resolved.size() != 1)
    throw UsageError(ErrorCode::bad_range,
                     fmt::format("{} {} names {}; name one revision", option, *target,
                                 resolved.empty() ? std::string("no revision (base)")
                                                  : fmt::format("{} revisions", resolved.size())));
  return resolved.front();
}

// The migration error's text, which names file:line and the SQLSTATE.
std::string failure_text(const DatabaseError& error) { return error.what(); }

// The groups the replayer's last read replaced, or nullopt when it read everything (anything may have changed).
using Changed = std::optional<schema::GroupSet>;

Changed changed_by(const Replayer& replayer) {
  const schema::GroupSet* groups = replayer.changed_groups();
  return groups ? Changed(*groups) : std::nullopt;
}

Changed either(const Changed& first, const Changed& second) {
  if (!first || !second) return std::nullopt;
  schema::GroupSet groups = *first;
  groups.insert(second->begin(), second->end());
  return groups;
}

// difference_count(expected, actual) for two schemas that can differ only in `changed`: at the cost of what the
// steps between them changed, not of the whole schema, at every revision.
std::size_t count_between(const schema::Snapshot& expected, const schema::Snapshot& actual, const Changed& changed,
                          const schema::CompareOptions& options) {
  return changed ? schema::difference_count_in(expected, actual, *changed, options)
                 : schema::difference_count(expected, actual, options);
}

// A later schema as a change to an earlier one: the groups a read replaced with their objects then, or the whole
// schema when the read was a full one. What `test` keeps instead of a copy of the whole schema per revision.
struct SchemaChange {
  Changed groups;
  schema::Snapshot objects;
};

SchemaChange change_to(const schema::Snapshot& now, const Changed& groups) {
  return groups ? SchemaChange{groups, schema::group_subset(now, *groups)} : SchemaChange{std::nullopt, now};
}

void apply(schema::Snapshot& schema, SchemaChange change) {
  if (change.groups) schema::replace_groups(schema, *change.groups, std::move(change.objects));
  else schema = std::move(change.objects);
}

// The schema that applying every revision once gives, on the scratch database the step-by-step run used, when its
// down sections take it back to exactly the schema it started with: that saves creating and dropping a second
// database. nullopt when they do not (a down section that fails, is missing or leaves something behind): then only
// a new database is a fair start.
std::optional<schema::Snapshot> rerun_from_empty(Replayer& replayer, const schema::Snapshot& empty,
                                                 std::span<const graph::RevIndex> heads) {
  try {
    replayer.move_to({});
    // Every attribute counts here, column order and grants included.
    const schema::CompareOptions everything{true, true};
    if (schema::difference_count(empty, replayer.snapshot(), everything) > 0) return std::nullopt;
    replayer.move_to(heads);
    return replayer.snapshot();
  } catch (const Error& error) {
    if (error.code() == ErrorCode::interrupted) throw;
    return std::nullopt;
  }
}

// The schema that applying every revision once from empty gives, built on a scratch database of its own while the
// step-by-step run works on the other. The two runs share nothing but the server: where it has a core to spare, the
// test takes about the time of the step-by-step run alone rather than of both. Stopped early (an "interrupted"
// error inside, never seen) when the test ends without wanting it; the destructor waits for the thread, so its
// scratch database is always dropped before the test returns.
class OneRun {
public:
  OneRun(const repo::Repository& repository, const db::DatabaseUrl& near, ScratchSettings settings,
         std::vector<graph::RevIndex> heads) {
    settings.cancelled = [this, outer = std::move(settings.cancelled)] { return m_stop || (outer && outer()); };
    m_result =
        std::async(std::launch::async, [&repository, near, settings = std::move(settings), heads = std::move(heads)] {
          Replayer replayer(repository, near, settings);
          replayer.move_to(heads);
          schema::Snapshot snapshot = replayer.snapshot();
          replayer.finish();
          return snapshot;
        });
  }
  ~OneRun() {
    m_stop = true;
    if (m_result.valid()) m_result.wait();
  }
  OneRun(const OneRun&) = delete;
  OneRun& operator=(const OneRun&) = delete;

  // The schema, or the run's error.
  schema::Snapshot get() { return m_result.get(); }

private:
  std::atomic<bool> m_stop{false};
  std::future<schema::Snapshot> m_result;
};

}  // namespace

RoundTripReport round_trip_test(const repo::Repository& repository, const db::DatabaseUrl& near,
                                const ScratchSettings& scratch, const RoundTripOptions& options) {
  const auto& graph = repository.graph();
  const auto from = resolve_one(graph, options.from, "--from");
  const auto to = resolve_one(graph, options.to, "--to");
  const auto in_range = [&](graph::RevIndex index) {
    return (!from || graph.is_ancestor(*from, index)) && (!to || graph.is_ancestor(index, *to));
  };

  RoundTripReport report;
  Replayer replayer(repository, near, scratch);
  const auto heads = graph.ancestors(graph.heads());
  // An explicit scratch database is a single one: there the one run waits for the step-by-step run to end.
  std::optional<OneRun> concurrent;
  if (!scratch.url) concurrent.emplace(repository, near, scratch, heads);
  const schema::Snapshot empty = replayer.snapshot();
  // The schema before the next revision's up (nullopt: not read yet). It follows the replayer group by group: each
  // comparison below covers only the groups the steps since its schema changed.
  std::optional<schema::Snapshot> before;
  bool broken = false;
  for (const auto index : upgrade_order(graph)) {
    const auto& file = repository.file(index);
    if (!in_range(index)) {
      replayer.step(index, graph::Direction::up);  // a failure here is the repository's, not the test's finding
      before.reset();
      continue;
    }
    if (!before) before = replayer.snapshot();
    RevisionTest test{file.revision.id, file.revision.path, {}};
    const auto finish = [&](Finding finding) { test.findings.push_back(std::move(finding)); };
    try {
      replayer.step(index, graph::Direction::up);
    } catch (const DatabaseError& error) {
      finish({FindingKind::up_failed, failure_text(error), {}});
      report.revisions.push_back(std::move(test));
      broken = true;
      break;
    }
    // The schema after up, as its change to `before`; `before` becomes it once the down section is checked. (The
    // read first: changed_by() tells what the last read replaced.)
    const schema::Snapshot& done = replayer.snapshot();
    SchemaChange after = change_to(done, changed_by(replayer));
    bool at_after = false;
    if (!file.down) {
      finish({FindingKind::no_down,
              fmt::format("revision {} has no down section ({})", file.revision.id, file.revision.path),
              {}});
    } else if (split_section(near.engine(), *file.down, file.revision.path).empty()) {
      finish({FindingKind::empty_down,
              fmt::format("the down section of {} ({}:{}) has no statements", file.revision.id, file.revision.path,
                          file.down->first_line),
              {}});
    } else {
      bool down_ran = true;
      try {
        replayer.step(index, graph::Direction::down);
      } catch (const DatabaseError& error) {
        finish({FindingKind::down_failed, failure_text(error), {}});
        down_ran = false;
        if (file.transaction == repo::TransactionMode::none) broken = true;
      }
      if (down_ran) {
        const schema::Snapshot& undone = replayer.snapshot();
        const Changed down_changed = changed_by(replayer);
        // Counting first: it allocates little, and almost every step has no difference to list.
        std::vector<schema::Difference> differences;
        if (count_between(*before, undone, either(after.groups, down_changed), options.compare) > 0)
          differences = schema::diff(*before, undone, options.compare);
        if (!differences.empty())
          finish({FindingKind::down_leaves_changes,
                  fmt::format("the down section of {} does not undo its up section ({} differences from the "
                              "schema before it)",
                              file.revision.id, differences.size()),
                  std::move(differences)});
        apply(*before, std::move(after));
        at_after = true;
        try {
          replayer.step(index, graph::Direction::up);
          const schema::Snapshot& again = replayer.snapshot();
          const Changed redone = either(down_changed, changed_by(replayer));
          std::vector<schema::Difference> changed;
          if (count_between(*before, again, redone, options.compare) > 0)
            changed = schema::diff(*before, again, options.compare);
          if (!changed.empty())
            finish({FindingKind::second_up_differs,
                    fmt::format("up, down, up of {} gives another schema than the first up ({} differences)",
                                file.revision.id, changed.size()),
                    std::move(changed)});
          apply(*before, change_to(again, redone));
        } catch (const DatabaseError& error) {
          finish({FindingKind::second_up_failed, failure_text(error), {}});
          broken = true;
        }
      }
    }
    report.revisions.push_back(std::move(test));
    if (broken) break;
    if (!at_after) apply(*before, std::move(after));
  }
  if (broken) return report;
  // The replayer's snapshot is copied, not referenced: the one run below moves the scratch database on.
  const auto stepwise = before ? std::move(*before) : schema::Snapshot(replayer.snapshot());
  std::optional<schema::Snapshot> one_run;
  if (concurrent) {
    replayer.finish();
    one_run = concurrent->get();
  } else {
    one_run = rerun_from_empty(replayer, empty, heads);
    replayer.finish();
  }
  if (!one_run) {
    Replayer fresh(repository, near, scratch);
    fresh.move_to(heads);
    one_run = fresh.snapshot();
    fresh.finish();
  }
  report.one_shot_differences = schema::diff(stepwise, *one_run, options.compare);
  report.one_shot_equal = report.one_shot_differences.empty();
  return report;
}

}  // namespace strata::engine
