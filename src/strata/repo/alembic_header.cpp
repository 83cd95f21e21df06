// parse_alembic_header: the module docstring and the module-level assignments of an Alembic revision file,
// read without running Python (revision-graph.md "Revisions" says which names Alembic reads and what they mean).
#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/repo/migration_file.hpp"
#include "strata/repo/python_literal.hpp"
#include "strata/repo/python_tokens.hpp"
#include "strata/util/excerpt.hpp"
#include "strata/util/sha256.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

using python::Token;
using python::Value;

constexpr std::array<std::string_view, 4> k_fields = {"revision", "down_revision", "branch_labels", "depends_on"};
constexpr int k_max_name_hops = 16;

constexpr std::array<std::string_view, 35> k_keywords = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};

bool is_keyword(std::string_view name) {
  return std::find(k_keywords.begin(), k_keywords.end(), name) != k_keywords.end();
}

// One `name = value` (or `name: annotation = value`) at module level.
struct Assignment {
  std::string_view name;
  std::span<const Token> value;
  int line = 0;
};

// A statement that binds or changes a module-level name other than by a plain top-level assignment: after it, the
// name's value is known only by running the module.
struct Change {
  std::string_view name;
  int line = 0;
};

bool is_op(const Token& token, std::string_view text) { return token.kind == Token::Kind::op && token.text == text; }
bool is_assign(const Token& token) { return is_op(token, "="); }
bool is_word(const Token& token, std::string_view text) {
  return token.kind == Token::Kind::name && token.text == text;
}
bool is_plain_name(const Token& token) { return token.kind == Token::Kind::name && !is_keyword(token.text); }

bool is_augmented_assign(const Token& token) {
  return token.kind == Token::Kind::op && token.text.size() >= 2 && token.text.back() == '=' && token.text != "==" &&
         token.text != "!=" && token.text != "<=" && token.text != ">=" && token.text != ":=";
}

// Keywords that start a compound statement; what follows its header's ':' on the same line is its body.
bool starts_compound(const Token& token) {
  for (const auto keyword : {"if", "elif", "else", "try", "except", "finally", "for", "while", "with", "async"})
    if (is_word(token, keyword)) return true;
  return false;
}

class ChangeFinder {
public:
  explicit ChangeFinder(std::vector<Change>& out) : m_out(out) {}

  // Every name that `tokens` binds or changes. `conditional`: the statement may or may not run, so even a plain
  // assignment counts as a change.
  void statement(std::span<const Token> tokens, bool conditional) {
    if (tokens.empty()) return;
    const auto& first = tokens.front();
    if (starts_compound(first)) {
      header(tokens);
      return;
    }
    if (is_word(first, "def") || is_word(first, "class")) {
      if (tokens.size() > 1) add(tokens[1]);
      return;
    }
    if (is_word(first, "del") || is_word(first, "global")) {
      for (std::size_t i = 1; i < tokens.size(); ++i)
        if (tokens[i].depth == 0 && is_plain_name(tokens[i]) && (i == 1 || is_op(tokens[i - 1], ","))) add(tokens[i]);
      return;
    }
    if (is_word(first, "import") || is_word(first, "from")) return imports(tokens);
    walruses(tokens);
    if (tokens.size() > 1 && is_plain_name(first) &&
        (is_augmented_assign(tokens[1]) || is_op(tokens[1], ".") || is_op(tokens[1], "[")))
      add(first);
    std::size_t last_equals = tokens.size();
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (tokens[i].depth == 0 && is_assign(tokens[i])) last_equals = i;
    if (last_equals == tokens.size()) return;
    const bool simple = tokens.size() > 1 && is_plain_name(first) && (is_assign(tokens[1]) || is_op(tokens[1], ":"));
    if (simple && !conditional) {
      // `a = b = value` at top level: plain bindings, unless chained into an unpacking.
      for (std::size_t i = 0; i < last_equals; ++i)
        if (tokens[i].depth == 0 && is_op(tokens[i], ",")) return targets(tokens.first(last_equals));
      return;
    }
    targets(tokens.first(last_equals));
  }

private:
  void add(const Token& token) { m_out.push_back(Change{token.text, token.line}); }

