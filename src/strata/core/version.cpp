#include "strata/version.hpp"

#include <fmt/format.h>

#ifndef STRATA_VERSION
#error "STRATA_VERSION is defined by src/strata/core/CMakeLists.txt"
#endif

namespace strata {

// Defined in the build_commit.cpp that the build writes (cmake/build_commit.cmake).
extern const char* const k_build_commit;

std::string_view version() noexcept { return STRATA_VERSION; }

std::string_view build_commit() noexcept { return k_build_commit; }

std::string version_string() { return fmt::format("{} (commit {})", version(), build_commit()); }

}  // namespace strata
