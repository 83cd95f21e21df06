#include "strata/repo/git_tree.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"
#include "strata/util/strings.hpp"
#include "strata/util/subprocess.hpp"

namespace strata::repo {
namespace {

bool is_hex(std::string_view text) {
  return text.size() >= 7 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string git_fetch_command(std::string_view ref) {
  const std::string name(ref);
  if (name.starts_with("origin/")) {
    const auto branch = name.substr(7);
    return fmt::format("git fetch --depth=50 origin {0}:refs/remotes/origin/{0}", branch);
  }
  if (is_hex(name)) return fmt::format("git fetch --depth=50 origin {}", name);
  return fmt::format("git fetch --depth=50 origin {0}:{0}", name);
}

GitFolder::GitFolder(std::filesystem::path folder, const std::filesystem::path& working_directory)
    : m_folder(std::move(folder)), m_shown(util::display_path(m_folder, working_directory)) {}

namespace {

// Runs git in the deepest existing folder at or above `folder`; the folder itself may not exist in the work tree.
util::ProcessResult git(const std::filesystem::path& folder, const std::string& shown, std::vector<std::string> args,
                        std::string_view input = {}) {
  args.insert(args.begin(), "git");
  try {
    return util::run_process(args, folder, input);
  } catch (const std::system_error& error) {
    throw RepositoryError(ErrorCode::git_error, shown, 0,
                          fmt::format("cannot run git: {}; install git (apt-get install git)", error.what()));
  }
}

}  // namespace

std::string GitFolder::commit(std::string_view ref) const {
  const auto inside = git(m_folder, m_shown, {"rev-parse", "--is-inside-work-tree"});
  if (inside.exit_code != 0)
    throw RepositoryError(ErrorCode::git_error, m_shown, 0,
                          fmt::format("is not inside a git work tree, so it cannot be compared with '{}'; run this "
                                      "in a clone of the repository",
                                      ref));
  const auto result = git(m_folder, m_shown,
                          {"rev-parse", "--verify", "--quiet", "--end-of-options", fmt::format("{}^{{commit}}", ref)});
  if (result.exit_code != 0)
    throw RepositoryError(ErrorCode::git_ref_missing, m_shown, 0,
                          fmt::format("git revision '{}' is not in this clone (a shallow or single-branch "
                                      "checkout?)\nhint: fetch it with `{}`, then run this again",
                                      ref, git_fetch_command(ref)));
  return std::string(util::trim(result.out));
}

std::optional<std::string> GitFolder::merge_base(std::string_view left, std::string_view right) const {
  const auto result = git(m_folder, m_shown, {"merge-base", std::string(left), std::string(right)});
  if (result.exit_code != 0) return std::nullopt;
  return std::string(util::trim(result.out));
}

std::vector<GitFile> GitFolder::list(std::string_view commit, std::string_view suffix) const {
  const auto result = git(m_folder, m_shown, {"ls-tree", "-r", "-z", std::string(commit), "--", "."});
  if (result.exit_code != 0)
    throw RepositoryError(ErrorCode::git_error, m_shown, 0,
                          fmt::format("git ls-tree failed: {}", util::trim(result.err)));
  std::vector<GitFile> files;
  std::size_t begin = 0;
  while (begin < result.out.size()) {
    auto end = result.out.find('\0', begin);
    if (end == std::string::npos) end = result.out.size();
    const std::string_view entry(result.out.data() + begin, end - begin);
    begin = end + 1;
    // "<mode> <type> <object>\t<name>"
    const auto tab = entry.find('\t');
    if (tab == std::string_view::npos) continue;
    const auto fields = util::split(entry.substr(0, tab), ' ');
    if (fields.size() != 3 || fields[1] != "blob") continue;
    const auto name = entry.substr(tab + 1);
    if (!name.ends_with(suffix)) continue;
    files.push_back({std::string(name), std::string(fields[2]), {}});
  }
  std::sort(files.begin(), files.end(), [](const GitFile& a, const GitFile& b) { return a.name < b.name; });
  return files;
}

void GitFolder::read(std::vector<GitFile>& files) const {
  if (files.empty()) return;
  std::string input;
  for (const auto& file : files) input += file.blob + "\n";
  const auto result = git(m_folder, m_shown, {"cat-file", "--batch"}, input);
  if (result.exit_code != 0)
    throw RepositoryError(ErrorCode::git_error, m_shown, 0,
                          fmt::format("git cat-file failed: {}", util::trim(result.err)));
  // Each object: "<object> blob <size>\n<bytes>\n".
  std::size_t position = 0;
  for (auto& file : files) {
    const auto line_end = result.out.find('\n', position);
    if (line_end == std::string::npos) break;
    const auto header = util::split(std::string_view(result.out).substr(position, line_end - position), ' ');
    if (header.size() != 3) break;
    const auto size = static_cast<std::size_t>(std::stoull(std::string(header[2])));
    file.text = result.out.substr(line_end + 1, size);
    position = line_end + 1 + size + 1;
  }
}

std::set<std::string> GitFolder::changed_since(std::string_view commit) const {
  const auto result = git(m_folder, m_shown,
                          {"diff", "--no-renames", "--relative", "--name-only", "-z", std::string(commit), "--", "."});
  if (result.exit_code != 0)
    throw RepositoryError(ErrorCode::git_error, m_shown, 0, fmt::format("git diff failed: {}", util::trim(result.err)));
  std::set<std::string> names;
  for (const auto& name : util::split(result.out, '\0'))
    if (!name.empty()) names.emplace(name);
  return names;
}

}  // namespace strata::repo
