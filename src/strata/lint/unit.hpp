#pragma once
// One file the linter reads: its sections and what its header says, whatever kind of file it came from.
#include <memory>
#include <string>

#include "strata/repo/migration_file.hpp"

namespace strata::lint {

struct Unit {
  std::string path;
  std::string revision;  // empty for a plain SQL file
  int header_line = 0;   // the `-- revision:` line
  bool per_migration = true;
  bool plain_sql = false;                            // no header: strata's down rules do not apply
  const repo::SqlSection* up = nullptr;              // null for Alembic revisions (Python is not linted)
  const repo::SqlSection* down = nullptr;            // null when the file has no down section
  std::shared_ptr<const repo::MigrationFile> owned;  // keeps a file parsed by the linter itself alive
};

Unit unit_of(const repo::MigrationFile& file);

// A statement's position within its section.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

}  // namespace strata::lint
