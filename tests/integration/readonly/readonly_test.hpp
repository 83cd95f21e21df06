#pragma once
// Shared by the read-only integration tests: run strata inside tests/fixtures/cli, parse JSON output.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_strata.hpp"
#include "support/temp_dir.hpp"

namespace strata::testing {

inline std::filesystem::path cli_fixtures() { return fixtures_dir() / "cli"; }

// `strata args...` with tests/fixtures/cli as the working directory (so `-d linear` names a fixture).
inline RunResult in_fixtures(const std::vector<std::string>& args) { return run_strata(args, {.cwd = cli_fixtures()}); }

inline nlohmann::json json_of(const RunResult& result) {
  try {
    return nlohmann::json::parse(result.out);
  } catch (const nlohmann::json::parse_error&) {
    ADD_FAILURE() << "stdout is not JSON:\n" << describe(result);
    return {};
  }
}

// The codes of the problems `strata check --json` reported, in order.
inline std::vector<std::string> codes_of(const nlohmann::json& document) {
  std::vector<std::string> codes;
  for (const auto& problem : document["problems"]) codes.push_back(problem["code"].get<std::string>());
  return codes;
}

// The ids of a JSON array of revision objects.
inline std::vector<std::string> revision_ids(const nlohmann::json& revisions) {
  std::vector<std::string> ids;
  for (const auto& revision : revisions) ids.push_back(revision.at("revision").get<std::string>());
  return ids;
}

// The lines of a text, without the trailing newline.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  for (const char c : text) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace strata::testing
