#include "strata/config/duration.hpp"

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

}  // namespace strata::config
