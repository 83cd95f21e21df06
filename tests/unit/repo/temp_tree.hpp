#pragma once
// A temporary directory for scanning tests, which also becomes the working directory (paths shown to users are
// relative to it). Removed, and the old working directory restored, at the end of the test.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace strata::repo::testing {

class TempTree {
public:
  TempTree() : m_previous(std::filesystem::current_path()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "strata-repo-test-XXXXXX").string();
    m_root = ::mkdtemp(pattern.data());
    std::filesystem::current_path(m_root);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;
  ~TempTree() {
    std::error_code ignored;
    std::filesystem::current_path(m_previous, ignored);
    std::filesystem::remove_all(m_root, ignored);
  }

  const std::filesystem::path& root() const { return m_root; }

  void write(const std::string& relative, const std::string& text) const {
    const auto path = m_root / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }

  void mkdir(const std::string& relative) const { std::filesystem::create_directories(m_root / relative); }

private:
  std::filesystem::path m_previous;
  std::filesystem::path m_root;
};

// A minimal native migration.
inline std::string native(const std::string& id, const std::string& revises = "", const std::string& extra = "") {
  return "-- revision: " + id + "\n-- revises: " + revises + "\n" + extra + "-- +up\nSELECT 1;\n-- +down\nSELECT 2;\n";
}

// A minimal Alembic revision.
inline std::string alembic(const std::string& id, const std::string& down_revision = "None",
                           const std::string& extra = "") {
  return "\"\"\"rev " + id + "\n\n\"\"\"\nrevision = '" + id + "'\ndown_revision = " + down_revision + "\n" + extra +
         "\ndef upgrade():\n    pass\n";
}

}  // namespace strata::repo::testing
