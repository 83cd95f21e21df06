#pragma once
// Reads whole files with one open and a read loop into a buffer that is reused from file to file: scanning
// 10,000 small migrations should cost about what `cat` costs.
#include <string>
#include <string_view>

namespace strata::repo {

// An open folder for FileReader::read_at, closed on destruction. Throws RepositoryError (code "read_error")
// naming `shown_path` when the folder cannot be opened.
class OpenFolder {
public:
  OpenFolder(const std::string& path, const std::string& shown_path);
  OpenFolder(const OpenFolder&) = delete;
  OpenFolder& operator=(const OpenFolder&) = delete;
  ~OpenFolder();
  int fd() const noexcept { return m_fd; }

private:
  int m_fd;
};

class FileReader {
public:
  // The file's bytes, valid until the next call. Throws RepositoryError (code "read_error") naming `shown_path`.
  std::string_view read(const std::string& path, const std::string& shown_path);
  // As above, for `relative_path` inside an open folder: the kernel does not walk the folder's path again.
  std::string_view read_at(int folder_fd, const std::string& relative_path, const std::string& shown_path);

private:
  std::string m_buffer;
};

}  // namespace strata::repo
