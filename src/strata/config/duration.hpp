#pragma once
// Durations written as "30s", "500ms", "2m", "1h" or a combination ("1m30s"), and the lock timeout's rules.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace strata::config {

// Nothing when `text` is not a duration.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The longest wait for another runner's lock that strata accepts. Longer is a typo (or `inf`), not a plan; it also
// keeps every value within what SQLite's busy timeout and PostgreSQL's lock_timeout can hold.
inline constexpr std::chrono::hours k_max_lock_timeout{24};

// A lock timeout as the command line gives it: a number of seconds ("30", "2.5") or a duration ("500ms", "1m30s").
// Nothing for anything else: garbage, a sign, NaN, infinity, more than k_max_lock_timeout.
std::optional<std::chrono::milliseconds> parse_lock_timeout(std::string_view text);
// A number of seconds (the library's option), with the same rules.
std::optional<std::chrono::milliseconds> lock_timeout_from_seconds(double seconds);
// What a lock timeout may be, for messages: "seconds (30, 2.5) or a duration (500ms, 2m), from 0 to 24h".
std::string lock_timeout_rule();

}  // namespace strata::config
