#pragma once
// A migration that failed while running: a DatabaseError (exit 4) whose fields name the revision, the direction,
// the file and the line, so that --json output and the library can say which migration failed.
#include <string>

#include "strata/core/error.hpp"
#include "strata/graph/plan.hpp"

namespace strata::engine {

class MigrationError : public DatabaseError {
public:
  // `fields` must have revision and direction set.
  MigrationError(ErrorCode code, const std::string& message, ErrorFields fields)
      : DatabaseError(code, message, std::move(fields)) {}

  const std::string& revision() const noexcept { return fields().revision; }
  graph::Direction direction() const noexcept { return fields().direction.value_or(graph::Direction::up); }
};

}  // namespace strata::engine
