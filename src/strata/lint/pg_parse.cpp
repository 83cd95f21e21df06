#include "strata/lint/pg_parse.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <new>

#include "strata/db/statement.hpp"

namespace strata::lint {

namespace {

// Owners of libpg_query's results; the free functions do not throw.
class ParseResult {
public:
  explicit ParseResult(const std::string& sql) : m_result(pg_query_parse_protobuf(sql.c_str())) {}
  ~ParseResult() { pg_query_free_protobuf_parse_result(m_result); }
  ParseResult(const ParseResult&) = delete;
  ParseResult& operator=(const ParseResult&) = delete;
  const PgQueryProtobufParseResult& get() const noexcept { return m_result; }

private:
  PgQueryProtobufParseResult m_result;
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

template <typename Message, void (*Free)(Message*, ProtobufCAllocator*)>
struct Unpacked {
  void operator()(Message* message) const { Free(message, nullptr); }
};
using ScanTokens =
    std::unique_ptr<PgQuery__ScanResult, Unpacked<PgQuery__ScanResult, pg_query__scan_result__free_unpacked>>;

constexpr std::size_t k_max_identifier = 63;  // NAMEDATALEN - 1

// Comments and over-long identifiers, from the scanner's tokens.
void scan_tokens(const std::string& sql, ParsedSql& parsed) {
  const ScanResult scan(sql);
  if (scan.get().error) return;  // the parse reports the same text as a syntax error
  const ScanTokens tokens(pg_query__scan_result__unpack(nullptr, scan.get().pbuf.len,
                                                        reinterpret_cast<const std::uint8_t*>(scan.get().pbuf.data)));
  if (!tokens) throw std::bad_alloc();  // as for the parse tree below: only when memory runs out
  for (std::size_t i = 0; i < tokens->n_tokens; ++i) {
    const auto& token = *tokens->tokens[i];
    const auto start = static_cast<std::size_t>(token.start), end = static_cast<std::size_t>(token.end);
    if (token.token == PG_QUERY__TOKEN__SQL_COMMENT || token.token == PG_QUERY__TOKEN__C_COMMENT)
      parsed.comments.push_back({start, end});
    if (token.token == PG_QUERY__TOKEN__IDENT && end > start && end <= sql.size()) {
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
  if (text.find("-ignore") != std::string::npos || text.find('"') != std::string::npos || has_long_word(text))
    scan_tokens(text, parsed);
  const ParseResult result(text);
  if (const PgQueryError* error = result.get().error) {
    parsed.error = SyntaxError{error->message ? error->message : "syntax error",
                               error->cursorpos > 0 ? static_cast<std::size_t>(error->cursorpos - 1) : 0};
    return parsed;
  }
  auto* unpacked = pg_query__parse_result__unpack(nullptr, result.get().parse_tree.len,
                                                  reinterpret_cast<const std::uint8_t*>(result.get().parse_tree.data));
  // The bytes come from libpg_query itself, so unpacking fails only when memory runs out.
  if (!unpacked) throw std::bad_alloc();
  parsed.tree = std::shared_ptr<const ProtobufCMessage>(&unpacked->base, [unpacked](const ProtobufCMessage*) {
    pg_query__parse_result__free_unpacked(unpacked, nullptr);
  });
  parsed.statements.reserve(unpacked->n_stmts);
  for (std::size_t i = 0; i < unpacked->n_stmts; ++i) {
    const auto& raw = *unpacked->stmts[i];
    const auto location = static_cast<std::size_t>(std::max(raw.stmt_location, 0));
    const auto length = static_cast<std::size_t>(std::max(raw.stmt_len, 0));
    ParsedStatement statement;
    statement.begin = db::skip_space_and_comments(sql, location);
    statement.end = length == 0 ? sql.size() : location + length;
    if (statement.end < statement.begin) statement.end = statement.begin;
    statement.end = trim_end(sql, statement.begin, statement.end);
    // The last statement runs to the end of the text (stmt_len 0): a comment after its last token is not part of it.
    for (auto comment = parsed.comments.rbegin(); comment != parsed.comments.rend(); ++comment)
      if (comment->end == statement.end && comment->begin > statement.begin)
        statement.end = trim_end(sql, statement.begin, comment->begin);
    statement.node = tree::Msg(raw.stmt ? &raw.stmt->base : nullptr);
    parsed.statements.push_back(statement);
  }
  return parsed;
}

}  // namespace strata::lint