  // Names in assignment targets, except attribute names after '.'; `a, (b, c) = ...`, `x[i] = ...`.
  void targets(std::span<const Token> tokens) {
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (is_plain_name(tokens[i]) && (i == 0 || !is_op(tokens[i - 1], "."))) add(tokens[i]);
  }

  void walruses(std::span<const Token> tokens) {
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
      if (is_plain_name(tokens[i]) && is_op(tokens[i + 1], ":=")) add(tokens[i]);
  }

  // `for a, b in ...:`, `with x as y:`, `except E as e:` bind names; the body after ':' is conditional.
  void header(std::span<const Token> tokens) {
    std::size_t colon = tokens.size();
    for (std::size_t i = 0; i < tokens.size(); ++i)
      if (tokens[i].depth == 0 && is_op(tokens[i], ":")) {
        colon = i;
        break;
      }
    const auto head = tokens.first(colon);
    walruses(head);
    std::size_t start = is_word(head.front(), "async") ? 1 : 0;
    if (start < head.size() && is_word(head[start], "for")) {
      for (std::size_t i = start + 1; i < head.size() && !is_word(head[i], "in"); ++i)
        if (is_plain_name(head[i])) add(head[i]);
    }
    for (std::size_t i = 0; i + 1 < head.size(); ++i)
      if (is_word(head[i], "as") && is_plain_name(head[i + 1])) add(head[i + 1]);
    if (colon + 1 < tokens.size()) statement(tokens.subspan(colon + 1), true);
  }

  // `import a.b` binds a; `import a as b` and `from m import a as b` bind b; `from m import a, c` binds a and c.
  void imports(std::span<const Token> tokens) {
    const bool from = is_word(tokens.front(), "from");
    std::size_t i = 1;
    if (from) {
      while (i < tokens.size() && !is_word(tokens[i], "import")) ++i;
      ++i;
    }
    bool expect_name = true;
    bool added = false;  // the last name of this statement is in m_out, for `as` to replace
    for (; i < tokens.size(); ++i) {
      const auto& token = tokens[i];
      if (is_op(token, ",")) {
        expect_name = true;
        continue;
      }
      if (is_word(token, "as") && i + 1 < tokens.size()) {
        if (added) m_out.pop_back();
        add(tokens[i + 1]);
        added = true;
        ++i;
        continue;
      }
      if (expect_name && is_plain_name(token)) {
        add(token);
        added = true;
        expect_name = false;
      }
    }
  }

  std::vector<Change>& m_out;
};

// The targets of a top-level statement that assigns to plain names: `a = b = value`, `a: int = value`. Unpacking,
// attribute and subscript targets are changes (ChangeFinder), not plain bindings.
void collect_assignments(std::span<const Token> tokens, std::vector<Assignment>& out) {
  std::vector<std::size_t> equals;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (tokens[i].depth == 0 && is_assign(tokens[i])) equals.push_back(i);
  if (equals.empty()) return;
  const auto all = tokens;
  const auto value = all.subspan(equals.back() + 1);
  std::size_t start = 0;
  for (const auto end : equals) {
    const auto target = all.subspan(start, end - start);
    const bool annotated =
        target.size() > 2 && target[1].kind == Token::Kind::op && target[1].text == ":" && equals.size() == 1;
    if (!target.empty() && is_plain_name(target[0]) && (target.size() == 1 || annotated))
      out.push_back(Assignment{target[0].text, value, target[0].line});
    start = end + 1;
  }
}

// `name = = value`, `name =` and `= value` are syntax errors in Python: Alembic could not import the file.
std::optional<int> empty_assignment_part(std::span<const Token> tokens) {
  if (!tokens.empty() && is_assign(tokens.front())) return tokens.front().line;
  if (tokens.empty() || !is_plain_name(tokens.front())) return std::nullopt;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= tokens.size(); ++i) {
    if (i < tokens.size() && !(tokens[i].depth == 0 && is_assign(tokens[i]))) continue;
    if (i == start && (i < tokens.size() || start > 0)) return (i < tokens.size() ? tokens[i] : tokens[i - 1]).line;
    start = i + 1;
  }
  return std::nullopt;
}

