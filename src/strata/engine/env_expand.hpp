#pragma once
// `${VAR}` and `${VAR:-default}` in database URLs, read from the environment passed in (never a global).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace strata::engine {

using Getenv = std::function<std::optional<std::string>(std::string_view)>;

// Replaces every `${NAME}` by the variable's value and every `${NAME:-fallback}` by the value, or the fallback
// when the variable is unset or empty. `where` prefixes error messages ("strata.toml:7: [databases.auth] url").
// Throws ConfigError (code "unset_variable") for `${NAME}` when NAME is unset, (code "bad_variable") for an
// unterminated `${` or an empty name.
std::string expand_variables(std::string_view text, const Getenv& getenv, std::string_view where);

}  // namespace strata::engine
