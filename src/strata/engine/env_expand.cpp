#include "strata/engine/env_expand.hpp"

#include "strata/core/error.hpp"

namespace strata::engine {

std::string expand_variables(std::string_view text, const Getenv& getenv, std::string_view where) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find("${", at);
    if (open == std::string_view::npos) {
      out.append(text.substr(at));
      break;
    }
    out.append(text.substr(at, open - at));
    const auto close = text.find('}', open + 2);
    if (close == std::string_view::npos)
      throw ConfigError(ErrorCode::bad_variable,
                        std::string(where) + ": unterminated '${' (write ${NAME} or ${NAME:-default})");
    const std::string_view body = text.substr(open + 2, close - open - 2);
    const auto dash = body.find(":-");
    const std::string_view name = body.substr(0, dash);
    if (name.empty())
      throw ConfigError(ErrorCode::bad_variable,
                        std::string(where) + ": empty variable name in '${" + std::string(body) + "}'");
    const auto value = getenv(name);
    if (dash != std::string_view::npos) {
      out.append(value && !value->empty() ? std::string_view(*value) : body.substr(dash + 2));
    } else if (value) {
      out.append(*value);
    } else {
      throw ConfigError(ErrorCode::unset_variable, std::string(where) + ": environment variable " + std::string(name) +
                                                       " is not set (set it, or write ${" + std::string(name) +
                                                       ":-default})");
    }
    at = close + 1;
  }
  return out;
}

}  // namespace strata::engine
