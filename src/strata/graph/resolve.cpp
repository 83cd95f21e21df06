// Name resolution (revision-graph.md "Targets", "Relative targets"): exact ids and labels first, then unique prefixes,
// the symbols head/heads/base, branch-qualified forms and `-N` from the heads.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"
#include "strata/graph/target.hpp"
#include "strata/util/edit_distance.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::graph::detail {
namespace {

constexpr std::size_t k_min_prefix_candidate = 4;  // shorter ids and labels only match exactly (Alembic)
constexpr std::size_t k_listed_candidates = 10;

[[noreturn]] void throw_not_found(const GraphData& data, const std::string& text) {
  std::vector<std::string> names;
  for (const auto& revision : data.revisions) names.push_back(revision.id);
  for (const auto& entry : data.by_label) names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  std::string message = fmt::format("Can't locate revision identified by '{}'", util::excerpt(text));
  if (const auto match = util::closest_match(text, names)) message += fmt::format("; did you mean '{}'?", *match);
  else if (text.size() < k_min_prefix_candidate)
    message += "; please ensure at least four characters are present for partial revision identifier matches";
  throw GraphError(ErrorCode::unknown_revision, message, {text});
}

std::optional<RevIndex> exact(const GraphData& data, const std::string& text) {
  if (const auto id = data.by_id.find(text); id != data.by_id.end()) return id->second;
  if (const auto label = data.by_label.find(text); label != data.by_label.end()) return label->second;
  return std::nullopt;
}

bool is_negative_integer(std::string_view text) {
  return text.size() >= 2 && text[0] == '-' &&
         std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

[[noreturn]] void throw_multiple_heads(const RevisionGraph& graph, const std::vector<RevIndex>& heads,
                                       std::string_view argument) {
  throw GraphError(ErrorCode::multiple_heads,
                   fmt::format("Multiple head revisions are present for given argument '{}'; please specify a "
                               "specific target revision, '<branchname>@{}' to narrow to a specific head, or 'heads' "
                               "for all heads (heads: {})",
                               util::excerpt(argument), argument, join_ids(graph, heads)),
                   graph.ids(heads));
}

}  // namespace

std::optional<Relative> parse_relative(std::string_view text) {
  Relative relative;
  std::string_view rest = text;
  if (const auto at = text.find('@'); at != std::string_view::npos && at > 0) {
    relative.branch = std::string(text.substr(0, at));
    rest = text.substr(at + 1);
  }
  const auto sign = rest.find_first_of("+-");
  if (sign == std::string_view::npos) return std::nullopt;
  const auto word = rest.substr(0, sign);
  const auto digits = rest.substr(sign + 1);
  if (!std::all_of(word.begin(), word.end(), is_word_char) || digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  long magnitude = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), magnitude).ec != std::errc{}) return std::nullopt;
  if (!word.empty()) relative.symbol = std::string(word);
  relative.steps = rest[sign] == '-' ? -magnitude : magnitude;
  relative.relative = std::string(rest.substr(sign));
  return relative;
}

RevIndex resolve_branch(Queries& queries, const std::string& branch) {
  if (const auto label = queries.data.by_label.find(branch); label != queries.data.by_label.end()) return label->second;
  return resolve_identifier(queries, branch, std::nullopt);
}

std::vector<RevIndex> filter_for_lineage(Queries& queries, const std::vector<RevIndex>& targets,
                                         const std::string& branch) {
  const auto against = resolve_identifier(queries, branch, std::nullopt);
  std::vector<RevIndex> out;
  for (const auto target : targets)
    if (queries.shares_lineage(target, against)) out.push_back(target);
  return out;
}

