#pragma once
// Running one SQL section of a migration file statement by statement, so that a failure names the file line of
// the failing statement: section first_line + statement line − 1 + the lines inside the statement before the
// server's error position.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "strata/db/connection.hpp"
#include "strata/repo/migration_file.hpp"

namespace strata::engine {

// The section's statements. A text the engine's lexer cannot split (an unterminated quote) is a StatementError
// prefixed with "path:line: ".
std::vector<db::Statement> split_section(db::Engine engine, const repo::SqlSection& section, const std::string& path);

// The file line of statement `index` (0-based) of `section`; the section's first line when the section cannot be
// split or has fewer statements.
int statement_line(db::Engine engine, const repo::SqlSection& section, int index);

// The file line of a position within a statement: `offset` bytes into its text (nullopt: its first line).
int file_line(const repo::SqlSection& section, const db::Statement& statement, std::optional<std::size_t> offset);

// Executes one statement; a failure is rethrown as StatementError with path:line of the error position.
void execute_statement(db::Connection& connection, const db::Statement& statement, const repo::SqlSection& section,
                       const std::string& path);

}  // namespace strata::engine
