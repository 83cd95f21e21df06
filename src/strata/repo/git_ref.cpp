#include "strata/repo/git_ref.hpp"

#include "strata/core/error.hpp"
#include "strata/util/process.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {

namespace {

// The id in a matched line: `-- revision: abc` or `revision = "abc"` / `revision: str = 'abc'`.
std::string id_of(std::string_view line) {
  line = util::trim(line);
  if (line.starts_with("--")) {
    const auto colon = line.find(':');
    return colon == std::string_view::npos ? std::string{} : std::string(util::trim(line.substr(colon + 1)));
  }
  const auto equals = line.find('=');
  if (equals == std::string_view::npos) return {};
  auto value = util::trim(line.substr(equals + 1));
  if (value.size() < 2 || (value[0] != '"' && value[0] != '\'')) return {};
  const auto close = value.find(value[0], 1);
  return close == std::string_view::npos ? std::string{} : std::string(value.substr(1, close - 1));
}

}  // namespace

std::set<std::string> revision_ids_at(const std::vector<std::filesystem::path>& locations, std::string_view ref) {
  std::set<std::string> ids;
  for (const auto& location : locations) {
    // Verify the ref first, so an unknown one is an error rather than "no revisions there".
    const auto verify = util::run_process({"git", "-C", location.string(), "rev-parse", "--verify", "--quiet",
                                           std::string(ref) + "^{commit}"});
    if (!verify.started) throw UsageError("cannot read git ref '" + std::string(ref) + "': " + verify.error);
    if (verify.exit_code != 0)
      throw UsageError("'" + std::string(ref) + "' is not a commit, branch or tag of the git repository at " +
                       location.string() + "; run `git -C " + location.string() + " fetch` or name an existing ref");
    const auto grep = util::run_process({"git", "-C", location.string(), "grep", "-h", "-I", "-E",
                                         "^(-- revision:|revision[[:space:]]*(:[^=]*)?=)", std::string(ref), "--",
                                         "."});
    // git grep exits 1 when nothing matched (the folder was empty or absent at REF).
    if (grep.exit_code != 0 && grep.exit_code != 1)
      throw UsageError("git could not read '" + std::string(ref) + "' in " + location.string() + ": " +
                       std::string(util::trim(grep.err)));
    for (const auto& line : util::split(grep.out, '\n')) {
      // With a tree-ish, git grep prefixes each line with "REF:" even with -h.
      std::string_view text = line;
      const std::string prefix = std::string(ref) + ":";
      if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
      if (auto id = id_of(text); !id.empty()) ids.insert(std::move(id));
    }
  }
  return ids;
}

}  // namespace strata::repo
