// A start-up check: an application that refuses to start while its database is not at the head of its migrations,
// the check teams otherwise write by hand around Alembic. It uses only strata's public header.
//
//   startup-check [DATABASE]     in the project folder (the one with strata.toml, or below it)
//
// DATABASE is a [databases.NAME] of strata.toml; without it, the project's default database.
// Exit codes: 0 started, 1 refused (the database is not at head: pending, dirty, ahead of the code or edited
// migrations), 2 the check itself could not run (no project, unreachable database).
#include <strata/strata.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr int k_started = 0;
constexpr int k_refused = 1;
constexpr int k_check_failed = 2;

std::string comma_list(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "(none)" : text;
}

// Says why the database is not at head, and what to run.
void explain_refusal(const strata::Database& database, const strata::Status& status) {
  std::cerr << "refusing to start: database " << database.name() << " (" << status.database
            << ") is not at head\n";
  std::cerr << "  current heads:  " << comma_list(status.current_heads) << "\n";
  std::cerr << "  expected heads: " << comma_list(status.expected_heads) << "\n";
  if (status.dirty)
    std::cerr << "  revision " << *status.dirty
              << " failed part-way; fix the cause, then run `strata resolve " << *status.dirty << " --resume`\n";
  if (!status.unknown_applied.empty())
    std::cerr << "  applied but unknown to this code (the database is ahead of the code): "
              << comma_list(status.unknown_applied) << "; deploy the matching code\n";
  if (!status.checksum_mismatches.empty())
    std::cerr << "  applied migrations whose files changed: " << comma_list(status.checksum_mismatches) << "\n";
  if (!status.pending.empty()) {
    std::cerr << "  pending (" << status.pending.size() << "): " << comma_list(status.pending) << "\n";
    std::cerr << "  run `strata upgrade --db " << database.name() << "` and start again\n";
  }
}

int check_and_start(const std::vector<std::string>& args) {
  const auto project = strata::Project::open(".");
  const auto database = args.empty() ? project.database() : project.database(args[0]);
  const auto status = database.status();
  if (status.error) {
    std::cerr << "cannot check database " << database.name() << ": " << *status.error << "\n";
    return k_check_failed;
  }
  if (!status.up_to_date()) {
    explain_refusal(database, status);
    return k_refused;
  }
  std::cout << "database " << database.name() << " is at " << comma_list(status.current_heads) << "; starting\n";
  // ... the application would start serving here.
  return k_started;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return check_and_start(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const strata::Error& error) {
    std::cerr << "cannot check the database: " << error.what() << "\n";
    return k_check_failed;
  }
}
