#include "strata/util/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>

extern char** environ;

namespace strata::util {
namespace {

struct Fd {
  int fd = -1;
  Fd() = default;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

void make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  read_end.fd = fds[0];
  write_end.fd = fds[1];
}

struct Actions {
  posix_spawn_file_actions_t actions{};
  Actions() { posix_spawn_file_actions_init(&actions); }
  ~Actions() { posix_spawn_file_actions_destroy(&actions); }
  Actions(const Actions&) = delete;
  Actions& operator=(const Actions&) = delete;
};

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          std::string_view input) {
  Fd in_read, in_write, out_read, out_write, err_read, err_write;
  make_pipe(in_read, in_write);
  make_pipe(out_read, out_write);
  make_pipe(err_read, err_write);
  Actions actions;
  posix_spawn_file_actions_adddup2(&actions.actions, in_read.fd, 0);
  posix_spawn_file_actions_adddup2(&actions.actions, out_write.fd, 1);
  posix_spawn_file_actions_adddup2(&actions.actions, err_write.fd, 2);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions.actions, cwd.c_str());
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions.actions, nullptr, args.data(), environ);
  if (spawned != 0) throw std::system_error(spawned, std::generic_category(), argv.front());
  in_read.reset();
  out_write.reset();
  err_write.reset();
  // A child that exits without reading all its input must not kill us with SIGPIPE.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);

  ProcessResult result;
  std::size_t written = 0;
  if (input.empty()) in_write.reset();
  // Non-blocking, so that a write never waits for the child to read while the child waits for us to read its
  // output (a blocking write of a large input deadlocks both; `git cat-file --batch` does exactly that).
  if (in_write.fd >= 0) ::fcntl(in_write.fd, F_SETFL, ::fcntl(in_write.fd, F_GETFL) | O_NONBLOCK);
  std::array<char, 65536> buffer;
  while (out_read.fd >= 0 || err_read.fd >= 0) {
    std::array<pollfd, 3> fds{};
    nfds_t count = 0;
    if (in_write.fd >= 0) fds[count++] = {in_write.fd, POLLOUT, 0};
    if (out_read.fd >= 0) fds[count++] = {out_read.fd, POLLIN, 0};
    if (err_read.fd >= 0) fds[count++] = {err_read.fd, POLLIN, 0};
    if (::poll(fds.data(), count, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_write.fd) {
        const auto n = ::write(in_write.fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 && errno != EINTR && errno != EAGAIN) written = input.size();
        if (written == input.size()) in_write.reset();
        continue;
      }
      auto& target = fds[i].fd == out_read.fd ? result.out : result.err;
      auto& source = fds[i].fd == out_read.fd ? out_read : err_read;
      const auto n = ::read(source.fd, buffer.data(), buffer.size());
      if (n > 0) target.append(buffer.data(), static_cast<std::size_t>(n));
      else if (n == 0 || (errno != EINTR && errno != EAGAIN)) source.reset();
    }
  }
  in_write.reset();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  ::sigaction(SIGPIPE, &previous, nullptr);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace strata::util
