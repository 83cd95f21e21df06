#include "strata/lint/catalog.hpp"

namespace strata::lint {

void Catalog::create_table(const std::string& key, Place place) {
  m_tables[key].push_back({place, true, place.unit, {}});
}

void Catalog::drop_table(const std::string& key, Place place) { m_tables[key].push_back({place, false, 0, {}}); }

void Catalog::rename_table(const std::string& from, const std::string& to, Place place) {
  // The renamed table keeps its creator: renaming an existing table does not make it new. A rename of a table the
  // migrations never created is recorded as "existing" by not recording a creator at all.
  auto& old_events = m_tables[from];
  const Event* source = old_events.empty() ? nullptr : &old_events.back();
  const bool known = source && source->exists;
  const auto creator = known ? source->creator : 0;
  old_events.push_back({place, false, 0, {}});
  if (known) m_tables[to].push_back({place, true, creator, {}});
  else m_tables[to].push_back({place, false, 0, {}});
}

void Catalog::create_index(const std::string& name, const std::string& table, Place place) {
  m_indexes[name].push_back({place, true, place.unit, table});
}

void Catalog::drop_index(const std::string& name, Place place) { m_indexes[name].push_back({place, false, 0, {}}); }

void Catalog::prove_not_null(const std::string& table, const std::string& column, Place place) {
  m_not_null[table + "." + column].push_back({place, true, place.unit, {}});
}

void Catalog::note_not_null_check(const std::string& table, const std::string& name, const std::string& column) {
  m_not_null_checks[table + "." + name] = column;
}

std::optional<std::string> Catalog::not_null_check(const std::string& table, std::string_view name) const {
  const auto found = m_not_null_checks.find(table + "." + std::string(name));
  if (found == m_not_null_checks.end()) return std::nullopt;
  return found->second;
}

const Catalog::Event* Catalog::latest(const std::unordered_map<std::string, std::vector<Event>>& map,
                                      const std::string& key, const Scope& scope) const {
  const auto found = map.find(key);
  if (found == map.end()) return nullptr;
  for (auto event = found->second.rbegin(); event != found->second.rend(); ++event)
    if (scope.sees(event->place)) return &*event;
  return nullptr;
}

std::optional<std::uint32_t> Catalog::table_creator(const std::string& key, const Scope& scope) const {
  const auto* event = latest(m_tables, key, scope);
  if (!event || !event->exists) return std::nullopt;
  return event->creator;
}

std::optional<std::string> Catalog::index_table(const std::string& name, const Scope& scope) const {
  const auto* event = latest(m_indexes, name, scope);
  if (!event || !event->exists) return std::nullopt;
  return event->detail;
}

bool Catalog::not_null_proven(const std::string& table, const std::string& column, const Scope& scope) const {
  return latest(m_not_null, table + "." + column, scope) != nullptr;
}

}  // namespace strata::lint
