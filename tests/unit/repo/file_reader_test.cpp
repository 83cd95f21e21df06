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
    EXPECT_EQ(error.code(), "read_error");
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

}  // namespace
}  // namespace strata::repo
