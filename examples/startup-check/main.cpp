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

// Says why the database is not at head, and what to run. Each mismatch is data: its kind, its revision and file,
// and what else that kind knows (the checksums of an edited migration, the statement a dirty one stopped at).
void explain_refusal(const strata::Database& database, const strata::Status& status) {
  using Kind = strata::Mismatch::Kind;
  std::cerr << "refusing to start: database " << database.name() << " (" << status.database << ") is not at head\n";
  std::cerr << "  current heads:  " << comma_list(status.current_heads) << "\n";
  std::cerr << "  expected heads: " << comma_list(status.expected_heads) << "\n";
  for (const auto& mismatch : status.mismatches) {
    switch (mismatch.kind) {
      case Kind::dirty:
        std::cerr << "  revision " << mismatch.revision << " stopped at statement " << mismatch.statement << " ("
                  << mismatch.path << ":" << mismatch.line << ")" << (mismatch.failed ? ": " + mismatch.error : "")
                  << (mismatch.direction == strata::Direction::down
                          ? "; finish the downgrade by hand, then run `strata resolve " + mismatch.revision +
                                " --rolled-back`\n"
                          : "; fix the cause, then run `strata resolve " + mismatch.revision + " --resume`\n");
        break;
      case Kind::checksum_mismatch:
        std::cerr << "  applied migration " << mismatch.path << " (" << mismatch.revision
                  << ") changed since it was applied\n";
        break;
      case Kind::alembic_disagrees: std::cerr << "  " << mismatch.message << "\n"; break;
      case Kind::pending:
      case Kind::unknown_applied:
      case Kind::outside_branch: break;  // listed together below
    }
  }
  const auto unknown = status.revisions(Kind::unknown_applied);
  if (!unknown.empty())
    std::cerr << "  applied but unknown to this code (the database is ahead of the code): " << comma_list(unknown)
              << "; deploy the matching code\n";
  const auto outside = status.revisions(Kind::outside_branch);
  if (!outside.empty()) std::cerr << "  applied outside the database's branch: " << comma_list(outside) << "\n";
  const auto pending = status.revisions(Kind::pending);
  if (!pending.empty()) {
    std::cerr << "  pending (" << pending.size() << "): " << comma_list(pending) << "\n";
    std::cerr << "  run `strata upgrade --db " << database.name() << "` and start again\n";
  }
}

int check_and_start(const std::vector<std::string>& args) {
  const auto project = strata::Project::open(".");
  const auto database = args.empty() ? project.database() : project.database(args[0]);
  const auto status = database.status();
  if (status.error) {
    std::cerr << "cannot check database " << database.name() << ": " << status.error->message << "\n";
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
