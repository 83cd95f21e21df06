#include "spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "support/run_strata.hpp"

extern char** environ;

namespace strata::testing {

SpawnedStrata::SpawnedStrata(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                             const std::filesystem::path& output_file) {
  std::vector<std::string> argv_strings{strata_binary().string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& text : argv_strings) argv.push_back(text.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry)
    if (!std::string_view(*entry).starts_with("DATABASE_URL=")) env_strings.emplace_back(*entry);
  std::vector<char*> envp;
  for (auto& text : env_strings) envp.push_back(text.data());
  envp.push_back(nullptr);
  const std::string dir = cwd.string();
  const std::string output = output_file.string();

  m_pid = ::fork();
  if (m_pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (m_pid == 0) {  // async-signal-safe calls only until exec
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || ::dup2(in, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0 ||
        ::dup2(out, STDERR_FILENO) < 0 || ::chdir(dir.c_str()) != 0)
      ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
}

SpawnedStrata::~SpawnedStrata() {
  if (!m_reaped && m_pid > 0) kill_and_wait();
}

int SpawnedStrata::kill_and_wait() {
  if (!m_reaped) ::kill(m_pid, SIGKILL);
  return wait();
}

int SpawnedStrata::wait() {
  if (m_reaped) return m_status;
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  m_reaped = true;
  m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return m_status;
}

}  // namespace strata::testing
