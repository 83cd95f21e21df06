#include "support/temp_dir.hpp"

#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace strata::testing {

namespace fs = std::filesystem;

TempDir::TempDir() : TempDir(fs::temp_directory_path()) {}

TempDir::TempDir(const fs::path& parent) {
  std::string pattern = (parent / "strata-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  // Canonical, so paths the binary prints (which resolves symlinks such as /tmp on some systems) compare equal.
  m_path = fs::canonical(pattern);
}

TempDir::~TempDir() {
  std::error_code ignored;  // a destructor must not throw; a leftover temp folder is harmless
  fs::remove_all(m_path, ignored);
}

fs::path TempDir::write(const fs::path& relative, std::string_view text) const {
  const auto full = m_path / relative;
  write_file(full, text);
  return full;
}

std::string TempDir::read(const fs::path& relative) const { return read_file(m_path / relative); }

fs::path TempDir::mkdir(const fs::path& relative) const {
  const auto full = m_path / relative;
  fs::create_directories(full);
  return full;
}

fs::path TempDir::copy_from(const fs::path& source, const fs::path& relative) const {
  const auto full = m_path / relative;
  fs::create_directories(full);
  fs::copy(source, full, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  return full;
}

void write_file(const fs::path& path, std::string_view text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream stream(path, std::ios::binary);
  stream << text;
  if (!stream) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::vector<std::string> list_files(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root).generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

static std::string comma_list(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string native_migration_text(const NativeRevision& revision) {
  std::string text = "-- revision: " + revision.id + "\n";
  if (!revision.revises.empty()) text += "-- revises: " + comma_list(revision.revises) + "\n";
  if (!revision.message.empty()) text += "-- message: " + revision.message + "\n";
  if (!revision.branch_labels.empty()) text += "-- branch-labels: " + comma_list(revision.branch_labels) + "\n";
  if (!revision.depends_on.empty()) text += "-- depends-on: " + comma_list(revision.depends_on) + "\n";
  text += "\n-- +up\nCREATE TABLE t_" + revision.id + " (id integer);\n";
  text += "\n-- +down\nDROP TABLE t_" + revision.id + ";\n";
  return text;
}

void write_native(const fs::path& dir, const NativeRevision& revision) {
  write_file(dir / (revision.id + "_rev.sql"), native_migration_text(revision));
}

}  // namespace strata::testing
