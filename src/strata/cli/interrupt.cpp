#include "strata/cli/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace strata::cli {

namespace {

// Set by the handler and read by the library's threads too (test builds its one run on a thread of its own): an
// atomic, and a lock-free one, which a signal handler may set.
std::atomic<bool> g_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

void on_signal(int signal_number) {
  g_requested = true;
  // The second one is not polite: restore the default action so it ends the process.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(signal_number, &default_action, nullptr);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_requested = false;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking wait returns early rather than hiding the signal
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

bool InterruptGuard::requested() noexcept { return g_requested; }

}  // namespace strata::cli
