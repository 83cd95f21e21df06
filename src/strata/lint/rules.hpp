#pragma once
// The catalogue of rules: ids (squawk's names for squawk's rules), default levels and one-line summaries.
// Configuration, ignores and docs all name rules through this table.
#include <string_view>
#include <vector>

#include "strata/lint/finding.hpp"

namespace strata::lint {

enum class RuleEngine { postgres, sqlite, any };

struct RuleInfo {
  std::string_view id;
  Level level;  // default level
  RuleEngine engine;
  bool opt_in;  // off unless listed in included_rules
  std::string_view summary;
};

const std::vector<RuleInfo>& rule_catalog();
// By id or a squawk alias (prefer-timestamp-tz); nullptr when unknown.
const RuleInfo* find_rule(std::string_view id);
// Ids a configured name stands for: itself, or require-timeout-settings' two rules. Empty when unknown.
std::vector<std::string_view> expand_rule_name(std::string_view name);

}  // namespace strata::lint
