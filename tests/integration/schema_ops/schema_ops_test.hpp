#pragma once
// The fixture of the scratch-database commands: an EngineTest whose runs put SQLite scratch files in a folder of
// the test's own (so a test can check that none is left behind) and can list PostgreSQL scratch databases.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/support/e2e_project.hpp"

namespace strata::testing {

class ScratchTest : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    std::filesystem::create_directories(scratch_dir());
  }
  std::filesystem::path scratch_dir() const { return m_project.dir() / "tmp"; }

  // `strata args... --url <db>` with TMPDIR pointing at scratch_dir().
  RunResult run(std::vector<std::string> args) const {
    args.push_back("--url");
    args.push_back(m_db->url());
    RunResult result = m_project.run(std::move(args), {{"TMPDIR", scratch_dir().string()}});
    m_pids.push_back(result.pid);
    return result;
  }

  // The same, started and left running (StartedProgram), its output going to `output_file`.
  StartedProgram start(std::vector<std::string> args, const std::filesystem::path& output_file) const {
    args.insert(args.end(), {"-d", "migrations", "--url", m_db->url()});
    StartedProgram started = start_strata(
        args, output_file,
        RunOptions{.cwd = m_project.dir(), .env = {{"TMPDIR", scratch_dir().string()}}, .unset_env = {"DATABASE_URL"}});
    m_pids.push_back(started.pid());
    return started;
  }

  // Scratch leftovers: files in scratch_dir(), or PostgreSQL databases named strata_scratch_<pid>_* after one of
  // the processes this test ran. Only those: other tests run at the same time and have scratch databases of their
  // own in flight, so the suite can run these tests in parallel.
  std::vector<std::string> leftovers() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(scratch_dir()))
      names.push_back(entry.path().filename().string());
    if (is_pg()) {
      for (const int pid : m_pids) {
        const std::string pattern = "strata\\_scratch\\_" + std::to_string(pid) + "\\_%";
        for (const auto& row : query_database(Backend::postgres, *pg_admin_url(),
                                              "SELECT datname FROM pg_database WHERE datname LIKE '" + pattern + "'"))
          names.push_back(*row[0]);
      }
    }
    return names;
  }

private:
  mutable std::vector<int> m_pids;
};

}  // namespace strata::testing
