#pragma once
// A migration that failed while running: a DatabaseError (exit 4) that also names the revision and the direction,
// so that --json output and the library can say which migration failed.
#include <string>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine {

class MigrationError : public DatabaseError {
public:
  MigrationError(std::string message, Details details, std::string revision, graph::Direction direction,
                 std::string code)
      : DatabaseError(std::move(message), std::move(details), std::move(code)),
        m_revision(std::move(revision)),
        m_direction(direction) {}

  const std::string& revision() const noexcept { return m_revision; }
  graph::Direction direction() const noexcept { return m_direction; }

private:
  std::string m_revision;
  graph::Direction m_direction;
};

}  // namespace strata::engine
