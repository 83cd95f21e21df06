// The lint run: parse every revision's SQL once, replay the ancestors into the static catalog, run the engine's
// rules and strata's own over the selected revisions, then apply the inline ignores and report unused ones.
#include "strata/lint/linter.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "strata/db/statement.hpp"
#include "strata/graph/graph_data.hpp"
#include "strata/lint/catalog.hpp"
#include "strata/lint/down_rules.hpp"
#include "strata/lint/pg_parse.hpp"
#include "strata/lint/pg_rules.hpp"
#include "strata/lint/reporter.hpp"
#include "strata/lint/sqlite_rules.hpp"
#include "strata/repo/migration_file.hpp"

namespace strata::lint {

namespace {

// Runs body(0..count-1) on up to hardware_concurrency() threads (libpg_query keeps its state per thread).
template <typename Body>
void parallel_for(std::size_t count, Body&& body) {
  const std::size_t threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  if (threads == 1 || count < 64) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      for (std::size_t i = next++; i < count; i = next++) body(i);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

std::vector<Span> spans_of(const ParsedSql& parsed) {
  std::vector<Span> spans;
  spans.reserve(parsed.statements.size());
  for (const auto& statement : parsed.statements) spans.push_back({statement.begin, statement.end});
  return spans;
}

class PostgresRun {
public:
  PostgresRun(const std::vector<Unit>& units, const Options& options) : m_units(units), m_options(options) {}

  // `order`: unit indexes, ancestors first. `ancestors(u)`: the strict-ancestor mask of unit u.
  template <typename AncestorsFn>
  void lint(const std::vector<std::uint32_t>& order, const std::vector<char>& selected,
            const std::vector<char>& pending, AncestorsFn&& ancestors, LintResult& result) {
    // Parse every up section (and the selected revisions' down sections) once, on several threads: parsing is most
    // of the work and each section is independent. The units go in chunks, ancestors first: each chunk is parsed,
    // replayed into the catalog and linted, then its parse trees are freed, so memory stays at one chunk's trees
    // instead of the whole history's. Replaying a chunk before linting it changes nothing a rule sees: a scope
    // never sees a unit that is not an ancestor, nor its own later statements.
    constexpr std::size_t k_chunk = 128;
    Catalog catalog;
    std::vector<ParsedSql> ups;
    std::vector<std::optional<ParsedSql>> downs;
    for (std::size_t first = 0; first < order.size(); first += k_chunk) {
      const auto count = std::min(k_chunk, order.size() - first);
      ups.assign(count, ParsedSql{});
      downs.assign(count, std::nullopt);
      parallel_for(count, [&](std::size_t i) {
        const auto unit = order[first + i];
        if (!m_units[unit].up) return;
        ups[i] = parse_postgres(m_units[unit].up->sql);
        if (selected[unit] && m_units[unit].down) downs[i] = parse_postgres(m_units[unit].down->sql);
      });
      for (std::size_t i = 0; i < count; ++i) {
        const auto unit = order[first + i];
        if (!m_units[unit].up) continue;
        for (std::size_t s = 0; s < ups[i].statements.size(); ++s)
          record_postgres(ups[i].statements[s].node, catalog, Place{unit, static_cast<std::uint32_t>(s)});
      }
      for (std::size_t i = 0; i < count; ++i) {
        const auto unit = order[first + i];
        if (!selected[unit] || !m_units[unit].up) continue;
        ++result.files;
        result.statements += ups[i].statements.size();
        const auto mask = ancestors(unit);
        lint_unit(unit, ups[i], downs[i], catalog, mask, pending, result);
      }
    }
  }

private:
  void lint_unit(std::uint32_t index, const ParsedSql& up, const std::optional<ParsedSql>& down, const Catalog& catalog,
                 const std::vector<char>& mask, const std::vector<char>& pending, LintResult& result) {
    const auto& unit = m_units[index];
    const Reporter reporter(unit, m_options);
    std::vector<Finding> findings;
    std::vector<std::size_t> statement_of;
    std::vector<SectionDirectives> directives;
    if (down) result.statements += down->statements.size();
    const auto up_count = static_cast<std::uint32_t>(up.statements.size());
    auto lint_section = [&](const repo::SqlSection& section, const ParsedSql& parsed, std::string_view name,
                            bool is_down) {
      const auto spans = spans_of(parsed);
      std::vector<std::pair<std::size_t, std::size_t>> comments;
      for (const auto& comment : parsed.comments) comments.emplace_back(comment.begin, comment.end);
      directives.push_back(directives_of(section, name, comments, spans));
      if (parsed.error) {
        const auto offset = parsed.error->offset;
        findings.push_back(
            reporter.make("syntax-error", &section, name, offset, {offset, offset}, parsed.error->message,
                          fmt::format("fix the statement; PostgreSQL {}'s parser rejects it", parser_major_version())));
        statement_of.push_back(SIZE_MAX);
        return;
      }
      PgSection input;
      input.sql = section.sql;
      input.parsed = &parsed;
      input.per_migration = unit.per_migration;
      input.down = is_down;
      input.path = unit.path;
      input.header_line = unit.header_line;
      // The down section runs long after the up section, against tables that have lived in production since:
      // nothing is new there.
      input.is_new_table = [&, is_down](const std::string& table, std::size_t statement) {
        if (is_down) return false;
        const Scope scope{&mask, index, static_cast<std::uint32_t>(statement)};
        const auto creator = catalog.table_creator(table, scope);
        if (!creator) return false;
        return *creator == index || (*creator < pending.size() && pending[*creator] != 0);
      };
      input.not_null_proven = [&, is_down](const std::string& table, const std::string& column, std::size_t statement) {
        const Scope scope{&mask, index, is_down ? up_count : static_cast<std::uint32_t>(statement)};
        return catalog.not_null_proven(table, column, scope);
      };
      input.index_table = [&, is_down](const std::string& index_name, std::size_t statement) {
        const Scope scope{&mask, index, is_down ? up_count : static_cast<std::uint32_t>(statement)};
        return catalog.index_table(index_name, scope).value_or(std::string{});
      };
      for (auto& violation : check_postgres(input, m_options)) {
        findings.push_back(reporter.make(violation.rule, &section, name, violation.offset, spans[violation.statement],
                                         std::move(violation.message), std::move(violation.help)));
        statement_of.push_back(violation.statement);
      }
    };
    lint_section(*unit.up, up, "up", false);
    if (unit.down) lint_section(*unit.down, *down, "down", true);

    DownInput input;
    input.up = spans_of(up);
    input.up_parsed = !up.error;
    if (down) {
      input.down = spans_of(*down);
      input.down_parsed = !down->error;
    }
    check_down(reporter, input, findings, statement_of);
    finish_unit(reporter, std::move(findings), statement_of, std::move(directives), result.findings);
  }

  const std::vector<Unit>& m_units;
  const Options& m_options;
};

template <typename AncestorsFn>
LintResult run(const std::vector<Unit>& units, const std::vector<std::uint32_t>& order,
               const std::vector<char>& selected, const std::vector<char>& pending, const Options& options,
               AncestorsFn&& ancestors) {
  LintResult result;
  if (options.engine == SqlEngine::sqlite) {
    lint_sqlite(units, order, selected, options, result);
    return result;
  }
  PostgresRun(units, options).lint(order, selected, pending, ancestors, result);
  return result;
}

}  // namespace

LintResult lint_repository(const repo::Repository& repository, std::span<const graph::RevIndex> selected,
                           bool pending_run, const Options& options) {
  const auto& graph = repository.graph();
  std::vector<Unit> units;
  units.reserve(graph.size());
  for (graph::RevIndex i = 0; i < graph.size(); ++i) units.push_back(unit_of(repository.file(i)));
  std::vector<std::uint32_t> order(graph.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto& rank = graph.internals().rank;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return rank[a] < rank[b]; });
  std::vector<char> chosen(graph.size(), 0);
  for (const auto index : selected) chosen[index] = 1;
  const std::vector<char> pending = pending_run ? chosen : std::vector<char>{};
  return run(units, order, chosen, pending, options, [&](std::uint32_t unit) {
    std::vector<char> mask(graph.size(), 0);
    const graph::RevIndex start = unit;
    for (const auto ancestor : graph.ancestors(std::span<const graph::RevIndex>(&start, 1)))
      if (ancestor != unit) mask[ancestor] = 1;
    return mask;
  });
}

LintResult lint_file(std::string_view text, std::string_view path, const Options& options) {
  auto file = std::make_shared<repo::MigrationFile>();
  const bool native =
      text.substr(0, db::skip_space_and_comments(text, 0)).find("-- revision:") != std::string_view::npos;
  if (native) {
    *file = repo::parse_native_migration(text, path);
  } else {
    file->revision.path = std::string(path);
    file->up = repo::SqlSection{std::string(text), 1};
  }
  std::vector<Unit> units{unit_of(*file)};
  units[0].owned = file;
  units[0].plain_sql = !native;
  return run(units, {0}, {1}, {}, options, [](std::uint32_t) { return std::vector<char>{}; });
}

}  // namespace strata::lint
