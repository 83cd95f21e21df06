// PostgreSQL backups by running the real pg_dump (see backup.hpp). posix_spawnp with an explicit argv and
// environment: no shell, and the password only in the child's environment.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "strata/db/backup_impl.hpp"
#include "strata/db/postgres/pg_connection.hpp"
#include "strata/util/strings.hpp"

extern char** environ;

namespace strata::db::postgres {

namespace {

// key='value' with ' and \ escaped, as libpq's conninfo syntax wants.
std::string conninfo_without_password(const DatabaseUrl& url) {
  std::string text;
  for (const auto& [key, value] : url.keywords()) {
    if (key == "password") continue;
    std::string quoted;
    for (const char c : value) {
      if (c == '\'' || c == '\\') quoted.push_back('\\');
      quoted.push_back(c);
    }
    text += fmt::format("{}{}='{}'", text.empty() ? "" : " ", key, quoted);
  }
  return text;
}

// Owns a pipe's two ends.
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fds, O_CLOEXEC) != 0) fds[0] = fds[1] = -1;
  }
  ~Pipe() {
    for (const int fd : fds)
      if (fd >= 0) ::close(fd);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_write() {
    if (fds[1] >= 0) ::close(fds[1]);
    fds[1] = -1;
  }
};

// Owns posix_spawn_file_actions_t.
struct FileActions {
  posix_spawn_file_actions_t actions{};
  FileActions() { posix_spawn_file_actions_init(&actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
};

}  // namespace

BackupResult backup(PgConnection& connection, const std::string& write_path, const std::string& path,
                    const BackupOptions& options) {
  const DatabaseUrl& url = connection.url();
  const std::string password = url.password();
  const std::string& display = connection.display_name();

  std::vector<std::string> arguments{options.pg_dump, "--format=custom", "--file=" + write_path,
                                     "--dbname=" + conninfo_without_password(url)};
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry)
    if (std::strncmp(*entry, "PGPASSWORD=", 11) != 0) environment.emplace_back(*entry);
  if (!password.empty()) environment.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  envp.reserve(environment.size() + 1);
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  Pipe errors;
  if (errors.fds[0] < 0)
    throw DatabaseError(ErrorCode::backup_failed,
                        fmt::format("backup of {} failed: cannot create a pipe: {}", display, std::strerror(errno)));
  FileActions actions;
  posix_spawn_file_actions_addopen(&actions.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions.actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions.actions, errors.fds[1], STDERR_FILENO);
  pid_t child = 0;
  const int spawned =
      posix_spawnp(&child, options.pg_dump.c_str(), &actions.actions, nullptr, argv.data(), envp.data());
  errors.close_write();
  if (spawned != 0)
    throw DatabaseError(ErrorCode::pg_dump_missing,
                        fmt::format("backup of {} failed: cannot run '{}': {}\nhint: install the PostgreSQL client "
                                    "tools (Debian: postgresql-client) matching the server's major version; nothing "
                                    "was migrated",
                                    display, options.pg_dump, std::strerror(spawned)));
  std::string output;
  char buffer[4096];
  for (ssize_t got; (got = ::read(errors.fds[0], buffer, sizeof buffer)) != 0;) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    output.append(buffer, static_cast<std::size_t>(got));
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {}
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::error_code ignored;
    std::filesystem::remove(write_path, ignored);
    const std::string how = WIFEXITED(status) ? fmt::format("exited with status {}", WEXITSTATUS(status))
                                              : fmt::format("was killed by signal {}", WTERMSIG(status));
    const std::string reason = scrub_secret(std::string(util::trim(output)), password);
    throw DatabaseError(
        ErrorCode::backup_failed,
        scrub_secret(fmt::format("backup of {} to '{}' failed: pg_dump {}{}\nhint: nothing was migrated", display, path,
                                 how, reason.empty() ? "" : ":\n" + reason),
                     password));
  }
  return BackupResult{path, fmt::format("pg_restore --clean --if-exists --dbname {} {}",
                                        shell_quote(url.without_password()), shell_quote(path))};
}

}  // namespace strata::db::postgres
