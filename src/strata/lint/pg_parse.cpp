#include "strata/lint/pg_parse.hpp"

#include <pg_query.h>

#include <cctype>
#include <cstdint>

#include "strata/db/statement.hpp"

namespace strata::lint {

namespace {

// Owners of libpg_query's results; the free functions do not throw.
class ParseResult {
public:
  explicit ParseResult(const std::string& sql) : m_result(pg_query_parse(sql.c_str())) {}
  ~ParseResult() { pg_query_free_parse_result(m_result); }
  ParseResult(const ParseResult&) = delete;
  ParseResult& operator=(const ParseResult&) = delete;
  const PgQueryParseResult& get() const noexcept { return m_result; }

private:
  PgQueryParseResult m_result;
};

class ScanResult {
public:
  explicit ScanResult(const std::string& sql) : m_result(pg_query_scan(sql.c_str())) {}
  ~ScanResult() { pg_query_free_scan_result(m_result); }
  ScanResult(const ScanResult&) = delete;
  ScanResult& operator=(const ScanResult&) = delete;
  const PgQueryScanResult& get() const noexcept { return m_result; }

private:
  PgQueryScanResult m_result;
};

// pg_query_scan returns a protobuf ScanResult {int32 version = 1; repeated ScanToken tokens = 2} with
// ScanToken {int32 start = 1; int32 end = 2; Token token = 4; KeywordKind keyword_kind = 5}. The protobuf-c headers
// are not installed with libpg_query, and the two messages are this small, so the wire format is read directly.
constexpr std::uint64_t k_sql_comment = 275;  // Token.SQL_COMMENT in pg_query.proto
constexpr std::uint64_t k_c_comment = 276;    // Token.C_COMMENT
constexpr std::uint64_t k_ident = 258;        // Token.IDENT
constexpr std::size_t k_max_identifier = 63;  // NAMEDATALEN - 1

class WireReader {
public:
  WireReader(const unsigned char* data, std::size_t size) : m_data(data), m_size(size) {}
  bool done() const noexcept { return m_pos >= m_size; }
  bool varint(std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64 && m_pos < m_size; shift += 7) {
      const auto byte = m_data[m_pos++];
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  // Skips a field of `wire_type`; returns the sub-reader for a length-delimited one.
  bool field(std::uint64_t wire_type, WireReader* nested) {
    std::uint64_t value = 0;
    switch (wire_type) {
      case 0: return varint(value);
      case 1: m_pos += 8; return m_pos <= m_size;
      case 5: m_pos += 4; return m_pos <= m_size;
      case 2:
        if (!varint(value) || value > m_size - m_pos) return false;
        if (nested) *nested = WireReader(m_data + m_pos, value);
        m_pos += value;
        return true;
      default: return false;
    }
  }

private:
  const unsigned char* m_data;
  std::size_t m_size;
  std::size_t m_pos = 0;
};

// Comments and over-long identifiers, from the scanner's tokens.
void scan_tokens(const std::string& sql, ParsedSql& parsed) {
  auto& comments = parsed.comments;
  const ScanResult scan(sql);
  if (scan.get().error) return;  // the parse reports the same text as a syntax error
  WireReader result(reinterpret_cast<const unsigned char*>(scan.get().pbuf.data), scan.get().pbuf.len);
  while (!result.done()) {
    std::uint64_t key = 0;
    if (!result.varint(key)) break;
    WireReader token(nullptr, 0);
    if (!result.field(key & 7, &token)) break;
    if ((key >> 3) != 2 || (key & 7) != 2) continue;
    std::uint64_t start = 0, end = 0, kind = 0;
    while (!token.done()) {
      std::uint64_t token_key = 0, value = 0;
      if (!token.varint(token_key)) break;
      if ((token_key & 7) != 0) {
        if (!token.field(token_key & 7, nullptr)) break;
        continue;
      }
      if (!token.varint(value)) break;
      switch (token_key >> 3) {
        case 1: start = value; break;
        case 2: end = value; break;
        case 4: kind = value; break;
        default: break;
      }
    }
    if (kind == k_sql_comment || kind == k_c_comment) comments.push_back({start, end});
    if (kind == k_ident && end > start && end <= sql.size()) {
      const bool quoted = sql[start] == '"';
      const auto length = end - start - (quoted ? 2 : 0);
      if (length > k_max_identifier) parsed.long_identifiers.push_back({start, end});
    }
  }
}

// The parser's length excludes the ';' but keeps the blanks before it.
std::size_t trim_end(std::string_view sql, std::size_t begin, std::size_t end) {
  while (end > begin && (sql[end - 1] == ' ' || sql[end - 1] == '\n' || sql[end - 1] == '\t' || sql[end - 1] == '\r'))
    --end;
  return end;
}

bool has_long_word(std::string_view text) {
  std::size_t run = 0;
  for (const char c : text) {
    const bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80) != 0;
    run = word ? run + 1 : 0;
    if (run > k_max_identifier) return true;
  }
  return false;
}

}  // namespace

int parser_major_version() { return PG_VERSION_NUM / 10000; }

ParsedSql parse_postgres(std::string_view sql) {
  const std::string text(sql);  // libpg_query needs a NUL-terminated string
  ParsedSql parsed;
  // The scanner runs only when its output can matter: an ignore directive in a comment, or a word long enough to be
  // an over-long identifier. Most sections have neither, and scanning costs a second pass over the text.
  if (text.find("-ignore") != std::string::npos || text.find('"') != std::string::npos || has_long_word(text)) scan_tokens(text, parsed);
  const ParseResult result(text);
  if (const PgQueryError* error = result.get().error) {
    parsed.error = SyntaxError{error->message ? error->message : "syntax error",
                               error->cursorpos > 0 ? static_cast<std::size_t>(error->cursorpos - 1) : 0};
    return parsed;
  }
  auto tree = nlohmann::json::parse(result.get().parse_tree);
  auto& statements = tree["stmts"];
  if (!statements.is_array()) return parsed;
  parsed.statements.reserve(statements.size());
  for (auto& raw : statements) {
    const auto location = raw.value("stmt_location", std::size_t{0});
    const auto length = raw.value("stmt_len", std::size_t{0});
    ParsedStatement statement;
    statement.begin = db::skip_space_and_comments(sql, location);
    statement.end = length == 0 ? sql.size() : location + length;
    if (statement.end < statement.begin) statement.end = statement.begin;
    statement.end = trim_end(sql, statement.begin, statement.end);
    // The last statement runs to the end of the text (stmt_len 0): a comment after its last token is not part of it.
    for (auto comment = parsed.comments.rbegin(); comment != parsed.comments.rend(); ++comment)
      if (comment->end == statement.end && comment->begin > statement.begin)
        statement.end = trim_end(sql, statement.begin, comment->begin);
    statement.node = std::move(raw["stmt"]);
    parsed.statements.push_back(std::move(statement));
  }
  return parsed;
}

}  // namespace strata::lint
