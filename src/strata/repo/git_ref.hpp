#pragma once
// What the repository held at a git REF (a branch, tag or commit), read through git without checking it out:
// `lint --against REF` lints the revisions that REF does not have yet.
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace strata::repo {

// The revision ids of the migration files under `locations` at `ref` (native `-- revision:` headers and Alembic
// `revision = "..."` assignments), found with one `git grep` per location. A location that did not exist at
// `ref` contributes nothing. Throws UsageError naming REF when git cannot read it (not a repository, unknown ref,
// git not installed).
std::set<std::string> revision_ids_at(const std::vector<std::filesystem::path>& locations, std::string_view ref);

}  // namespace strata::repo
