#include <gtest/gtest.h>

#include "strata/core/error.hpp"
#include "strata/repo/file_reader.hpp"
#include "support/expect_error.hpp"
#include "support/temp_dir.hpp"

namespace strata::repo {
namespace {

using ::strata::testing::expect_error;
using TempTree = ::strata::testing::TempDir;

std::string read_error(FileReader& reader, const TempTree& tree, const std::string& path) {
  return expect_error<RepositoryError>([&] { reader.read(tree / path, "shown/" + path); }, ErrorCode::read_error)
      .what();
}

TEST(FileReader, ReadsWholeFilesOfAnySizeWithOneBuffer) {
  TempTree tree;
  const std::string big(200 * 1024 + 7, 'x');
  tree.write("big.txt", big);
  tree.write("small.txt", "abc");
  tree.write("empty.txt", "");
  FileReader reader;
  EXPECT_EQ(reader.read(tree / "big.txt", "big.txt"), big);
  EXPECT_EQ(reader.read(tree / "small.txt", "small.txt"), "abc");
  EXPECT_EQ(reader.read(tree / "empty.txt", "empty.txt"), "");
}

TEST(FileReader, ErrorsNameTheShownPath) {
  TempTree tree;
  tree.mkdir("folder");
  FileReader reader;
  EXPECT_EQ(read_error(reader, tree, "missing.sql"),
            "shown/missing.sql: cannot read the file: No such file or directory");
  EXPECT_EQ(read_error(reader, tree, "folder"), "shown/folder: cannot read the file: Is a directory");
}

TEST(FileReader, ReadsRelativeToAnOpenFolder) {
  TempTree tree;
  tree.write("m/sub/a.sql", "inside");
  const OpenFolder folder(tree / "m", "m");
  FileReader reader;
  EXPECT_EQ(reader.read_at(folder.fd(), "sub/a.sql", "m/sub/a.sql"), "inside");
  expect_error<RepositoryError>([&] { reader.read_at(folder.fd(), "missing.sql", "m/missing.sql"); },
                                ErrorCode::read_error,
                                "m/missing.sql: cannot read the file: No such file or directory");
}

TEST(OpenFolder, MissingFolder) {
  TempTree tree;
  expect_error<RepositoryError>([&] { OpenFolder folder(tree / "nowhere", "shown/nowhere"); }, ErrorCode::read_error,
                                "shown/nowhere: cannot open the folder: No such file or directory");
}

}  // namespace
}  // namespace strata::repo
