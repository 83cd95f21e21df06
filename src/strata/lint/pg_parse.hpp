#pragma once
// PostgreSQL's own parser (libpg_query) over one section of a migration: statements as parse trees (protobuf
// messages, read through pg_tree.hpp) with their byte ranges, and the comments the parse tree drops (inline ignore
// directives live there).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/lint/pg_tree.hpp"

namespace strata::lint {

struct ParsedStatement {
  tree::Msg node;         // the statement's Node (holding an IndexStmt...), owned by its ParsedSql
  std::size_t begin = 0;  // byte offset of the statement's first token within the parsed text
  std::size_t end = 0;    // one past its last byte (without the terminating ';')
};

struct Comment {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct SyntaxError {
  std::string message;     // PostgreSQL's own message, e.g. `syntax error at or near "TABEL"`
  std::size_t offset = 0;  // where the parser stopped
};

struct ParsedSql {
  std::vector<ParsedStatement> statements;  // empty when `error` is set
  std::vector<Comment> comments;            // every `-- ...` and `/* ... */`, in order
  // Identifiers over 63 bytes, as written: PostgreSQL's scanner truncates them, so the parse tree cannot show them.
  std::vector<Comment> long_identifiers;
  std::optional<SyntaxError> error;
  std::shared_ptr<const ProtobufCMessage> tree;  // owns every statement's node
};

// Parses `sql` (one section of a file). Locations in the trees are byte offsets into `sql`.
ParsedSql parse_postgres(std::string_view sql);

// The PostgreSQL major version libpg_query's grammar comes from (e.g. 15).
int parser_major_version();

}  // namespace strata::lint
