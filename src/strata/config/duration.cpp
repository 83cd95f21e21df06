#include "strata/config/duration.hpp"

#include <cmath>
#include <cstdint>

namespace strata::config {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t number = 0;
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + (text[i++] - '0');
      if (number > 1'000'000'000) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    const std::size_t unit_start = i;
    while (i < text.size() && text[i] >= 'a' && text[i] <= 'z') ++i;
    const auto unit = text.substr(unit_start, i - unit_start);
    if (unit == "ms") total += number;
    else if (unit == "s") total += number * 1000;
    else if (unit == "m") total += number * 60'000;
    else if (unit == "h") total += number * 3'600'000;
    else return std::nullopt;
  }
  return std::chrono::milliseconds(total);
}

std::optional<std::chrono::milliseconds> lock_timeout_from_seconds(double seconds) {
  const double limit = std::chrono::duration<double>(k_max_lock_timeout).count();
  // `!(x >= 0)` is also true for NaN.
  if (!(seconds >= 0) || seconds > limit) return std::nullopt;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000.0)));
}

std::optional<std::chrono::milliseconds> parse_lock_timeout(std::string_view text) {
  // Plain decimal seconds: digits, at most one '.', nothing else (no sign, exponent, "nan" or "inf").
  std::size_t digits = 0;
  std::size_t dots = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '.') ++dots;
    else {
      digits = 0;
      break;
    }
  }
  if (digits > 0 && dots <= 1) {
    if (digits > 12) return std::nullopt;  // far beyond the limit, and beyond what a double holds exactly
    return lock_timeout_from_seconds(std::stod(std::string(text)));
  }
  const auto duration = parse_duration(text);
  if (!duration || *duration > k_max_lock_timeout) return std::nullopt;
  return duration;
}

std::string lock_timeout_rule() { return "seconds (30, 2.5) or a duration (500ms, 2m), from 0 to 24h"; }

}  // namespace strata::config
