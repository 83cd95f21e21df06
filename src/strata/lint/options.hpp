#pragma once
// How a lint run is configured: versions, which rules and at what level, paths to skip. Filled from strata.toml's
// [lint] and the command line; the library reads nothing itself.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "strata/lint/finding.hpp"

namespace strata::lint {

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  auto operator<=>(const Version&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads it
};

// "15", "11.0", "3.35.0"; nullopt when it is not 1 to 3 dot-separated numbers.
std::optional<Version> parse_version(std::string_view text);
std::string version_text(const Version& version);

enum class SqlEngine { postgres, sqlite };

struct Options {
  Version pg_version{15, 0, 0};                      // squawk's default target
  Version sqlite_version;                            // default: the linked SQLite (set by the caller)
  std::optional<SqlEngine> engine;                   // unset: PostgreSQL
  std::set<std::string, std::less<>> excluded;       // rule ids (expanded)
  std::set<std::string, std::less<>> included;       // opt-in rule ids turned on
  std::map<std::string, Level, std::less<>> levels;  // per-rule level overrides
  std::vector<std::string> excluded_paths;           // glob patterns (`*`, `?`, `**`) matched against the shown path

  // The level a rule reports at under this configuration (off when excluded or an opt-in rule not included).
  Level level_of(std::string_view rule) const;
};

// `*` matches within a path segment, `**` across segments, `?` one character.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace strata::lint
