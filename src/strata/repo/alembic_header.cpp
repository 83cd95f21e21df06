// parse_alembic_header: the module docstring and the module-level assignments of an Alembic revision file,
// read without running Python (revision-graph.md "Revisions" says which names Alembic reads and what they mean).
#include <algorithm>
#include <array>
#include <string>

#include "strata/core/error.hpp"
#include "strata/repo/migration_file.hpp"
#include "strata/repo/python_literal.hpp"
#include "strata/repo/python_tokens.hpp"
#include "strata/util/sha256.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

using python::Token;
using python::Value;

constexpr std::array<std::string_view, 4> k_fields = {"revision", "down_revision", "branch_labels", "depends_on"};
constexpr int k_max_name_hops = 16;

constexpr std::array<std::string_view, 35> k_keywords = {
    "False", "None",   "True",     "and",   "as",    "assert", "async", "await",  "break",  "class", "continue", "def",
    "del",   "elif",   "else",     "except", "finally", "for", "from",  "global", "if",     "import", "in",     "is",
    "lambda", "nonlocal", "not",   "or",    "pass",  "raise",  "return", "try",   "while",  "with",  "yield"};

bool is_keyword(std::string_view name) {
  return std::find(k_keywords.begin(), k_keywords.end(), name) != k_keywords.end();
}

// One `name = value` (or `name: annotation = value`) at module level.
struct Assignment {
  std::string_view name;
  std::span<const Token> value;
  int line = 0;
};

bool is_assign(const Token& token) { return token.kind == Token::Kind::op && token.text == "="; }

// The targets of a statement that assigns to plain names; attribute, subscript and unpacking targets are skipped.
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
    const bool annotated = target.size() > 2 && target[1].kind == Token::Kind::op && target[1].text == ":" &&
                           equals.size() == 1;
    if (!target.empty() && target[0].kind == Token::Kind::name && !is_keyword(target[0].text) &&
        (target.size() == 1 || annotated))
      out.push_back(Assignment{target[0].text, value, target[0].line});
    start = end + 1;
  }
}

bool is_legacy_file_name(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  const auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (!name.ends_with(".py") || name.size() == 3) return false;
  return std::all_of(name.begin(), name.end() - 3, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
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
    for (const auto& statement : m_module.statements) collect_assignments(m_module.tokens_of(statement), m_assignments);
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
        throw RepositoryError(std::string(m_path), 0,
                              "no module-level 'revision = \"<id>\"' assignment, and the file name is not "
                              "'<hex id>.py'; add the revision id");
      file.revision.id = legacy_id(m_path);
    }
    if (!m_seen_down_revision)
      throw RepositoryError(std::string(m_path), 0,
                            "no module-level 'down_revision' assignment (Alembic fails on such a file); write "
                            "'down_revision = None' for a base revision");
    return header;
  }

private:
  [[noreturn]] void fail(int line, std::string message) const {
    throw RepositoryError(std::string(m_path), line, std::move(message));
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

  // A bare name bound exactly once at module level is followed; [alembic.names] supplies the others.
  std::optional<Value> resolve(std::string_view name, int hops) const {
    const auto known = m_names.find(name);
    if (name.find('.') == std::string_view::npos && hops < k_max_name_hops) {
      const auto count = std::count_if(m_assignments.begin(), m_assignments.end(),
                                       [name](const Assignment& a) { return a.name == name; });
      if (count == 1) {
        const auto* assignment = last_assignment(name);
        auto evaluation = python::evaluate(
            assignment->value, [this, hops](std::string_view inner) { return resolve(inner, hops + 1); });
        if (evaluation.value) return evaluation.value;
      }
    }
    if (known != m_names.end()) return Value{Value::Kind::string, known->second, {}};
    return std::nullopt;
  }

  void read_field(std::string_view field, AlembicHeader& header) {
    const auto* assignment = last_assignment(field);
    if (!assignment) return;
    if (field == "revision") m_seen_revision = true;
    if (field == "down_revision") m_seen_down_revision = true;
    auto evaluation =
        python::evaluate(assignment->value, [this](std::string_view name) { return resolve(name, 0); });
    if (!evaluation.value) {
      header.unreadable.push_back(Unreadable{std::string(field), assignment->line, python::source_text(assignment->value),
                                             evaluation.failure.culprit, evaluation.failure.is_name});
      if (field == "revision") header.file.revision.line = assignment->line;
      return;
    }
    auto& revision = header.file.revision;
    if (field == "revision") {
      if (evaluation.value->kind != Value::Kind::string || evaluation.value->text.empty())
        fail(assignment->line, "revision must be a non-empty string, found " + describe(*evaluation.value));
      revision.id = evaluation.value->text;
      revision.line = assignment->line;
      return;
    }
    auto ids = id_list(field, *evaluation.value, assignment->line);
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
          fail(line, std::string(field) + " must be None, a string, or a tuple or list of non-empty strings; "
                                          "an entry is " + (element.kind == Value::Kind::string ? "an empty string"
                                          : element.kind == Value::Kind::none ? "None" : "a nested tuple or list"));
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
  bool m_seen_revision = false;
  bool m_seen_down_revision = false;
};

}  // namespace

AlembicHeader parse_alembic_header(std::string_view text, std::string_view path, const AlembicNames& names) {
  return HeaderReader(text, path, names).read();
}

}  // namespace strata::repo
