#pragma once
// Durations written as "30s", "500ms", "2m", "1h" or a combination ("1m30s").
#include <chrono>
#include <optional>
#include <string_view>

namespace strata::config {

// Nothing when `text` is not a duration.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace strata::config
