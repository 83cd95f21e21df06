#pragma once
// What a SQLite CREATE TABLE statement says that no PRAGMA reports: CHECK constraints (with their names), column
// collations, generated-column expressions, AUTOINCREMENT, WITHOUT ROWID and STRICT. Read with a small tokenizer
// over the stored statement; the rest of a table's shape comes from the PRAGMAs.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace strata::schema::sqlite_sql {

struct Check {
  std::string name;        // CONSTRAINT name, or empty
  std::string expression;  // normalise_sql() of the text between CHECK's parentheses
};

struct ColumnExtras {
  std::string collation;  // COLLATE name, unquoted, as written
  std::string generated;  // normalise_sql() of the GENERATED ALWAYS AS (...) expression
  bool autoincrement = false;
};

struct TableSql {
  std::vector<Check> checks;                    // column and table checks, in statement order
  std::map<std::string, ColumnExtras> columns;  // by column name as declared (unquoted)
  bool without_rowid = false;
  bool strict = false;
};

// Never throws: text that does not parse as expected yields what could be read.
TableSql parse_create_table(std::string_view sql);

// The identifier's text without its quotes ("a""b" -> a"b, [x] -> x, `y` -> y); bare identifiers unchanged.
std::string unquote(std::string_view identifier);

// Words of `sql` that are identifiers (bare or quoted), unquoted and lower-cased; for finding which views a
// view's text mentions.
std::vector<std::string> identifiers(std::string_view sql);

}  // namespace strata::schema::sqlite_sql
