#pragma once
// Shared by the libFuzzer targets: what counts as a finding besides a crash or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "strata/core/error.hpp"

namespace strata::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// An invariant broken: abort, so that libFuzzer records the input as a crash.
inline void require(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

// A reported line must lie inside the input (1-based; 0 means "unknown"). Lines are counted as the parsers
// count them: LF, CR LF and a lone CR each end one. `past_end` allows the line after the last one: where an
// empty section that ends the file would start.
inline void check_line(int line, std::string_view text, bool past_end = false) {
  int lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++lines;
  }
  require(line >= 0 && line <= lines + (past_end ? 1 : 0), "a reported line lies outside the input");
}

// Runs `body`; refusing the input with a strata::Error is fine, any other exception is a bug (a parser must never
// let std::out_of_range, std::invalid_argument or a JSON/TOML library exception escape). A message must also stay
// short: it quotes an excerpt, never the whole input.
template <typename Body>
void expect_only_strata_errors(Body&& body) {
  try {
    std::forward<Body>(body)();
  } catch (const strata::Error& error) {
    require(std::string_view(error.what()).size() <= 4096, "an error message longer than 4096 bytes");
  }
}

}  // namespace strata::fuzz
