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
  std::string sql;     // the section's text, exactly as in the file (without the `-- +up`/`-- +down` marker line)
  int first_line = 0;  // file line of the section's first text line, to map statement offsets back to the file
};

struct MigrationFile {
  graph::Revision revision;
  SourceKind kind = SourceKind::native_sql;
  std::string created;  // ISO-8601 as written, may be empty
  TransactionMode transaction = TransactionMode::per_migration;
  SqlSection up;
  std::optional<SqlSection> down;  // absent: cannot be downgraded past
  // The down section's first line is `-- strata: no-op`: it is empty on purpose. A down section without a
  // statement and without this line is refused like a missing one, since it would "undo" by doing nothing.
  bool down_no_op = false;
  std::string checksum;  // SHA-256 hex of the up section's text (Alembic files: of the whole file)
};

// The line that marks a down section as intentionally empty.
inline constexpr std::string_view k_no_op_marker = "-- strata: no-op";

// Parses a native strata SQL file. Throws RepositoryError naming `path:line` and what was expected.
MigrationFile parse_native_migration(std::string_view text, std::string_view path);

// A module-level assignment the Alembic reader could not evaluate statically.
struct Unreadable {
  std::string field;  // "revision", "down_revision", "branch_labels", "depends_on"
  int line = 0;
  std::string expression;  // the source text of the value
  std::string culprit;     // the part that stopped the reader, e.g. "cli.EXPAND_BRANCH" inside "(cli.EXPAND_BRANCH,)"
  bool culprit_is_name = false;  // a name or dotted name: [alembic.names] can give its value
  // A name (the field itself, or one its value refers to) that the module changes after binding it, e.g.
  // `depends_on += [...]` or a rebinding inside `if`/`try`: where, so the message can point at it.
  std::string changed_name;
  int changed_line = 0;
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
