// The SQLite half of format_sql() and create_statement(): CREATE TABLE text rebuilt from the snapshot's columns
// and constraints (SQLite keeps no deparser), and the script order: tables, indexes, views, triggers.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "strata/schema/sql_script_support.hpp"

namespace strata::schema::detail {

namespace {

// What SQLite keeps of `DEFAULT (expr)` is `expr`; a literal may stand bare, anything else needs the parentheses.
std::string sqlite_default(const std::string& value) {
  std::string upper = value;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "NULL" || upper == "TRUE" || upper == "FALSE" || upper == "CURRENT_TIME" || upper == "CURRENT_DATE" ||
      upper == "CURRENT_TIMESTAMP")
    return value;
  if (!value.empty() && (value.front() == '\'' || value.front() == '(')) return value;
  if ((upper.size() > 2 && upper[0] == 'X' && upper[1] == '\'')) return value;
  const std::size_t digits = value.find_first_not_of("+-");
  if (digits != std::string::npos && digits <= 1 &&
      value.find_first_not_of("0123456789.eExXabcdefABCDEF+-", digits) == std::string::npos &&
      std::isdigit(static_cast<unsigned char>(value[digits])) != 0)
    return value;
  return fmt::format("({})", value);
}

}  // namespace

std::string sqlite_column(const SchemaObject& column, bool autoincrement_key) {
  std::string line = quote(column.name);
  if (!column.attribute("type").empty()) line += fmt::format(" {}", column.attribute("type"));
  if (autoincrement_key) line += " PRIMARY KEY AUTOINCREMENT";
  if (column.attribute("nullable") == "false") line += " NOT NULL";
  if (has(column, "default")) line += fmt::format(" DEFAULT {}", sqlite_default(column.attribute("default")));
  if (has(column, "collation")) line += fmt::format(" COLLATE {}", column.attribute("collation"));
  if (has(column, "generated")) line += fmt::format(" GENERATED ALWAYS AS {}", column.attribute("generated"));
  return line;
}

void sqlite_table(std::string& out, const Members& members, const SchemaObject& table, std::string_view as_name) {
  if (has(table, "definition")) {
    out += table.attribute("definition") + ";\n";
    return;
  }
  Objects columns;
  Objects constraints;
  for (const SchemaObject* member : members_of(members, table)) {
    if (member->kind == ObjectKind::column) columns.push_back(member);
    if (member->kind == ObjectKind::constraint) constraints.push_back(member);
  }
  std::sort(columns.begin(), columns.end(), [](const SchemaObject* a, const SchemaObject* b) {
    return std::stoi(a->attribute(k_position)) < std::stoi(b->attribute(k_position));
  });
  const std::string& primary_key = table.attribute("primary_key");
  const bool autoincrement = table.attribute("autoincrement") == "true";
  std::vector<std::string> lines;
  for (const SchemaObject* column : columns)
    lines.push_back(fmt::format("    {}", sqlite_column(*column, autoincrement && column->name == primary_key)));
  const auto column_list = [](const std::string& names) {
    std::vector<std::string> quoted;
    std::size_t start = 0;
    while (start <= names.size()) {
      const auto comma = names.find(", ", start);
      const std::string name = names.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      // An index column may carry COLLATE or DESC after its name; only a plain name is quoted.
      quoted.push_back(name.find(' ') == std::string::npos ? quote(name) : name);
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    std::string joined;
    for (std::size_t i = 0; i < quoted.size(); ++i) joined += (i > 0 ? ", " : "") + quoted[i];
    return joined;
  };
  if (!primary_key.empty() && !autoincrement)
    lines.push_back(fmt::format("    PRIMARY KEY ({})", column_list(primary_key)));
  for (const SchemaObject* constraint : constraints) {
    const std::string& type = constraint->attribute("type");
    if (type == "unique") {
      lines.push_back(fmt::format("    UNIQUE ({})", column_list(constraint->attribute("columns"))));
    } else if (type == "check") {
      const auto& expression = constraint->attribute("expression");
      // read_sqlite names an unnamed CHECK after its expression; only a name of the file's own is written.
      const bool named = constraint->name != fmt::format("check ({})", expression);
      lines.push_back(fmt::format("    {}CHECK ({})",
                                  named ? fmt::format("CONSTRAINT {} ", quote(constraint->name)) : std::string(),
                                  expression));
    } else if (type == "foreign key") {
      const std::string& references = constraint->attribute("references");
      const auto open = references.find(" (");
      std::string target = open == std::string::npos
                               ? quote(references)
                               : fmt::format("{} ({})", quote(references.substr(0, open)),
                                             column_list(references.substr(open + 2, references.size() - open - 3)));
      std::string line =
          fmt::format("    FOREIGN KEY ({}) REFERENCES {}", column_list(constraint->attribute("columns")), target);
      if (constraint->attribute("on_update") != "NO ACTION")
        line += fmt::format(" ON UPDATE {}", constraint->attribute("on_update"));
      if (constraint->attribute("on_delete") != "NO ACTION")
        line += fmt::format(" ON DELETE {}", constraint->attribute("on_delete"));
      if (has(*constraint, "match")) line += fmt::format(" MATCH {}", constraint->attribute("match"));
      lines.push_back(std::move(line));
    }
  }
  out += fmt::format("CREATE TABLE {} (\n", quote(as_name.empty() ? std::string_view(table.name) : as_name));
  for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  out += ")";
  std::vector<std::string> options;
  if (table.attribute("without_rowid") == "true") options.push_back("WITHOUT ROWID");
  if (table.attribute("strict") == "true") options.push_back("STRICT");
  for (std::size_t i = 0; i < options.size(); ++i) out += (i > 0 ? ", " : " ") + options[i];
  out += ";\n";
}

std::string sqlite_script(const Snapshot& snapshot) {
  std::string out;
  const Members members = snapshot.members_by_table();
  for (const SchemaObject* table : of_kind(snapshot, ObjectKind::table)) sqlite_table(out, members, *table);
  for (const SchemaObject* index : of_kind(snapshot, ObjectKind::index))
    if (has(*index, "definition")) out += index->attribute("definition") + ";\n";
  for (const SchemaObject* view : dependency_order(of_kind(snapshot, ObjectKind::view)))
    out += view->attribute("definition") + ";\n";
  for (const SchemaObject* trigger : of_kind(snapshot, ObjectKind::trigger))
    out += trigger->attribute("definition") + ";\n";
  return out;
}

}  // namespace strata::schema::detail
