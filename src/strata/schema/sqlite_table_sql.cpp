#include "strata/schema/sqlite_table_sql.hpp"

#include <cctype>

#include "strata/schema/model.hpp"

namespace strata::schema::sqlite_sql {

namespace {

enum class TokenType { word, quoted, string, open, close, comma, other };

struct Token {
  TokenType type;
  std::size_t begin;
  std::size_t end;
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      std::size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == close) {
          if (close != ']' && j + 1 < sql.size() && sql[j + 1] == close) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      const std::size_t end = j < sql.size() ? j + 1 : sql.size();
      tokens.push_back({c == '\'' ? TokenType::string : TokenType::quoted, i, end});
      i = end;
    } else if (is_word_char(c)) {
      std::size_t j = i;
      while (j < sql.size() && is_word_char(sql[j])) ++j;
      tokens.push_back({TokenType::word, i, j});
      i = j;
    } else {
      const TokenType type = c == '('   ? TokenType::open
                             : c == ')' ? TokenType::close
                             : c == ',' ? TokenType::comma
                                        : TokenType::other;
      tokens.push_back({type, i, i + 1});
      ++i;
    }
  }
  return tokens;
}

bool is_keyword(std::string_view sql, const Token& token, std::string_view keyword) {
  if (token.type != TokenType::word || token.end - token.begin != keyword.size()) return false;
  for (std::size_t k = 0; k < keyword.size(); ++k)
    if (std::toupper(static_cast<unsigned char>(sql[token.begin + k])) != keyword[k]) return false;
  return true;
}

// Index of the token closing the parenthesis opened at tokens[open], or tokens.size().
std::size_t matching_close(const std::vector<Token>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].type == TokenType::open) ++depth;
    if (tokens[i].type == TokenType::close && --depth == 0) return i;
  }
  return tokens.size();
}

// The normalised text strictly inside the parentheses opened at tokens[open].
std::string inside(std::string_view sql, const std::vector<Token>& tokens, std::size_t open) {
  const std::size_t close = matching_close(tokens, open);
  if (close >= tokens.size()) return normalise_sql(sql.substr(tokens[open].end));
  return normalise_sql(sql.substr(tokens[open].end, tokens[close].begin - tokens[open].end));
}

std::string token_text(std::string_view sql, const Token& token) {
  return std::string(sql.substr(token.begin, token.end - token.begin));
}

// Reads one element of the table body (a column definition or a table constraint), tokens [first, last).
void read_element(std::string_view sql, const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                  TableSql& table) {
  if (first >= last) return;
  const bool is_constraint = is_keyword(sql, tokens[first], "CONSTRAINT") ||
                             is_keyword(sql, tokens[first], "PRIMARY") || is_keyword(sql, tokens[first], "UNIQUE") ||
                             is_keyword(sql, tokens[first], "CHECK") || is_keyword(sql, tokens[first], "FOREIGN");
  ColumnExtras* column = nullptr;
  std::size_t i = first;
  if (!is_constraint) {
    column = &table.columns[unquote(token_text(sql, tokens[first]))];
    ++i;
  }
  std::string pending_name;
  for (; i < last; ++i) {
    const Token& token = tokens[i];
    if (is_keyword(sql, token, "CONSTRAINT") && i + 1 < last) {
      pending_name = unquote(token_text(sql, tokens[i + 1]));
      ++i;
    } else if (is_keyword(sql, token, "CHECK") && i + 1 < last && tokens[i + 1].type == TokenType::open) {
      table.checks.push_back({pending_name, inside(sql, tokens, i + 1)});
      pending_name.clear();
      i = matching_close(tokens, i + 1);
    } else if (token.type == TokenType::open) {
      // Skip any other parenthesised part (a type's size, a DEFAULT expression, a column list).
      if (column != nullptr && i > first && is_keyword(sql, tokens[i - 1], "AS"))
        column->generated = inside(sql, tokens, i);
      i = matching_close(tokens, i);
    } else if (column != nullptr && is_keyword(sql, token, "COLLATE") && i + 1 < last) {
      column->collation = unquote(token_text(sql, tokens[i + 1]));
      ++i;
    } else if (column != nullptr && is_keyword(sql, token, "AUTOINCREMENT")) {
      column->autoincrement = true;
    } else if (is_keyword(sql, token, "PRIMARY") || is_keyword(sql, token, "UNIQUE") || is_keyword(sql, token, "NOT") ||
               is_keyword(sql, token, "DEFAULT") || is_keyword(sql, token, "REFERENCES") ||
               is_keyword(sql, token, "FOREIGN")) {
      pending_name.clear();
    }
  }
}

}  // namespace

std::string unquote(std::string_view identifier) {
  if (identifier.size() < 2) return std::string(identifier);
  const char open = identifier.front();
  const char close = open == '[' ? ']' : open;
  if ((open != '"' && open != '`' && open != '[' && open != '\'') || identifier.back() != close)
    return std::string(identifier);
  std::string out;
  for (std::size_t i = 1; i + 1 < identifier.size(); ++i) {
    out.push_back(identifier[i]);
    if (identifier[i] == close && close != ']' && i + 2 < identifier.size() && identifier[i + 1] == close) ++i;
  }
  return out;
}

TableSql parse_create_table(std::string_view sql) {
  TableSql table;
  const auto tokens = tokenize(sql);
  std::size_t open = 0;
  while (open < tokens.size() && tokens[open].type != TokenType::open) ++open;
  if (open >= tokens.size()) return table;
  const std::size_t close = matching_close(tokens, open);
  std::size_t element = open + 1;
  int depth = 0;
  for (std::size_t i = open + 1; i < close; ++i) {
    if (tokens[i].type == TokenType::open) ++depth;
    if (tokens[i].type == TokenType::close) --depth;
    if (depth == 0 && tokens[i].type == TokenType::comma) {
      read_element(sql, tokens, element, i, table);
      element = i + 1;
    }
  }
  read_element(sql, tokens, element, close, table);
  for (std::size_t i = close; i < tokens.size(); ++i) {
    if (is_keyword(sql, tokens[i], "ROWID")) table.without_rowid = true;
    if (is_keyword(sql, tokens[i], "STRICT")) table.strict = true;
  }
  return table;
}

std::vector<std::string> identifiers(std::string_view sql) {
  std::vector<std::string> words;
  for (const Token& token : tokenize(sql)) {
    if (token.type != TokenType::word && token.type != TokenType::quoted) continue;
    std::string word = unquote(token_text(sql, token));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    words.push_back(std::move(word));
  }
  return words;
}

}  // namespace strata::schema::sqlite_sql
