#include "strata/repo/file_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "strata/core/error.hpp"

namespace strata::repo {
namespace {

constexpr std::size_t k_initial_buffer = std::size_t{64} * 1024;

// Closes the descriptor on every path out of read().
class FileDescriptor {
public:
  explicit FileDescriptor(int fd) noexcept : m_fd(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const noexcept { return m_fd; }

private:
  int m_fd;
};

[[noreturn]] void fail_read(const std::string& shown_path, int error) {
  throw RepositoryError(ErrorCode::read_error, shown_path, 0,
                        std::string("cannot read the file: ") + std::strerror(error));
}

}  // namespace

OpenFolder::OpenFolder(const std::string& path, const std::string& shown_path)
    : m_fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (m_fd < 0)
    throw RepositoryError(ErrorCode::read_error, shown_path, 0,
                          std::string("cannot open the folder: ") + std::strerror(errno));
}

OpenFolder::~OpenFolder() { ::close(m_fd); }

std::string_view FileReader::read(const std::string& path, const std::string& shown_path) {
  return read_at(AT_FDCWD, path, shown_path);
}

std::string_view FileReader::read_at(int folder_fd, const std::string& relative_path, const std::string& shown_path) {
  const FileDescriptor fd(::openat(folder_fd, relative_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail_read(shown_path, errno);
  // No fstat: migrations are small, so one read into the reused buffer and one that returns 0 are the usual cost.
  if (m_buffer.size() < k_initial_buffer) m_buffer.resize(k_initial_buffer);
  std::size_t used = 0;
  while (true) {
    if (used == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);
    const auto got = ::read(fd.get(), m_buffer.data() + used, m_buffer.size() - used);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_read(shown_path, errno);
    }
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
  }
  return std::string_view(m_buffer.data(), used);
}

}  // namespace strata::repo