bool is_legacy_file_name(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  const auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (!name.ends_with(".py") || name.size() == 3) return false;
  return std::all_of(name.begin(), name.end() - 3,
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string legacy_id(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  const auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return std::string(name.substr(0, name.size() - 3));
}

// Python's str.strip(), then the first paragraph (Alembic's Script.doc).
std::string first_paragraph(std::string_view doc) {
  doc = util::trim(doc);
  const auto blank = doc.find("\n\n");
  return std::string(blank == std::string_view::npos ? doc : doc.substr(0, blank));
}

std::string create_date(std::string_view doc) {
  for (const auto& line : util::split(doc, '\n')) {
    const auto trimmed = util::trim(line);
    if (trimmed.starts_with("Create Date:")) return std::string(util::trim(trimmed.substr(12)));
  }
  return {};
}

class HeaderReader {
public:
  HeaderReader(std::string_view text, std::string_view path, const AlembicNames& names)
      : m_text(text), m_path(path), m_names(names), m_module(python::scan_module(text, path)) {
    ChangeFinder changes(m_changes);
    for (const auto& statement : m_module.statements) {
      const auto tokens = m_module.tokens_of(statement);
      const bool top_level = !statement.nested && !statement.in_function;
      if (top_level) {
        if (const auto line = empty_assignment_part(tokens))
          fail(*line, fmt::format("invalid Python syntax in '{}': an assignment needs a name and a value on each "
                                  "side of '='; Python cannot import this file",
                                  util::excerpt(python::source_text(tokens))));
        collect_assignments(tokens, m_assignments);
      }
      changes.statement(tokens, !top_level);
    }
  }

  AlembicHeader read() {
    AlembicHeader header;
    auto& file = header.file;
    file.kind = SourceKind::alembic_python;
    file.revision.path = m_path;
    file.checksum = util::sha256_hex(m_text);
    read_docstring(file);
    for (const auto field : k_fields) read_field(field, header);
    if (!m_seen_revision) {
      if (!is_legacy_file_name(m_path))
        throw RepositoryError(ErrorCode::parse_error, std::string(m_path), 0,
                              "no module-level 'revision = \"<id>\"' assignment, and the file name is not "
                              "'<hex id>.py'; add the revision id");
      file.revision.id = legacy_id(m_path);
    }
    if (!m_seen_down_revision)
      throw RepositoryError(ErrorCode::parse_error, std::string(m_path), 0,
                            "no module-level 'down_revision' assignment (Alembic fails on such a file); write "
                            "'down_revision = None' for a base revision");
    return header;
  }

private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw RepositoryError(ErrorCode::parse_error, std::string(m_path), line, message);
  }

  void read_docstring(MigrationFile& file) const {
    if (m_module.statements.empty()) return;
    const auto first = m_module.tokens_of(m_module.statements.front());
    if (!std::all_of(first.begin(), first.end(), [](const Token& t) { return t.kind == Token::Kind::string; })) return;
    std::string doc;
    for (const auto& token : first) doc += python::decode_string(token.text).value;
    file.revision.message = first_paragraph(doc);
    file.created = create_date(doc);
  }

  // The last module-level binding of `name` wins, as when Python runs the module.
  const Assignment* last_assignment(std::string_view name) const {
    for (auto it = m_assignments.rbegin(); it != m_assignments.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }

  // The first statement that changes `name` other than by a plain top-level assignment.
  const Change* first_change(std::string_view name) const {
    for (const auto& change : m_changes)
      if (change.name == name) return &change;
    return nullptr;
  }

  // A bare name bound exactly once at module level, and never changed, is followed; [alembic.names] supplies the
  // others.
  std::optional<Value> resolve(std::string_view name, int hops) {
    const auto known = m_names.find(name);
    const auto* change = first_change(name);
    if (change && !m_blocking_change) m_blocking_change = change;
    if (name.find('.') == std::string_view::npos && hops < k_max_name_hops && !change) {
      const auto count = std::count_if(m_assignments.begin(), m_assignments.end(),
                                       [name](const Assignment& a) { return a.name == name; });
      if (count == 1) {
        const auto* assignment = last_assignment(name);
        auto evaluation = python::evaluate(assignment->value,
                                           [this, hops](std::string_view inner) { return resolve(inner, hops + 1); });
        if (evaluation.value) return evaluation.value;
      }
    }
    if (known != m_names.end()) return Value{Value::Kind::string, known->second, {}};
    return std::nullopt;
  }

  void read_field(std::string_view field, AlembicHeader& header) {
    const auto* assignment = last_assignment(field);
    const auto* change = first_change(field);
    if (!assignment && !change) return;
    if (field == "revision") m_seen_revision = true;
    if (field == "down_revision") m_seen_down_revision = true;
    if (change) {
      // Only running the module tells the value: `depends_on = []` followed by `depends_on += [...]`.
      const int line = assignment ? assignment->line : change->line;
      Unreadable unreadable{std::string(field),
                            line,
                            assignment ? python::source_text(assignment->value) : std::string{},
                            {},
                            false,
                            {},
                            0};
      unreadable.changed_name = std::string(change->name);
      unreadable.changed_line = change->line;
      header.unreadable.push_back(std::move(unreadable));
      if (field == "revision") header.file.revision.line = line;
      return;
    }
    m_blocking_change = nullptr;
    auto evaluation = python::evaluate(assignment->value, [this](std::string_view name) { return resolve(name, 0); });
    if (!evaluation.value) {
      Unreadable unreadable{std::string(field),
                            assignment->line,
                            python::source_text(assignment->value),
                            evaluation.failure.culprit,
                            evaluation.failure.is_name,
                            {},
                            0};
      if (m_blocking_change && evaluation.failure.is_name) {
        unreadable.changed_name = std::string(m_blocking_change->name);
        unreadable.changed_line = m_blocking_change->line;
      }
      header.unreadable.push_back(std::move(unreadable));
      if (field == "revision") header.file.revision.line = assignment->line;
      return;
    }
    auto& revision = header.file.revision;
    if (field == "revision") {
      if (evaluation.value->kind != Value::Kind::string || evaluation.value->text.empty())
        fail(assignment->line,
             fmt::format("revision must be a non-empty string, found {}", describe(*evaluation.value)));
      if (const auto problem = graph::revision_id_problem(evaluation.value->text)) fail(assignment->line, *problem);
      revision.id = evaluation.value->text;
      revision.line = assignment->line;
      return;
    }
    auto ids = id_list(field, *evaluation.value, assignment->line);
    for (const auto& id : ids) {
      // Parents must be ids; labels and depends_on entries (ids or labels) must at least print safely.
      if (field == "down_revision") {
        if (const auto problem = graph::revision_id_problem(id)) fail(assignment->line, *problem);
      } else if (util::first_unprintable(id)) {
        fail(assignment->line, fmt::format("{} entry '{}' holds a control character or bytes that are not UTF-8; "
                                           "write it in printable characters",
                                           field, util::excerpt(id)));
      }
    }
    if (field == "down_revision") revision.revises = std::move(ids);
    else if (field == "branch_labels") revision.branch_labels = std::move(ids);
    else revision.depends_on = std::move(ids);
  }

  static std::string describe(const Value& value) {
    switch (value.kind) {
      case Value::Kind::none: return "None";
      case Value::Kind::string: return "an empty string";
      case Value::Kind::sequence: return "a tuple or list";
    }
    return {};
  }

  // None, "" and () mean no entries; a string is one; a tuple or list holds strings.
  std::vector<std::string> id_list(std::string_view field, const Value& value, int line) const {
    std::vector<std::string> ids;
    if (value.kind == Value::Kind::string) {
      if (!value.text.empty()) ids.push_back(value.text);
    } else if (value.kind == Value::Kind::sequence) {
      for (const auto& element : value.elements) {
        if (element.kind != Value::Kind::string || element.text.empty())
          fail(line,
               fmt::format("{} must be None, a string, or a tuple or list of non-empty strings; an entry is {}", field,
                           element.kind == Value::Kind::string ? "an empty string"
                           : element.kind == Value::Kind::none ? "None"
                                                               : "a nested tuple or list"));
        ids.push_back(element.text);
      }
    }
    return ids;
  }

  std::string_view m_text;
  std::string_view m_path;
  const AlembicNames& m_names;
  python::Module m_module;
  std::vector<Assignment> m_assignments;
  std::vector<Change> m_changes;
  const Change* m_blocking_change = nullptr;  // a name the last evaluation could not follow because it changes
  bool m_seen_revision = false;
  bool m_seen_down_revision = false;
};

}  // namespace

AlembicHeader parse_alembic_header(std::string_view text, std::string_view path, const AlembicNames& names) {
  return HeaderReader(text, path, names).read();
}

}  // namespace strata::repo