RevIndex resolve_identifier(Queries& queries, const std::string& text, const std::optional<std::string>& branch) {
  const auto& data = queries.data;
  std::optional<RevIndex> branch_revision;
  if (branch) branch_revision = resolve_branch(queries, *branch);
  auto found = exact(data, text);
  if (!found) {
    if (text.empty()) throw_not_found(data, text);
    // Candidates are keys (ids and labels); a revision reached through both its id and a label counts once.
    std::vector<std::pair<std::string, RevIndex>> candidates;
    std::optional<RevIndex> off_branch;
    auto consider = [&](const std::string& key, RevIndex index) {
      if (key.size() < k_min_prefix_candidate || !key.starts_with(text)) return;
      if (branch_revision && !queries.shares_lineage(index, *branch_revision)) {
        off_branch = index;
        return;
      }
      candidates.emplace_back(key, index);
    };
    for (RevIndex index = 0; index < data.revisions.size(); ++index) consider(data.revisions[index].id, index);
    for (const auto& [label, index] : data.by_label) consider(label, index);
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    candidates.erase(std::unique(candidates.begin(), candidates.end(),
                                 [](const auto& a, const auto& b) { return a.second == b.second; }),
                     candidates.end());
    if (candidates.empty() && off_branch) found = off_branch;  // reported as "not a member of branch" below
    else if (candidates.empty()) throw_not_found(data, text);
    if (candidates.size() > 1) {
      std::vector<std::string> names;
      names.reserve(candidates.size());
      for (const auto& candidate : candidates) names.push_back(candidate.first);
      std::sort(names.begin(), names.end());
      std::string listed;
      for (std::size_t i = 0; i < names.size() && i < k_listed_candidates; ++i)
        listed += fmt::format("{}'{}'", i ? ", " : "", names[i]);
      if (names.size() > k_listed_candidates) listed += fmt::format(" and {} more", names.size() - k_listed_candidates);
      throw GraphError(ErrorCode::ambiguous_revision,
                       fmt::format("Can't locate revision identified by '{}': it is the start of several revisions: "
                                   "{}; give more characters",
                                   util::excerpt(text), listed),
                       names);
    }
    if (!found) found = candidates.front().second;
  }
  if (branch_revision && !queries.shares_lineage(*found, *branch_revision))
    throw GraphError(ErrorCode::not_in_branch,
                     fmt::format("Can't locate revision identified by '{}': revision {} is not a member of branch "
                                 "'{}'",
                                 util::excerpt(text), data.revisions[*found].id, *branch),
                     {data.revisions[*found].id});
  return *found;
}

std::vector<RevIndex> get_revisions(Queries& queries, std::string_view text, std::string_view argument,
                                    bool* reached_base) {
  const auto& graph = queries.graph;
  std::optional<std::string> branch;
  std::string symbol(text);
  if (const auto at = text.find('@'); at != std::string_view::npos) {
    branch = std::string(text.substr(0, at));
    symbol = std::string(text.substr(at + 1));
  }
  if (symbol == "heads") {
    if (!branch) return graph.real_heads();
    return filter_for_lineage(queries, graph.heads(), *branch);
  }
  if (symbol == "head") {
    auto heads = branch ? filter_for_lineage(queries, graph.heads(), *branch) : graph.heads();
    if (heads.size() > 1) throw_multiple_heads(graph, heads, argument);
    return heads;
  }
  if (symbol == "base") {
    if (branch) resolve_branch(queries, *branch);  // an unknown branch is still an error
    return {};
  }
  if (is_negative_integer(symbol)) {
    long steps = 0;
    if (std::from_chars(symbol.data(), symbol.data() + symbol.size(), steps).ec != std::errc{})
      throw GraphError(ErrorCode::relative_overflow,
                       fmt::format("Relative revision {} is out of range; the repository has {} revisions",
                                   util::excerpt(symbol), graph.size()));
    std::vector<RevIndex> out;
    for (const auto head : graph.real_heads()) {
      if (branch) {
        const auto& labels = graph.labels(head);
        if (!std::binary_search(labels.begin(), labels.end(), *branch)) continue;
      }
      const auto end = walk_steps(queries, Cursor::at(head), steps, std::nullopt);
      if (!end)
        throw GraphError(ErrorCode::relative_overflow,
                         fmt::format("Relative revision {} didn't produce {} migrations from head {}", symbol, -steps,
                                     graph.id(head)));
      if (end->kind == Cursor::Kind::revision) out.push_back(end->index);
      else if (reached_base) *reached_base = true;
    }
    return out;
  }
  return {resolve_identifier(queries, symbol, branch)};
}

std::optional<RevIndex> get_revision(Queries& queries, std::string_view text, std::string_view argument) {
  const auto revisions = get_revisions(queries, text, argument);
  if (revisions.size() > 1) throw_multiple_heads(queries.graph, revisions, argument);
  if (revisions.empty()) return std::nullopt;
  return revisions.front();
}

std::string join_ids(const RevisionGraph& graph, const std::vector<RevIndex>& indexes) {
  std::string out;
  for (std::size_t i = 0; i < indexes.size(); ++i) out += (i ? ", " : "") + graph.id(indexes[i]);
  return out;
}

}  // namespace strata::graph::detail

namespace strata::graph {

std::vector<RevIndex> resolve(const RevisionGraph& graph, std::string_view target) {
  detail::Queries queries(graph);
  return detail::get_revisions(queries, target, target);
}

}  // namespace strata::graph
