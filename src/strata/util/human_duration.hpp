#pragma once
// The one way a duration is shown to a person: "842 ms", "3.4 s", "2 min 5 s", "1 h 30 min". JSON keeps integer
// millisecond fields ("ms") instead; strata.toml's own syntax ("1m30s") is config::format_duration.
#include <chrono>
#include <string>

namespace strata::util {

// Under a second: whole milliseconds. Under a minute: seconds to one decimal, without a trailing ".0" ("30 s").
// Under an hour: minutes and whole seconds; beyond: hours and minutes (a zero second part is left out).
std::string human_duration(std::chrono::milliseconds duration);

}  // namespace strata::util
