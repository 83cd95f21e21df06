#include "strata/config/env_expand.hpp"

#include <memory>

#include <fmt/format.h>

namespace strata::config {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace

Environment fixed_environment(std::vector<std::pair<std::string, std::string>> variables) {
  auto shared = std::make_shared<const std::vector<std::pair<std::string, std::string>>>(std::move(variables));
  return [shared](std::string_view name) -> std::optional<std::string> {
    for (const auto& [key, value] : *shared)
      if (key == name) return value;
    return std::nullopt;
  };
}

Expansion expand_variables(std::string_view text, const Environment& environment) {
  Expansion result;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto dollar = text.find("${", i);
    result.value += text.substr(i, dollar == std::string_view::npos ? std::string_view::npos : dollar - i);
    if (dollar == std::string_view::npos) break;
    const auto close = text.find('}', dollar + 2);
    if (close == std::string_view::npos) {
      result.syntax_error = "'${' without a closing '}'";
      return result;
    }
    const auto inner = text.substr(dollar + 2, close - dollar - 2);
    std::size_t length = 0;
    while (length < inner.size() && is_name_char(inner[length])) ++length;
    const auto name = inner.substr(0, length);
    const bool has_default = inner.substr(length).starts_with(":-");
    if (name.empty() || !is_name_start(name[0]) || (length != inner.size() && !has_default)) {
      result.syntax_error = fmt::format("'${{{}}}' is not ${{NAME}} or ${{NAME:-default}}", inner);
      return result;
    }
    result.variables.emplace_back(name);
    const auto value = environment(name);
    if (has_default && (!value || value->empty())) {
      result.value += inner.substr(length + 2);
    } else if (value) {
      result.value += *value;
    } else if (result.unset.empty()) {
      result.unset = name;
    }
    i = close + 1;
  }
  return result;
}

}  // namespace strata::config
