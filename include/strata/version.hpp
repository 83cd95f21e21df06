#pragma once
// Which strata this is: the release and the git commit it was built from.
#include <string>
#include <string_view>

namespace strata {

// The release, e.g. "0.1.0".
[[nodiscard]] std::string_view version() noexcept;
// The git commit the build came from (12 hex digits, with "-dirty" when the work tree had changes), or "unknown"
// for a build outside a git checkout.
[[nodiscard]] std::string_view build_commit() noexcept;
// "0.1.0 (commit 1a2b3c4d5e6f)", as `strata --version` prints it.
[[nodiscard]] std::string version_string();

}  // namespace strata
