#pragma once
// Ctrl-C for commands that create scratch databases: while an InterruptGuard lives, SIGINT and SIGTERM only set a
// flag, which the library polls between steps (ScratchSettings::cancelled) and answers by stopping, so the
// scratch database is dropped on the way out. A second signal ends the process at once, as usual.

namespace strata::cli {

class InterruptGuard {
public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Whether a signal arrived since the guard was installed.
  static bool requested() noexcept;
};

}  // namespace strata::cli
