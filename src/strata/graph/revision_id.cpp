#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "strata/graph/revision.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::graph {
namespace {

bool is_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

constexpr std::string_view k_rule = "; a revision id uses letters, digits, '_' and '.' (not first)";

}  // namespace

std::optional<std::string> revision_id_problem(std::string_view id) {
  if (id.empty()) return "empty revision identifier";
  // Each offending character once, in order of appearance, shown escaped ('/', '\x1b', '\xff', 'é').
  std::vector<std::string> found;
  for (std::size_t i = 0; i < id.size();) {
    const auto length = util::character_length(id, i);
    if (length > 1 || !is_safe(id[i])) {
      auto shown = util::escaped(id.substr(i, length));
      if (std::find(found.begin(), found.end(), shown) == found.end()) found.push_back(std::move(shown));
    }
    i += length;
  }
  const auto quoted = util::excerpt(id);
  if (!found.empty()) {
    std::string list;
    for (std::size_t i = 0; i < found.size(); ++i) list += fmt::format("{}{}", i ? ", " : "", found[i]);
    return fmt::format("Character(s) '{}' not allowed in revision identifier '{}'{}", list, quoted, k_rule);
  }
  if (id.front() == '.') return fmt::format("revision identifier '{}' starts with '.'{}", quoted, k_rule);
  if (id.size() > k_max_revision_id_length)
    return fmt::format("revision identifier '{}' is {} bytes long; the limit is {}", quoted, id.size(),
                       k_max_revision_id_length);
  return std::nullopt;
}

}  // namespace strata::graph
