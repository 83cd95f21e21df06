#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/repo/file_reader.hpp"
#include "temp_tree.hpp"

namespace strata::repo {
namespace {

using testing::TempTree;

std::string read_error(FileReader& reader, const std::string& path) {
  try {
    reader.read(path, "shown/" + path);
  } catch (const RepositoryError& error) {
    EXPECT_EQ(std::string(error.code_name()), "read_error");
    return error.what();
  }
  ADD_FAILURE() << "read " << path;
  return {};
}

TEST(FileReader, ReadsWholeFilesOfAnySizeWithOneBuffer) {
  TempTree tree;
  const std::string big(200 * 1024 + 7, 'x');
  tree.write("big.txt", big);
  tree.write("small.txt", "abc");
  tree.write("empty.txt", "");
  FileReader reader;
  EXPECT_EQ(reader.read("big.txt", "big.txt"), big);
  EXPECT_EQ(reader.read("small.txt", "small.txt"), "abc");
  EXPECT_EQ(reader.read("empty.txt", "empty.txt"), "");
}

TEST(FileReader, ErrorsNameTheShownPath) {
  TempTree tree;
  tree.mkdir("folder");
  FileReader reader;
  EXPECT_EQ(read_error(reader, "missing.sql"), "shown/missing.sql: cannot read the file: No such file or directory");
  EXPECT_EQ(read_error(reader, "folder"), "shown/folder: cannot read the file: Is a directory");
}

TEST(FileReader, ReadsRelativeToAnOpenFolder) {
  TempTree tree;
  tree.write("m/sub/a.sql", "inside");
  const OpenFolder folder("m", "m");
  FileReader reader;
  EXPECT_EQ(reader.read_at(folder.fd(), "sub/a.sql", "m/sub/a.sql"), "inside");
  try {
    reader.read_at(folder.fd(), "missing.sql", "m/missing.sql");
    FAIL() << "read a missing file";
  } catch (const RepositoryError& error) {
    EXPECT_EQ(std::string(error.what()), "m/missing.sql: cannot read the file: No such file or directory");
  }
}

TEST(OpenFolder, MissingFolder) {
  TempTree tree;
  try {
    OpenFolder folder("nowhere", "shown/nowhere");
    FAIL() << "opened a missing folder";
  } catch (const RepositoryError& error) {
    EXPECT_EQ(std::string(error.code_name()), "read_error");
    EXPECT_EQ(std::string(error.what()), "shown/nowhere: cannot open the folder: No such file or directory");
  }
}

}  // namespace
}  // namespace strata::repo
