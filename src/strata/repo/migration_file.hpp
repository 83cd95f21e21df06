#pragma once
// A migration file parsed into its revision and its SQL sections. Parsing is pure: text in, value out.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/graph/revision.hpp"

namespace strata::repo {

enum class TransactionMode { per_migration, none };
enum class SourceKind { native_sql, alembic_python };

struct SqlSection {
  std::string sql;    // the section's text, exactly as in the file (without the `-- +up`/`-- +down` marker line)
  int first_line = 0;  // file line of the section's first text line, to map statement offsets back to the file
};

struct MigrationFile {
  graph::Revision revision;
  SourceKind kind = SourceKind::native_sql;
  std::string created;  // ISO-8601 as written, may be empty
  TransactionMode transaction = TransactionMode::per_migration;
  SqlSection up;
  std::optional<SqlSection> down;  // absent: cannot be downgraded past
  std::string checksum;            // SHA-256 hex of the up section's text (Alembic files: of the whole file)
};

// Parses a native strata SQL file. Throws RepositoryError naming `path:line` and what was expected.
MigrationFile parse_native_migration(std::string_view text, std::string_view path);

// A module-level assignment the Alembic reader could not evaluate statically.
struct Unreadable {
  std::string field;  // "revision", "down_revision", "branch_labels", "depends_on"
  int line = 0;
  std::string expression;  // the source text of the value
  std::string culprit;     // the part that stopped the reader, e.g. "cli.EXPAND_BRANCH" inside "(cli.EXPAND_BRANCH,)"
  bool culprit_is_name = false;  // a name or dotted name: [alembic.names] can give its value
};

struct AlembicHeader {
  MigrationFile file;  // kind = alembic_python; up/down empty (never executed)
  std::vector<Unreadable> unreadable;
};

// Known values for names the reader cannot evaluate (strata.toml [alembic.names]), e.g. "cli.EXPAND_BRANCH".
using AlembicNames = std::map<std::string, std::string, std::less<>>;

// Reads `revision`, `down_revision`, `branch_labels`, `depends_on` of an Alembic .py file as Python literals,
// without running Python. Syntax it cannot read at all is a RepositoryError naming path:line.
AlembicHeader parse_alembic_header(std::string_view text, std::string_view path, const AlembicNames& names);

}  // namespace strata::repo
