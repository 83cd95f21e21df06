#pragma once
// Starts the real `strata` binary without waiting for it, so a test can kill it (SIGKILL at a random moment) or
// run several at once. Output goes to a file, so a killed child never blocks on a full pipe.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace strata::testing {

class SpawnedStrata {
public:
  // `strata args...` in `cwd`, without $DATABASE_URL; stdout and stderr to `output_file`.
  SpawnedStrata(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                const std::filesystem::path& output_file);
  // Kills and reaps a child that is still running.
  ~SpawnedStrata();
  SpawnedStrata(const SpawnedStrata&) = delete;
  SpawnedStrata& operator=(const SpawnedStrata&) = delete;

  pid_t pid() const noexcept { return m_pid; }
  // SIGKILL, then wait. Returns the wait status as RunResult does (128 + signal when killed, else the exit code).
  int kill_and_wait();
  int wait();

private:
  pid_t m_pid = -1;
  bool m_reaped = false;
  int m_status = -1;
};

}  // namespace strata::testing
