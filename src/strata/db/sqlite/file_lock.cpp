// SQLite's migration lock: an exclusive flock(2) on "<database file>.strata-lock" (see lock.hpp, docs/locking.md).
// flock locks belong to the open file description, so two connections in one process exclude each other too,
// and the kernel drops the lock when the holder exits, however it exits.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include <fmt/format.h>

#include "strata/db/lock_impl.hpp"
#include "strata/db/sqlite/sqlite_connection.hpp"

namespace strata::db::sqlite {

namespace {

// Owns a file descriptor; close() does not throw.
class FileDescriptor {
public:
  explicit FileDescriptor(int fd = -1) noexcept : m_fd(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  FileDescriptor& operator=(FileDescriptor&&) = delete;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }
  int get() const noexcept { return m_fd; }
  void reset() noexcept {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

private:
  int m_fd;
};

std::string lock_path(const SqliteConnection& connection) { return connection.path() + ".strata-lock"; }

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

FileDescriptor open_lock_file(const SqliteConnection& connection, int flags) {
  const std::string path = lock_path(connection);
  FileDescriptor fd(::open(path.c_str(), flags | O_CLOEXEC, 0644));
  if (fd.get() < 0 && !(errno == ENOENT && (flags & O_CREAT) == 0))
    throw DatabaseError(ErrorCode::lock_file, fmt::format("{}: cannot open the lock file '{}': {}",
                                                          connection.display_name(), path, std::strerror(errno)));
  return fd;
}

class FileLock final : public LockImpl {
public:
  FileLock(SqliteConnection& connection, const LockOptions& options)
      : m_fd(open_lock_file(connection, O_RDWR | O_CREAT)) {
    if (!poll_until(options, [&] { return ::flock(m_fd.get(), LOCK_EX | LOCK_NB) == 0; }))
      throw_lock_timeout(connection, options, file_lock_holder(connection));
    // Name the holder for `status` and for the next runner's timeout message.
    const std::string who = fmt::format("pid={}\nuser={}\nsince={}\n", ::getpid(), default_actor(), utc_now());
    if (::ftruncate(m_fd.get(), 0) == 0 && ::pwrite(m_fd.get(), who.data(), who.size(), 0) < 0) {
      // The description is informative only; the lock itself is held.
    }
  }

  void in_transaction() override {}

  void release() override {
    if (m_fd.get() < 0) return;
    if (::ftruncate(m_fd.get(), 0) != 0) {
      // An empty file only tidies the description; closing releases the lock regardless.
    }
    m_fd.reset();
  }

  void release_quietly() noexcept override {
    if (m_fd.get() >= 0 && ::ftruncate(m_fd.get(), 0) != 0) {
      // As in release().
    }
    m_fd.reset();
  }

private:
  FileDescriptor m_fd;
};

// An in-memory database is private to its connection: nothing to exclude.
class NoLock final : public LockImpl {
public:
  void in_transaction() override {}
  void release() override {}
  void release_quietly() noexcept override {}
};

std::string field(const std::string& text, const std::string& key) {
  const std::string prefix = key + "=";
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return {};
}

}  // namespace

std::unique_ptr<LockImpl> make_file_lock(SqliteConnection& connection, const LockOptions& options) {
  if (connection.is_memory()) return std::make_unique<NoLock>();
  return std::make_unique<FileLock>(connection, options);
}

std::optional<LockHolder> file_lock_holder(SqliteConnection& connection) {
  if (connection.is_memory()) return std::nullopt;
  const FileDescriptor fd = open_lock_file(connection, O_RDONLY);
  if (fd.get() < 0) return std::nullopt;                               // never locked
  if (::flock(fd.get(), LOCK_SH | LOCK_NB) == 0) return std::nullopt;  // free (closing fd releases our probe)
  std::string text(512, '\0');
  const ssize_t read = ::pread(fd.get(), text.data(), text.size(), 0);
  text.resize(read > 0 ? static_cast<std::size_t>(read) : 0);
  LockHolder holder;
  if (const std::string pid = field(text, "pid"); !pid.empty()) holder.pid = std::stoi(pid);
  holder.user = field(text, "user");
  holder.since = field(text, "since");
  return holder;
}

}  // namespace strata::db::sqlite
