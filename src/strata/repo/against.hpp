#pragma once
// The migration folders as they are at a git revision (REF, e.g. `main`), and what a branch changes relative to
// them: the checks of `check --against REF` and the second side of `report --against REF`.
#include <optional>
#include <string>
#include <vector>

#include "strata/core/problem.hpp"
#include "strata/repo/repository.hpp"

namespace strata::repo {

struct RefFiles {
  std::string ref;  // as the user wrote it
  std::string commit;
  std::vector<MigrationFile> at_ref;  // parsed revisions at REF (files that do not parse there are left out)
  // At the merge base of HEAD and REF: what the branch started from. Empty when that is REF itself, or when the
  // clone's history does not reach it; REF stands in for it then.
  std::optional<std::vector<MigrationFile>> at_base;
};

// The locations where revisions are (Scan/Repository::version_dirs) and their layouts.
struct Locations {
  const std::vector<std::filesystem::path>& folders;
  const std::vector<Layout>& layouts;
  const std::filesystem::path& working_directory;  // what the files' shown paths are relative to (the caller's)
};

// Reads every location at `ref` through git (GitFolder). RepositoryError "git_ref_missing" when the clone lacks
// REF (with the `git fetch` command), "git_error" when the folder is not in a git work tree.
// `current`: the work tree's parsed files, when the caller has them. A file git reports unchanged since REF is
// taken from them instead of being read and parsed again, so the cost follows what the branch changed.
RefFiles read_at_ref(const Locations& locations, const std::string& ref, const AlembicNames& names,
                     const std::vector<MigrationFile>* current = nullptr);

struct Comparison {
  std::vector<Problem> problems;   // not_based_on_ref, edited_since_ref, deleted_since_ref, id_reused
  std::vector<std::string> added;  // revisions the branch adds, in upgrade order
  std::size_t ref_heads = 0;
  std::optional<std::size_t> heads_after_merge;  // the graph of REF plus the branch; empty when it does not build
};

// Pure: the branch's files (`current`) against REF's.
Comparison compare_with_ref(const std::vector<MigrationFile>& current, const RefFiles& ref);

}  // namespace strata::repo
