#include "strata/util/display_path.hpp"

namespace strata::util {

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& working_directory) {
  if (working_directory.empty()) return path.lexically_normal().generic_string();
  const auto absolute = (path.is_absolute() ? path : working_directory / path).lexically_normal();
  const auto base = working_directory.lexically_normal();
  // Inside `base` when every component of `base` (ignoring a trailing empty one) starts `absolute`.
  auto a = absolute.begin();
  bool inside = true;
  for (const auto& component : base) {
    if (component.empty()) continue;
    if (a == absolute.end() || *a != component) {
      inside = false;
      break;
    }
    ++a;
  }
  if (!inside) return absolute.generic_string();
  const auto relative = absolute.lexically_relative(base);
  return relative.empty() ? std::string(".") : relative.generic_string();
}

}  // namespace strata::util
