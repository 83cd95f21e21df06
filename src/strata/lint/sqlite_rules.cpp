#include "strata/lint/sqlite_rules.hpp"

#include <optional>

#include <fmt/format.h>

#include "strata/db/scratch_sqlite.hpp"
#include "strata/db/statement.hpp"
#include "strata/db/statement_error.hpp"
#include "strata/lint/down_rules.hpp"
#include "strata/lint/reporter.hpp"
#include "strata/lint/words.hpp"
#include "strata/util/strings.hpp"

namespace strata::lint {

namespace {

constexpr Version k_rename_column{3, 25, 0};
constexpr Version k_drop_column{3, 35, 0};

struct Check {
  std::string_view rule;
  std::string message;
  std::string help;
  bool run = true;  // still run the statement on the scratch database (to keep later statements meaningful)
};

std::string none_hint(const Unit& unit) {
  return fmt::format("add the header line `-- transaction: none` to {}{}", unit.path,
                     unit.header_line > 0 ? fmt::format(" (below line {})", unit.header_line) : std::string{});
}

// What is wrong with an ADD COLUMN definition (the words after the column name), or empty.
std::string add_column_problem(const std::vector<std::string>& words, std::size_t from) {
  bool not_null = false, has_default = false, default_null = false;
  for (std::size_t i = from; i < words.size(); ++i) {
    const auto& word = words[i];
    const auto& next = i + 1 < words.size() ? words[i + 1] : std::string{};
    if (word == "primary" && next == "key") return "a PRIMARY KEY";
    if (word == "unique") return "a UNIQUE constraint";
    if (word == "stored") return "a STORED generated column (only VIRTUAL ones can be added)";
    if (word == "not" && next == "null") not_null = true;
    if (word == "default") {
      has_default = true;
      if (next == "current_time" || next == "current_date" || next == "current_timestamp")
        return fmt::format("DEFAULT {} (not a constant)", next);
      if (next == "(") return "a parenthesised DEFAULT expression (not a constant)";
      if (next == "null") default_null = true;
    }
  }
  if (not_null && (!has_default || default_null)) return "NOT NULL and no non-NULL default";
  return {};
}

class SqliteRun {
public:
  SqliteRun(const Options& options) : m_options(options) {
    m_version = options.sqlite_version;
    if (m_version == Version{})
      m_version = parse_version(db::ScratchSqlite::library_version()).value_or(Version{3, 0, 0});
  }

  void unit(const Unit& unit, bool selected, LintResult& result) {
    if (!unit.up) return;
    const Reporter reporter(unit, m_options);
    std::vector<Finding> findings;
    std::vector<std::size_t> statement_of;
    std::vector<SectionDirectives> directives;
    DownInput down_input;
    auto up = section(reporter, *unit.up, "up", selected, findings, statement_of, directives, result);
    down_input.up_parsed = up.has_value();
    if (up) down_input.up = *up;
    if (!selected) return;
    ++result.files;
    if (unit.down) {
      // The down section is checked against the schema after the up section, then undone.
      m_scratch.run("SAVEPOINT strata_lint_down");
      auto down = section(reporter, *unit.down, "down", true, findings, statement_of, directives, result);
      m_scratch.run("ROLLBACK TO strata_lint_down");
      m_scratch.run("RELEASE strata_lint_down");
      down_input.down_parsed = down.has_value();
      if (down) down_input.down = *down;
    }
    check_down(reporter, down_input, findings, statement_of);
    finish_unit(reporter, std::move(findings), statement_of, std::move(directives), result.findings);
  }

private:
  std::optional<std::vector<Span>> section(const Reporter& reporter, const repo::SqlSection& section,
                                           std::string_view name, bool selected, std::vector<Finding>& findings,
                                           std::vector<std::size_t>& statement_of,
                                           std::vector<SectionDirectives>& directives, LintResult& result) {
    std::vector<db::Statement> statements;
    try {
      statements = db::split_statements(db::Engine::sqlite, section.sql);
    } catch (const db::StatementError& error) {
      if (selected) {
        const auto offset = error.error_offset().value_or(0);
        findings.push_back(reporter.make("syntax-error", &section, name, offset, {offset, offset},
                                         error.server_message(),
                                         "close the string or comment that runs to the end of the section"));
        statement_of.push_back(SIZE_MAX);
      }
      return std::nullopt;
    }
    std::vector<Span> spans;
    spans.reserve(statements.size());
    for (const auto& statement : statements)
      spans.push_back({statement.offset, statement.offset + statement.text.size()});
    if (selected) {
      std::vector<std::size_t> begins, ends;
      for (const auto& span : spans) {
        begins.push_back(span.begin);
        ends.push_back(span.end);
      }
      directives.push_back(directives_of(section, name, comments_between(section.sql, begins, ends), spans));
      result.statements += statements.size();
    }
    bool explicit_transaction = false;
    const bool per_migration = reporter.unit().per_migration;
    for (std::size_t i = 0; i < statements.size(); ++i) {
      const auto& text = statements[i].text;
      std::vector<Check> checks =
          check(text, reporter.unit(), per_migration || explicit_transaction, explicit_transaction);
      bool run = true;
      for (const auto& found : checks) run = run && found.run;
      std::optional<std::string> failure;
      if (run) failure = m_scratch.run(text);
      if (failure && checks.empty())
        checks.push_back({"sqlite-statement-fails", fmt::format("SQLite rejects this statement: {}", *failure),
                          fmt::format("fix the statement; it fails on SQLite {} against the schema the earlier "
                                      "migrations build",
                                      db::ScratchSqlite::library_version())});
      if (!selected) continue;
      for (auto& found : checks) {
        findings.push_back(reporter.make(found.rule, &section, name, spans[i].begin, spans[i], std::move(found.message),
                                         std::move(found.help)));
        statement_of.push_back(i);
      }
    }
    return spans;
  }

