#include "strata/db/postgres/keywords.hpp"

#include <libpq-fe.h>

#include <memory>

namespace strata::db::postgres {

namespace {

std::vector<std::string> load_keywords() {
  std::vector<std::string> names;
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconndefaults(), &PQconninfoFree);
  if (!options) return names;  // out of memory: every parameter is then reported unknown, loudly
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option)
    names.emplace_back(option->keyword);
  return names;
}

}  // namespace

const std::vector<std::string>& connection_keywords() {
  // Immutable after first use and initialised thread-safely; not mutable global state.
  static const std::vector<std::string> k_keywords = load_keywords();
  return k_keywords;
}

}  // namespace strata::db::postgres
