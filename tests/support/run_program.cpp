#include "support/run_program.hpp"
#include "support/git.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "support/temp_dir.hpp"

extern char** environ;

namespace strata::testing {

namespace fs = std::filesystem;

namespace {

// A pipe whose ends close themselves.
class Pipe {
public:
  Pipe() {
    if (::pipe2(m_fds.data(), O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  int read_end() const noexcept { return m_fds[0]; }
  int write_end() const noexcept { return m_fds[1]; }
  void close_read() noexcept { close_fd(m_fds[0]); }
  void close_write() noexcept { close_fd(m_fds[1]); }

private:
  static void close_fd(int& fd) noexcept {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  std::array<int, 2> m_fds{-1, -1};
};

std::vector<std::string> child_environment(const RunOptions& options) {
  std::vector<std::string> env;
  const auto overridden = [&](std::string_view entry) {
    const auto name = entry.substr(0, entry.find('='));
    for (const auto& unset : options.unset_env)
      if (name == unset) return true;
    return options.env.count(std::string(name)) > 0;
  };
  for (char** entry = environ; *entry != nullptr; ++entry)
    if (!overridden(*entry)) env.emplace_back(*entry);
  for (const auto& [name, value] : options.env) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& text : strings) result.push_back(text.data());
  result.push_back(nullptr);
  return result;
}

// A file descriptor that closes itself.
class Fd {
public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return m_fd; }

private:
  int m_fd;
};

Fd open_or_throw(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  return Fd(fd);
}

// Standard input as options.stdin_text says: /dev/null, or a file written before the child starts, so there is
// nothing to feed while its output is read. The file may go once it is open.
Fd child_input(const RunOptions& options) {
  if (!options.stdin_text) return open_or_throw("/dev/null", O_RDONLY);
  const TempDir input_dir;
  return open_or_throw(input_dir.write("stdin", *options.stdin_text).string(), O_RDONLY);
}

// Forks `program args...` with standard input, output and error from the given descriptors, in options.cwd, with
// the environment options gives. Returns the child's process id.
pid_t start_child(const fs::path& program, const std::vector<std::string>& args, const RunOptions& options, int in_fd,
                  int out_fd, int err_fd) {
  std::vector<std::string> argv_strings{program.string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  auto argv = pointers(argv_strings);
  auto env_strings = child_environment(options);
  auto envp = pointers(env_strings);
  const std::string cwd = options.cwd.string();
  // A bare name is looked up in $PATH, as a shell would.
  const bool search_path = program.string().find('/') == std::string::npos;
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // Child: only async-signal-safe calls from here to exec. dup2 clears close-on-exec on the copies.
    if (::dup2(in_fd, STDIN_FILENO) < 0 || ::dup2(out_fd, STDOUT_FILENO) < 0 || ::dup2(err_fd, STDERR_FILENO) < 0)
      ::_exit(126);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    if (search_path) ::execvpe(argv[0], argv.data(), envp.data());
    else ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

// Waits for `pid` (or only looks, with WNOHANG in `flags`); how it ended as RunResult::exit_code says, or nothing
// when it is still running.
std::optional<int> reap(pid_t pid, int flags) {
  int status = 0;
  pid_t reaped = 0;
  while ((reaped = ::waitpid(pid, &status, flags)) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  if (reaped == 0) return std::nullopt;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

// Reads both pipes until both are closed, so a child filling one pipe never blocks.
void drain(Pipe& out_pipe, Pipe& err_pipe, RunResult& result) {
  std::array<pollfd, 2> fds{pollfd{out_pipe.read_end(), POLLIN, 0}, pollfd{err_pipe.read_end(), POLLIN, 0}};
  std::array<std::string*, 2> sinks{&result.out, &result.err};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const auto count = ::read(fds[i].fd, buffer, sizeof buffer);
      if (count > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(count));
      } else if (count == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
}

}  // namespace

RunResult run_program(const fs::path& program, const std::vector<std::string>& args, const RunOptions& options) {
  const Fd input = child_input(options);
  Pipe out_pipe;
  Pipe err_pipe;
  const pid_t pid = start_child(program, args, options, input.get(), out_pipe.write_end(), err_pipe.write_end());
  out_pipe.close_write();
  err_pipe.close_write();
  RunResult result;
  result.pid = static_cast<int>(pid);
  drain(out_pipe, err_pipe, result);
  result.exit_code = *reap(pid, 0);
  return result;
}

StartedProgram::StartedProgram(const fs::path& program, const std::vector<std::string>& args,
                               const fs::path& output_file, const RunOptions& options) {
  const Fd input = child_input(options);
  const Fd output = open_or_throw(output_file.string(), O_WRONLY | O_CREAT | O_TRUNC);
  m_pid = static_cast<int>(start_child(program, args, options, input.get(), output.get(), output.get()));
}

StartedProgram::~StartedProgram() {
  try {
    if (m_pid > 0 && !m_reaped) kill_and_wait();
  } catch (const std::exception&) {
    // A destructor must not throw; a child that cannot be waited for is gone already.
  }
}

StartedProgram::StartedProgram(StartedProgram&& other) noexcept
    : m_pid(std::exchange(other.m_pid, -1)), m_reaped(other.m_reaped), m_exit_code(other.m_exit_code) {}

int StartedProgram::wait() {
  if (!m_reaped) {
    m_exit_code = *reap(m_pid, 0);
    m_reaped = true;
  }
  return m_exit_code;
}

int StartedProgram::kill_and_wait(int signal) {
  if (!m_reaped) ::kill(m_pid, signal);
  return wait();
}

bool StartedProgram::ended() {
  if (m_reaped) return true;
  if (const auto exit_code = reap(m_pid, WNOHANG)) {
    m_exit_code = *exit_code;
    m_reaped = true;
  }
  return m_reaped;
}

RunResult run_git(const fs::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> all{"-C", dir.string(),     "-c", "user.email=test@example.org",
                               "-c", "user.name=test", "-c", "init.defaultBranch=main"};
  all.insert(all.end(), args.begin(), args.end());
  return run_program("git", all);
}

std::string describe(const RunResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out + "--- stderr\n" + result.err;
}

}  // namespace strata::testing
