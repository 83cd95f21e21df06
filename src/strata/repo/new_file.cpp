#include "strata/repo/new_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"

namespace strata::repo {
namespace {

[[noreturn]] void fail_write(const std::string& shown, int error) {
  throw RepositoryError(ErrorCode::write_error, shown, 0,
                        std::string("cannot write the file: ") + std::strerror(error));
}

}  // namespace

void write_new_file(const std::filesystem::path& path, std::string_view text,
                    const std::filesystem::path& working_directory) {
  const auto target = working_directory / path;
  const auto shown = util::display_path(target, working_directory);
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST)
      throw RepositoryError(ErrorCode::file_exists, shown, 0, "already exists; strata never overwrites it");
    fail_write(shown, errno);
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const auto count = ::write(fd, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(target.c_str());
      fail_write(shown, saved);
    }
    written += static_cast<std::size_t>(count);
  }
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(target.c_str());
    fail_write(shown, saved);
  }
}

}  // namespace strata::repo
