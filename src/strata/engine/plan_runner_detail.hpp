#pragma once
// What plan_runner.cpp and plan_runner_dirty.cpp share: timing, the step's direction, and the texts both compose.
// Internal to engine/.
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine::plan_runner_detail {

using Clock = std::chrono::steady_clock;

inline std::int64_t elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

inline bool is_up(const graph::Step& step) { return step.direction == graph::Direction::up; }

// What the dirty row keeps: the server's message and SQLSTATE (the file, line and database are known already).
inline std::string short_text(const DatabaseError& error) {
  const auto& fields = error.fields();
  if (fields.server_message.empty()) return error.what();
  return fields.sqlstate.empty() ? fields.server_message
                                 : fmt::format("{} [{}]", fields.server_message, fields.sqlstate);
}

// After a failure that left nothing half-done: run the command again. `selection` names the database again
// (" --db auth"), so the hint can be pasted as it is; the target may differ from this run's, hence "the same".
inline std::string rerun_hint(const graph::Step& step, const std::string& revision, const std::string& selection) {
  return fmt::format(
      "\nhint: once the cause is fixed (the statement, the connection, the disk), run the same `strata {}{}` again: "
      "it continues with {}",
      is_up(step) ? "upgrade" : "downgrade", selection, revision);
}

}  // namespace strata::engine::plan_runner_detail
