#pragma once
// What the engine reports while it runs. The engine never prints: the CLI renders these events (a line per
// migration on a terminal, JSON Lines with --json) and the library's users may ignore them.
#include <cstdint>
#include <string>
#include <vector>

#include "strata/graph/plan.hpp"

namespace strata::engine {

struct StepEvent {
  std::string revision;
  graph::Direction direction = graph::Direction::up;
  std::string path;
  std::string message;
  std::size_t index = 0;     // 0-based position in the plan
  std::size_t total = 0;     // steps in the plan
  std::int64_t ms = 0;       // duration; set on step_finished only
  bool record_only = false;  // a squash recorded without running: every revision it replaces is applied
  // What the server said while the step ran (PostgreSQL NOTICEs such as "relation ... already exists, skipping");
  // set on step_finished only.
  std::vector<std::string> notices;
};

class ProgressSink {
public:
  virtual ~ProgressSink() = default;
  // Before the first step, once the plan is known (also for an empty plan).
  virtual void plan_started(std::size_t /*total_steps*/) {}
  virtual void step_started(const StepEvent& /*step*/) {}
  // Before each statement of the step last started runs: `index` is 0-based, `count` the statements of its section.
  virtual void statement_started(std::size_t /*index*/, std::size_t /*count*/) {}
  virtual void step_finished(const StepEvent& /*step*/) {}
  // `upgrade --backup`: the backup is written (before anything changed) and how to restore it.
  virtual void backup_written(const std::string& /*path*/, const std::string& /*restore_command*/) {}
  // `--backup PATH` when the plan is empty: nothing will change, so no backup was taken.
  virtual void backup_skipped(const std::string& /*path*/) {}
};

// The sink used when the caller gives none.
class SilentProgress final : public ProgressSink {};

}  // namespace strata::engine
