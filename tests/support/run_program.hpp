#pragma once
// Runs a program as a child process and captures how it exited and what it printed: any program (the example
// programs, git, sqlite3), and through run_strata.hpp the strata binary this build produced. StartedProgram starts
// one without waiting for it, for a test that kills it at a chosen moment or runs several at once.
#include <csignal>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::testing {

struct RunResult {
  int exit_code = -1;  // the process's exit status; 128 + signal number when it was killed by a signal
  std::string out;
  std::string err;
  int pid = 0;  // the child's process id: strata names its PostgreSQL scratch databases after it
};

struct RunOptions {
  std::filesystem::path cwd = {};               // empty: the test's working directory
  std::map<std::string, std::string> env = {};  // set or override these variables
  std::vector<std::string> unset_env = {};      // remove these variables
  std::optional<std::string> stdin_text = {};   // nothing: stdin is /dev/null
};

// Runs `program args...` (a path; a bare name is looked up in $PATH) and waits for it. Both output streams are
// read while it runs, so a child that prints a lot never blocks. Throws std::runtime_error when it cannot start.
RunResult run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                      const RunOptions& options = {});

// For failure messages: "exit 2\n--- stdout\n...\n--- stderr\n...".
std::string describe(const RunResult& result);

// `program args...` started and left running: to kill it at a chosen moment, to run several at once, or a server
// for the length of a test. Its stdout and stderr go to `output_file` (created or emptied), so a child nobody reads
// never blocks on a full pipe. A child still running when the object goes away is killed (SIGKILL) and reaped.
class StartedProgram {
public:
  // Throws std::runtime_error when it cannot start.
  StartedProgram(const std::filesystem::path& program, const std::vector<std::string>& args,
                 const std::filesystem::path& output_file, const RunOptions& options = {});
  ~StartedProgram();
  StartedProgram(StartedProgram&& other) noexcept;
  StartedProgram& operator=(StartedProgram&&) = delete;
  StartedProgram(const StartedProgram&) = delete;
  StartedProgram& operator=(const StartedProgram&) = delete;

  int pid() const noexcept { return m_pid; }
  // Waits for it to end; how it ended as RunResult::exit_code says (128 + signal number when killed).
  int wait();
  // Sends `signal` (unless it has already been waited for), then waits.
  int kill_and_wait(int signal = SIGKILL);
  // Whether it has ended, without waiting (reaping it if so).
  bool ended();

private:
  int m_pid = -1;
  bool m_reaped = false;
  int m_exit_code = -1;
};

}  // namespace strata::testing
