#include "strata/util/human_duration.hpp"

#include <fmt/format.h>

namespace strata::util {

std::string human_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count() < 0 ? 0 : duration.count();
  if (ms < 1000) return fmt::format("{} ms", ms);
  const long long tenths = (ms + 50) / 100;
  if (tenths < 600)
    return tenths % 10 == 0 ? fmt::format("{} s", tenths / 10) : fmt::format("{}.{} s", tenths / 10, tenths % 10);
  const long long seconds = (ms + 500) / 1000;
  if (seconds < 3600) {
    const long long rest = seconds % 60;
    return rest == 0 ? fmt::format("{} min", seconds / 60) : fmt::format("{} min {} s", seconds / 60, rest);
  }
  const long long minutes = (seconds % 3600) / 60;
  return minutes == 0 ? fmt::format("{} h", seconds / 3600) : fmt::format("{} h {} min", seconds / 3600, minutes);
}

}  // namespace strata::util
