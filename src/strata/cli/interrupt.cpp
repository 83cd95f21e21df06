#include "strata/cli/interrupt.hpp"

#include <csignal>

namespace strata::cli {

namespace {

volatile std::sig_atomic_t g_requested = 0;
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

void on_signal(int signal_number) {
  g_requested = 1;
  // The second one is not polite: restore the default action so it ends the process.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(signal_number, &default_action, nullptr);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_requested = 0;
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

bool InterruptGuard::requested() noexcept { return g_requested != 0; }

}  // namespace strata::cli
