#pragma once
// A directory under the system temp folder (or a folder the test chooses), removed with everything in it when the
// object goes away (also when the test fails), and reading and writing whole files. Nothing here changes the working
// directory: the code under test takes the folder it works in.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace strata::testing {

class TempDir {
public:
  TempDir();
  // A folder under `parent` instead (such as a tmpfs), which must exist.
  explicit TempDir(const std::filesystem::path& parent);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const noexcept { return m_path; }
  // path() / relative.
  std::filesystem::path operator/(const std::filesystem::path& relative) const { return m_path / relative; }
  // The same as a string (for URLs and messages).
  std::string file(const std::filesystem::path& relative) const { return (m_path / relative).string(); }
  // Writes `text` to `relative` (creating folders); returns the full path.
  std::filesystem::path write(const std::filesystem::path& relative, std::string_view text) const;
  // The bytes of `relative`.
  std::string read(const std::filesystem::path& relative) const;
  // Creates `relative` and its parents; returns the full path.
  std::filesystem::path mkdir(const std::filesystem::path& relative) const;
  // Copies a folder (e.g. a fixture) into `relative`; returns the full path.
  std::filesystem::path copy_from(const std::filesystem::path& source, const std::filesystem::path& relative) const;

private:
  std::filesystem::path m_path;
};

// Writes `text` to `path` byte for byte (creating its folders). Throws std::runtime_error when it cannot.
void write_file(const std::filesystem::path& path, std::string_view text);
// The bytes of `path`. Throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);
// Every regular file under `root`, relative and sorted: to assert that a command wrote nothing.
std::vector<std::string> list_files(const std::filesystem::path& root);

// A native migration file's text: header, an up and a down section.
struct NativeRevision {
  std::string id = {};
  std::vector<std::string> revises = {};
  std::string message = {};
  std::vector<std::string> branch_labels = {};
  std::vector<std::string> depends_on = {};
};
std::string native_migration_text(const NativeRevision& revision);
// Writes `<id>_rev.sql` into `dir`.
void write_native(const std::filesystem::path& dir, const NativeRevision& revision);

}  // namespace strata::testing
