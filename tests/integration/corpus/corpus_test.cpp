// Runs every case of tests/corpus (see tests/corpus/README.md): a folder of input files, the command to run
// (the case's `args` or its kind's), and `expected.txt` (exit code, then the exact stderr). Each case runs the
// real binary in a temporary copy of its folder and must leave every file there byte for byte as it was.
#include <cstdlib>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/run_strata.hpp"
#include "support/temp_dir.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

const fs::path k_corpus = STRATA_CORPUS_DIR;

// Files of a case folder that describe the case rather than being its input.
bool is_case_metadata(const std::string& name) {
  return name == "expected.txt" || name == "args" || name == "setup.sql" || name == "about.txt";
}

std::vector<std::string> lines_of(const fs::path& file) {
  std::vector<std::string> lines;
  std::istringstream text(read_file(file));
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  return lines;
}

struct Case {
  std::string kind;
  std::string name;
  fs::path dir;
};

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const auto& kind : fs::directory_iterator(k_corpus)) {
    if (!kind.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(kind.path()))
      if (entry.is_directory())
        cases.push_back({kind.path().filename().string(), entry.path().filename().string(), entry.path()});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.dir < b.dir; });
  return cases;
}

// Every regular file under `root` with its bytes: what "nothing changed" compares. The SQLite lock file beside a
// database is left out: it stays in place between runs by design (docs/locking.md) and holds no data.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& relative : list_files(root))
    if (!relative.ends_with(".strata-lock")) files[relative] = read_file(root / relative);
  return files;
}

// A hand-corrupted database: setup.sql run on db.sqlite in the case's working copy.
void run_setup(const fs::path& sql_file, const fs::path& database) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(database.c_str(), &raw), SQLITE_OK);
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
  char* message = nullptr;
  const auto sql = read_file(sql_file);
  const int rc = sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  ASSERT_EQ(rc, SQLITE_OK) << sql_file << ": " << error;
}

class Corpus : public ::testing::TestWithParam<Case> {};

TEST_P(Corpus, ExactMessageExitCodeAndNothingChanged) {
  const auto& c = GetParam();
  const auto expected_file = c.dir / "expected.txt";
  ASSERT_TRUE(fs::exists(expected_file)) << c.dir << " has no expected.txt";
  const auto expected = read_file(expected_file);
  const auto first_break = expected.find('\n');
  ASSERT_NE(first_break, std::string::npos) << expected_file;
  const auto status = expected.substr(0, first_break);
  ASSERT_TRUE(status.starts_with("exit ")) << expected_file << ": the first line is 'exit N'";
  const int exit_code = std::stoi(status.substr(5));
  const auto stderr_text = expected.substr(first_break + 1);

  const auto args_file = fs::exists(c.dir / "args") ? c.dir / "args" : c.dir.parent_path() / "args";
  ASSERT_TRUE(fs::exists(args_file)) << c.dir << ": no args file for the case or its kind";
  const auto args = lines_of(args_file);

  TempDir work;
  for (const auto& relative : list_files(c.dir)) {
    if (is_case_metadata(relative)) continue;
    const auto target = work.path() / relative;
    fs::create_directories(target.parent_path());
    fs::copy_file(c.dir / relative, target);
  }
  if (fs::exists(c.dir / "setup.sql")) run_setup(c.dir / "setup.sql", work.path() / "db.sqlite");
  const auto before = snapshot(work.path());

  auto result = run_strata(args, {.cwd = work.path()});
  // The case runs in a fresh temporary folder; a message that names an absolute path shows it as {dir}.
  for (auto at = result.err.find(work.path().string()); at != std::string::npos;
       at = result.err.find(work.path().string(), at))
    result.err.replace(at, work.path().string().size(), "{dir}");
  // STRATA_CORPUS_UPDATE=1 rewrites expected.txt from what the binary printed; review the diff before committing.
  if (std::getenv("STRATA_CORPUS_UPDATE") != nullptr) {
    write_file(expected_file, "exit " + std::to_string(result.exit_code) + "\n" + result.err);
    return;
  }
  EXPECT_EQ(result.exit_code, exit_code) << c.dir << "\n" << describe(result);
  EXPECT_EQ(result.err, stderr_text) << c.dir;
  EXPECT_EQ(result.out, "") << c.dir;
  EXPECT_TRUE(snapshot(work.path()) == before) << c.dir << ": the command changed files";
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  auto name = info.param.kind + "_" + info.param.name;
  std::replace_if(
      name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, Corpus, ::testing::ValuesIn(all_cases()), case_name);

// The corpus is the regression suite for hostile input: it must not shrink by accident.
TEST(CorpusSize, AtLeast300Cases) { EXPECT_GE(all_cases().size(), 300u); }

}  // namespace
}  // namespace strata::testing
