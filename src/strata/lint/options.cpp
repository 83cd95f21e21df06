#include "strata/lint/options.hpp"

#include <charconv>

#include <fmt/format.h>

#include "strata/lint/rules.hpp"

namespace strata::lint {

std::optional<Version> parse_version(std::string_view text) {
  Version version;
  int* parts[] = {&version.major, &version.minor, &version.patch};
  std::size_t index = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  while (true) {
    if (index == 3 || begin == end) return std::nullopt;
    const auto [next, error] = std::from_chars(begin, end, *parts[index]);
    if (error != std::errc{} || *parts[index] < 0) return std::nullopt;
    ++index;
    if (next == end) return version;
    if (*next != '.') return std::nullopt;
    begin = next + 1;
  }
}

std::string version_text(const Version& version) {
  return fmt::format("{}.{}.{}", version.major, version.minor, version.patch);
}

Level Options::level_of(std::string_view rule) const {
  const auto* info = find_rule(rule);
  if (!info) return Level::off;
  if (excluded.contains(info->id)) return Level::off;  // excluding beats including, as in squawk
  if (info->opt_in && !included.contains(info->id)) return Level::off;
  if (const auto found = levels.find(info->id); found != levels.end()) return found->second;
  return info->level;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  if (pattern.starts_with("**")) {
    auto rest = pattern.substr(2);
    if (rest.starts_with('/')) rest.remove_prefix(1);
    for (std::size_t i = 0; i <= path.size(); ++i)
      if (glob_match(rest, path.substr(i))) return true;
    return false;
  }
  if (pattern[0] == '*') {
    for (std::size_t i = 0; i <= path.size(); ++i) {
      if (glob_match(pattern.substr(1), path.substr(i))) return true;
      if (i < path.size() && path[i] == '/') break;
    }
    return false;
  }
  if (path.empty()) return false;
  if (pattern[0] == '?' ? path[0] != '/' : pattern[0] == path[0]) return glob_match(pattern.substr(1), path.substr(1));
  return false;
}

}  // namespace strata::lint
