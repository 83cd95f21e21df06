#pragma once
// Renders the engine's progress events: JSON Lines with --json (one `step` object per migration as it finishes);
// on a terminal one line per migration with its duration, or a one-line bar redrawn in place when the plan has
// more than 20 steps; nothing in a pipe unless -v (then one line per migration).
#include "strata/cli/output.hpp"
#include "strata/engine/progress.hpp"

namespace strata::cli::commands {

class ProgressPrinter final : public engine::ProgressSink {
public:
  enum class Mode { quiet, lines, bar, json };

  ProgressPrinter(Output& out, Mode mode) : m_out(out), m_mode(mode) {}
  // The mode for this output: json, else lines/bar on a terminal, lines with -v, quiet otherwise.
  static Mode choose(bool json, bool terminal, bool verbose);

  void plan_started(std::size_t total_steps) override;
  void step_started(const engine::StepEvent& step) override;
  void step_finished(const engine::StepEvent& step) override;
  void backup_written(const std::string& path, const std::string& restore_command) override;
  void backup_skipped(const std::string& path) override;
  // Ends the bar's line, if one is drawn (call before printing anything else).
  void finish();

private:
  Output& m_out;
  Mode m_mode;
  Mode m_active = Mode::quiet;
  bool m_bar_drawn = false;
};

}  // namespace strata::cli::commands
