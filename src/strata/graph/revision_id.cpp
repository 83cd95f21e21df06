#include <algorithm>
#include <string>
#include <vector>

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
  const auto quoted = "'" + util::excerpt(id) + "'";
  if (!found.empty()) {
    std::string list;
    for (std::size_t i = 0; i < found.size(); ++i) list += (i ? ", " : "") + found[i];
    return "Character(s) '" + list + "' not allowed in revision identifier " + quoted + std::string(k_rule);
  }
  if (id.front() == '.') return "revision identifier " + quoted + " starts with '.'" + std::string(k_rule);
  if (id.size() > k_max_revision_id_length)
    return "revision identifier " + quoted + " is " + std::to_string(id.size()) + " bytes long; the limit is " +
           std::to_string(k_max_revision_id_length);
  return std::nullopt;
}

}  // namespace strata::graph
