#pragma once
// Reading a folder as it is at a git revision, without touching the work tree: `git ls-tree` lists it and one
// `git cat-file --batch` reads every file. Used by `check --against` and `report --against`.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace strata::repo {

struct GitFile {
  std::string name;  // relative to the folder, '/'-separated
  std::string blob;  // the object id
  std::string text;  // empty unless read
};

class GitFolder {
public:
  // `folder`: a folder inside a git work tree (it may not exist at every revision). Messages show it relative to
  // `working_directory`.
  GitFolder(std::filesystem::path folder, const std::filesystem::path& working_directory);

  // The commit `ref` names. Throws RepositoryError: code "git_ref_missing" (the error says how to fetch it, e.g.
  // in a shallow CI clone) or "git_error" (git missing, not a repository).
  std::string commit(std::string_view ref) const;
  // The best common ancestor of two commits, or nothing when the history at hand does not reach one.
  std::optional<std::string> merge_base(std::string_view left, std::string_view right) const;
  // The files of the folder at `commit` whose names end with `suffix`, in name order, without their text.
  std::vector<GitFile> list(std::string_view commit, std::string_view suffix) const;
  // Fills the text of every file, with one git process.
  void read(std::vector<GitFile>& files) const;
  // The names (relative to the folder) of the files whose content in the work tree differs from `commit`:
  // changed, deleted, or added and tracked. Every other file at `commit` is byte-identical in the work tree.
  std::set<std::string> changed_since(std::string_view commit) const;

private:
  std::filesystem::path m_folder;
  std::string m_shown;
};

// The complete command that fetches `ref` into a shallow clone (`git fetch --depth=50 origin main:main`).
std::string git_fetch_command(std::string_view ref);

}  // namespace strata::repo
