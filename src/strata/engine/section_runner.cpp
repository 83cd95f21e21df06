#include "strata/engine/section_runner.hpp"

namespace strata::engine {

std::vector<db::Statement> split_section(db::Engine engine, const repo::SqlSection& section, const std::string& path) {
  try {
    return db::split_statements(engine, section.sql);
  } catch (const db::StatementError& error) {
    const int line = section.first_line + db::line_at(section.sql, error.error_offset().value_or(0)) - 1;
    throw error.with_location(path, line);
  }
}

int statement_line(db::Engine engine, const repo::SqlSection& section, int index) {
  try {
    const auto statements = db::split_statements(engine, section.sql);
    if (index >= 0 && static_cast<std::size_t>(index) < statements.size())
      return file_line(section, statements[static_cast<std::size_t>(index)], std::nullopt);
  } catch (const db::StatementError&) {
    // The file changed since it failed and no longer splits: its first line is the best we can say.
  }
  return section.first_line;
}

int file_line(const repo::SqlSection& section, const db::Statement& statement, std::optional<std::size_t> offset) {
  const int within = offset ? db::line_at(statement.text, *offset) - 1 : 0;
  return section.first_line + statement.line - 1 + within;
}

void execute_statement(db::Connection& connection, const db::Statement& statement, const repo::SqlSection& section,
                       const std::string& path) {
  try {
    connection.execute(statement.text);
  } catch (const db::StatementError& error) {
    throw error.with_location(path, file_line(section, statement, error.error_offset()));
  }
}

}  // namespace strata::engine