  std::vector<Check> check(const std::string& text, const Unit& unit, bool in_transaction, bool& explicit_transaction) {
    std::vector<Check> checks;
    Words w(text);
    const auto& first = w.peek();
    if (first == "begin" || first == "commit" || first == "end" || (first == "rollback" && w.peek(1) != "to")) {
      if (unit.per_migration)
        checks.push_back({"sqlite-transaction-control",
                          fmt::format("`{}` inside a migration the engine already runs in a transaction (transaction: "
                                      "per-migration); SQLite cannot start a transaction within a transaction",
                                      first),
                          fmt::format("remove it, or {} to manage transactions yourself", none_hint(unit)), false});
      else explicit_transaction = first == "begin";
      return checks;
    }
    if (first == "vacuum" && in_transaction) {
      checks.push_back({"sqlite-not-in-transaction",
                        "VACUUM fails inside a transaction (\"cannot VACUUM from within a transaction\")",
                        fmt::format("{} and keep VACUUM outside BEGIN ... COMMIT", none_hint(unit)), false});
      return checks;
    }
    if (first == "pragma") {
      Words pragma(text);
      pragma.skip();
      const auto name = pragma.name();
      if (name == "foreign_keys" && in_transaction)
        checks.push_back({"sqlite-foreign-keys-in-transaction",
                          "PRAGMA foreign_keys is a silent no-op inside a transaction: foreign keys stay as they were, "
                          "so a table rebuild's DROP TABLE can cascade deletes or fail",
                          fmt::format("{}, with the PRAGMA before BEGIN and after COMMIT", none_hint(unit)), false});
      if (name == "journal_mode" && in_transaction)
        checks.push_back({"sqlite-not-in-transaction",
                          "PRAGMA journal_mode cannot change to or from WAL inside a transaction",
                          fmt::format("{} and keep the PRAGMA outside BEGIN ... COMMIT", none_hint(unit)), false});
      return checks;
    }
    if (!(w.accept("alter") && w.accept("table"))) return checks;
    const auto table = w.name();
    if (w.accept("rename")) {
      if (w.peek() == "to") return checks;
      w.accept("column");
      if (m_version < k_rename_column)
        checks.push_back({"sqlite-alter-unsupported",
                          fmt::format("ALTER TABLE ... RENAME COLUMN needs SQLite 3.25.0; the target is {}",
                                      version_text(m_version)),
                          "rebuild the table (create the new table, copy the rows, drop the old one, rename), or "
                          "raise --sqlite-version / [lint] sqlite_version if every database runs 3.25.0 or later"});
      return checks;
    }
    if (w.accept("drop")) {
      w.accept("column");
      const auto column = w.name();
      if (m_version < k_drop_column)
        checks.push_back(
            {"sqlite-alter-unsupported",
             fmt::format("ALTER TABLE ... DROP COLUMN needs SQLite 3.35.0; the target is {}", version_text(m_version)),
             "rebuild the table without the column, or raise --sqlite-version / [lint] sqlite_version if "
             "every database runs 3.35.0 or later"});
      const auto uses = m_scratch.column_uses(table, column);
      if (!uses.empty())
        checks.push_back({"sqlite-drop-column-blocked",
                          fmt::format("SQLite cannot drop column \"{}\" of \"{}\": it is used by {}", column, table,
                                      util::join(uses, ", ")),
                          "drop those first, or rebuild the table without the column"});
      return checks;
    }
    if (w.accept("add")) {
      w.accept("column");
      const auto column = w.name();
      const auto problem = add_column_problem(w.all(), w.position());
      if (!problem.empty())
        checks.push_back({"sqlite-add-column-forbidden",
                          fmt::format("SQLite cannot ADD COLUMN \"{}\" with {}", column, problem),
                          "add the column without it (nullable, constant default), or rebuild the table"});
    }
    return checks;
  }

  const Options& m_options;
  Version m_version;
  db::ScratchSqlite m_scratch;
};

}  // namespace

void lint_sqlite(const std::vector<Unit>& units, const std::vector<std::uint32_t>& order,
                 const std::vector<char>& selected, const Options& options, LintResult& result) {
  SqliteRun run(options);
  for (const auto index : order) run.unit(units[index], selected[index] != 0, result);
}

}  // namespace strata::lint
