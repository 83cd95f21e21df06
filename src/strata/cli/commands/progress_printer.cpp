#include "strata/cli/commands/progress_printer.hpp"

#include <fmt/format.h>

#include "strata/util/human_duration.hpp"

namespace strata::cli::commands {

namespace {

// Plans longer than this get a bar instead of a line per migration on a terminal.
constexpr std::size_t k_bar_threshold = 20;
constexpr std::size_t k_bar_width = 30;

std::string direction_name(graph::Direction direction) { return direction == graph::Direction::up ? "up" : "down"; }

}  // namespace

ProgressPrinter::Mode ProgressPrinter::choose(bool json, bool terminal, bool verbose) {
  if (json) return Mode::json;
  if (verbose) return Mode::lines;
  return terminal ? Mode::bar : Mode::quiet;  // the bar becomes lines for short plans
}

void ProgressPrinter::plan_started(std::size_t total_steps) {
  m_active = m_mode;
  if (m_mode == Mode::bar && total_steps <= k_bar_threshold) m_active = Mode::lines;
}

void ProgressPrinter::step_started(const engine::StepEvent&) {}

void ProgressPrinter::step_finished(const engine::StepEvent& step) {
  switch (m_active) {
    case Mode::quiet: return;
    case Mode::json: {
      Json event{{"event", "step"},
                 {"revision", step.revision},
                 {"direction", direction_name(step.direction)},
                 {"path", step.path},
                 {"ms", step.ms},
                 {"notices", step.notices}};
      // A squash recorded without running (every revision it replaces was applied).
      if (step.record_only) event["record_only"] = true;
      m_out.event(event);
      return;
    }
    case Mode::lines: {
      if (step.record_only) {
        m_out.line(fmt::format("  record  {}  {}  (a squash: every revision it replaces is applied)",
                               m_out.paint(step.revision, Style::id), step.message));
        return;
      }
      // "up" and "down" padded to one width, so that the ids line up.
      m_out.line(fmt::format("  {}{}{}  {}  ({})", direction_name(step.direction),
                             step.direction == graph::Direction::up ? "    " : "  ",
                             m_out.paint(step.revision, Style::id), step.message,
                             util::human_duration(std::chrono::milliseconds(step.ms))));
      for (const auto& notice : step.notices) m_out.line(fmt::format("        {}", notice));
      return;
    }
    case Mode::bar: {
      const std::size_t done = step.index + 1;
      const std::size_t filled = step.total == 0 ? k_bar_width : done * k_bar_width / step.total;
      m_out.redraw(fmt::format("[{}{}] {}/{}  {} ({})", std::string(filled, '#'),
                               std::string(k_bar_width - filled, ' '), done, step.total, step.revision,
                               util::human_duration(std::chrono::milliseconds(step.ms))));
      m_bar_drawn = true;
      return;
    }
  }
}

void ProgressPrinter::backup_written(const std::string& path, const std::string& restore_command) {
  if (m_mode == Mode::json) {
    m_out.event(Json{{"event", "backup"}, {"path", path}, {"restore", restore_command}});
    return;
  }
  // Always shown: whoever asked for a backup needs to know how to use it, even in a pipe.
  m_out.line(fmt::format("backup written to {}; to restore: {}", path, restore_command));
}

void ProgressPrinter::backup_skipped(const std::string& path) {
  if (m_mode == Mode::json) {
    m_out.event(Json{{"event", "backup"}, {"path", path}, {"skipped", true}, {"reason", "nothing to do"}});
    return;
  }
  m_out.line(fmt::format("no backup taken ({}): nothing to do", path));
}

void ProgressPrinter::finish() {
  if (m_bar_drawn) m_out.end_redraw();
  m_bar_drawn = false;
}

}  // namespace strata::cli::commands
