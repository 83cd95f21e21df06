#include "strata/lint/down_rules.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "strata/lint/words.hpp"
#include "strata/util/strings.hpp"

namespace strata::lint {

namespace {

struct Created {
  std::string kind;   // "table", "index", "column", "view", "type", "sequence"
  std::string name;   // for columns: the column
  std::string table;  // for indexes and columns: their table
  std::size_t statement = 0;
};

std::vector<Created> created_by(std::string_view sql, std::size_t statement) {
  Words w(words_of(sql));
  std::vector<Created> created;
  if (w.accept("create")) {
    w.accept_all({"or", "replace"});
    w.accept("unique");
    w.accept("temporary") || w.accept("temp");
    w.accept("unlogged");
    for (const std::string_view kind : {"table", "view", "type", "sequence"}) {
      if (!w.accept(kind)) continue;
      w.accept_all({"if", "not", "exists"});
      created.push_back({std::string(kind), w.name(), {}, statement});
      return created;
    }
    if (w.accept("index")) {
      w.accept("concurrently");
      w.accept_all({"if", "not", "exists"});
      if (w.peek() == "on") return created;  // unnamed: nothing to compare
      auto name = w.name();
      if (!w.accept("on")) return created;
      w.accept("only");
      created.push_back({"index", std::move(name), w.name(), statement});
    }
    return created;
  }
  if (w.accept("alter") && w.accept("table")) {
    w.accept_all({"if", "exists"});
    w.accept("only");
    const auto table = w.name();
    int depth = 0;
    bool action_start = true;
    while (!w.done()) {
      const auto& word = w.peek();
      if (word == "(") ++depth;
      if (word == ")") --depth;
      if (depth == 0 && word == ",") action_start = true;
      else if (depth == 0 && action_start && word == "add") {
        w.skip();
        w.accept("column");
        w.accept_all({"if", "not", "exists"});
        static const std::set<std::string> not_columns{"constraint", "primary", "unique",
                                                       "foreign",    "check",   "exclude"};
        if (!not_columns.contains(w.peek())) created.push_back({"column", w.name(), table, statement});
        action_start = false;
        continue;
      } else {
        action_start = false;
      }
      w.skip();
    }
  }
  return created;
}

struct Dropped {
  std::set<std::string> tables, indexes, views, types, sequences;
  std::set<std::pair<std::string, std::string>> columns;  // (table, column)
};

void collect_drops(std::string_view sql, Dropped& dropped) {
  Words w(words_of(sql));
  if (w.accept("drop")) {
    std::set<std::string>* into = nullptr;
    if (w.accept("table")) into = &dropped.tables;
    else if (w.accept("index")) into = &dropped.indexes;
    else if (w.accept("view")) into = &dropped.views;
    else if (w.accept("type")) into = &dropped.types;
    else if (w.accept("sequence")) into = &dropped.sequences;
    if (!into) return;
    w.accept("concurrently");
    w.accept_all({"if", "exists"});
    do into->insert(w.name());
    while (w.accept(","));
    return;
  }
  if (w.accept("alter") && w.accept("table")) {
    w.accept_all({"if", "exists"});
    w.accept("only");
    const auto table = w.name();
    while (!w.done()) {
      if (w.accept("drop")) {
        if (w.accept("constraint")) continue;
        w.accept("column");
        w.accept_all({"if", "exists"});
        dropped.columns.insert({table, w.name()});
        continue;
      }
      w.skip();
    }
  }
}

bool changes_schema(std::string_view sql) {
  Words w(words_of(sql));
  return w.accept("create") || w.accept("alter") || w.accept("drop");
}

bool marked_no_op(std::string_view down_sql) {
  // `-- strata: no-op` as the first non-blank line of the down section: an intentionally empty down.
  for (const auto& line : util::split(down_sql, '\n')) {
    const auto trimmed = util::trim(line);
    if (trimmed.empty()) continue;
    return trimmed == "-- strata: no-op";
  }
  return false;
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string_view text_of(const repo::SqlSection& section, const Span& span) {
  return std::string_view(section.sql).substr(span.begin, span.end - span.begin);
}

}  // namespace

void check_down(const Reporter& reporter, const DownInput& input, std::vector<Finding>& findings,
                std::vector<std::size_t>& statement_of) {
  const auto& unit = reporter.unit();
  if (unit.plain_sql || !unit.up || !input.up_parsed) return;
  std::optional<std::size_t> first_change;
  for (std::size_t i = 0; i < input.up.size() && !first_change; ++i)
    if (changes_schema(text_of(*unit.up, input.up[i]))) first_change = i;
  if (!first_change) return;
  const auto change_line =
      unit.up->first_line +
      static_cast<int>(std::count(unit.up->sql.begin(),
                                  unit.up->sql.begin() + static_cast<std::ptrdiff_t>(input.up[*first_change].begin),
                                  '\n'));
  if (!unit.down) {
    findings.push_back(reporter.make(
        "down-missing", nullptr, "", 0, {},
        fmt::format("revision {} changes the schema (line {}) but has no down section, so `strata downgrade` cannot "
                    "go below it",
                    unit.revision, change_line),
        "add a `-- +down` section that undoes the up section (or `-- +down` then `-- strata: no-op` when nothing "
        "needs undoing)"));
    statement_of.push_back(SIZE_MAX);
    return;
  }
  if (!input.down_parsed) return;
  if (input.down.empty()) {
    if (marked_no_op(unit.down->sql)) return;
    auto finding = reporter.make(
        "down-empty", nullptr, "down", 0, {},
        fmt::format("the down section of revision {} has no statements (only comments or the template's "
                    "placeholder), but the up section changes the schema",
                    unit.revision),
        "write the statements that undo the up section, or put `-- strata: no-op` right after `-- +down` if "
        "nothing needs undoing");
    finding.line = finding.end_line = unit.down->first_line - 1;
    findings.push_back(std::move(finding));
    statement_of.push_back(SIZE_MAX);
    return;
  }
  Dropped dropped;
  for (const auto& span : input.down) collect_drops(text_of(*unit.down, span), dropped);
  for (std::size_t i = 0; i < input.up.size(); ++i) {
    for (const auto& object : created_by(text_of(*unit.up, input.up[i]), i)) {
      bool undone = false;
      if (object.kind == "table") undone = dropped.tables.contains(object.name);
      else if (object.kind == "index")
        undone = dropped.indexes.contains(object.name) || dropped.tables.contains(object.table);
      else if (object.kind == "column")
        undone = dropped.columns.contains({object.table, object.name}) || dropped.tables.contains(object.table);
      else if (object.kind == "view") undone = dropped.views.contains(object.name);
      else if (object.kind == "type") undone = dropped.types.contains(object.name);
      else if (object.kind == "sequence") undone = dropped.sequences.contains(object.name);
      if (undone) continue;
      const bool column = object.kind == "column";
      const std::string what = column ? fmt::format("column \"{}\" of \"{}\"", object.name, object.table)
                                      : fmt::format("{} \"{}\"", object.kind, object.name);
      const std::string undo = column ? fmt::format("ALTER TABLE {} DROP COLUMN {}", object.table, object.name)
                                      : fmt::format("DROP {} {}", upper(object.kind), object.name);
      findings.push_back(
          reporter.make("down-not-inverse", unit.up, "up", input.up[i].begin, input.up[i],
                        fmt::format("the up section creates {} but the down section never drops it", what),
                        fmt::format("add `{};` to the down section", undo)));
      statement_of.push_back(i);
    }
  }
}

}  // namespace strata::lint
