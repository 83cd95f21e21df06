#pragma once

namespace strata {

// Exit codes, as in the design: the CLI maps every error to one of these.
enum class ExitCode : int {
  ok = 0,
  problems = 1,      // a check found problems, or the database has pending revisions (status --exit-code)
  usage = 2,         // bad arguments or configuration
  repository = 3,    // bad file, bad graph, or database and repository disagree
  database = 4,      // unreachable, SQL failure, dirty
  lock_timeout = 5,  // the migration lock was not acquired in time
  interrupted = 130,  // stopped by Ctrl-C (SIGINT), after cleaning up (128 + SIGINT, as shells report it)
};

}  // namespace strata
