#pragma once
// Reads whole files with one open and a read loop into a buffer that is reused from file to file: scanning
// 10,000 small migrations should cost about what `cat` costs.
#include <string>
#include <string_view>

namespace strata::repo {

class FileReader {
public:
  // The file's bytes, valid until the next call. Throws RepositoryError (code "read_error") naming `shown_path`.
  std::string_view read(const std::string& path, const std::string& shown_path);

private:
  std::string m_buffer;
};

}  // namespace strata::repo
