#include "strata/engine/section_checks.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/statement.hpp"
#include "strata/db/statement_error.hpp"
#include "strata/engine/section_runner.hpp"
#include "strata/repo/migration_file.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::engine {

namespace {

// The statement's first line, shortened: enough to recognise it next to its file:line.
std::string excerpt(const std::string& statement) {
  return util::excerpt(statement.substr(0, statement.find('\n')), 40);
}

std::vector<db::Statement> split_or_refuse(db::Engine engine, const repo::MigrationFile& file,
                                           const repo::SqlSection& section, std::string_view which) {
  try {
    return db::split_statements(engine, section.sql);
  } catch (const db::StatementError& error) {
    const auto offset = error.error_offset().value_or(0);
    const int line = section.first_line + db::line_at(section.sql, offset) - 1;
    const auto& id = file.revision.id;
    if (offset < section.sql.size() && section.sql[offset] == '\0')
      throw RepositoryError(ErrorCode::nul_byte, file.revision.path, line,
                            fmt::format("the {} section of revision {} holds a NUL byte, which SQL text cannot "
                                        "contain; nothing was changed\nhint: remove it (a file saved as UTF-16, or "
                                        "pasted binary data, puts NUL bytes in)",
                                        which, id));
    throw RepositoryError(ErrorCode::unsplittable_sql, file.revision.path, line,
                          fmt::format("the {} section of revision {} cannot be split into statements: {}; nothing "
                                      "was changed\nhint: close the quote or comment that starts there",
                                      which, id, error.server_message()));
  }
}

void check_step(const repo::MigrationFile& file, const graph::Step& step, db::Engine engine) {
  const bool up = step.direction == graph::Direction::up;
  if (!up && !file.down) return;  // refused with its own message (no_down_section)
  const auto& section = up ? file.up : *file.down;
  const std::string which = up ? "up" : "down";
  const auto statements = split_or_refuse(engine, file, section, which);
  const auto& id = file.revision.id;
  if (file.transaction != repo::TransactionMode::none) {
    for (const auto& statement : statements) {
      if (!db::controls_transaction(engine, statement.text)) continue;
      throw RepositoryError(
          ErrorCode::transaction_control, file.revision.path, file_line(section, statement, std::nullopt),
          fmt::format("revision {} runs `{}`, which begins or ends a transaction, inside the transaction strata runs "
                      "each migration in (with its version row, so that it is applied and recorded, or neither); "
                      "nothing was changed\nhint: remove the statement, or add `-- transaction: none` to the header "
                      "to run the file statement by statement without strata's transaction",
                      id, excerpt(statement.text)));
    }
  }
  if (up) return;
  if (statements.empty() && !file.down_no_op)
    throw RepositoryError(ErrorCode::empty_down_section, file.revision.path, section.first_line - 1,
                          fmt::format("the down section of revision {} has no statement (only comments or blank "
                                      "lines), so downgrading it would undo nothing; nothing was changed\nhint: "
                                      "write the SQL that undoes the up section, or, if there is nothing to undo, "
                                      "make `{}` the first line after `-- +down`",
                                      id, repo::k_no_op_marker));
  if (!statements.empty() && file.down_no_op)
    throw RepositoryError(
        ErrorCode::no_op_with_statements, file.revision.path, section.first_line - 1,
        fmt::format("the down section of revision {} says `{}` but holds {} {}; nothing was "
                    "changed\nhint: remove the marker line or the statements",
                    id, repo::k_no_op_marker, statements.size(), statements.size() == 1 ? "statement" : "statements"));
}

}  // namespace

void check_sections(const repo::Repository& repository, const graph::Plan& plan, db::Engine engine) {
  for (const auto& step : plan.steps) check_step(repository.file(step.revision), step, engine);
}

}  // namespace strata::engine
