// decode_string: the value of one Python string literal token, as Python computes it.
#include <string>

#include "strata/repo/python_tokens.hpp"

namespace strata::repo::python {
namespace {

void append_utf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escapes of a non-raw literal body, as Python does; an unknown escape keeps its backslash. Returns
// false for an escape Python rejects or the reader does not decode.
bool decode_escapes(std::string_view body, std::string& out, bool bytes) {
  bool valid = true;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    const char e = body[++i];
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'N':
        if (!bytes) valid = false;  // a named character: the reader has no name table
        out += '\\';
        out += e;
        break;
      case 'u':
      case 'U':
        if (bytes) {  // not escapes in a bytes literal
          out += '\\';
          out += e;
          break;
        }
        [[fallthrough]];
      case 'x': {
        const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        unsigned long code = 0;
        std::size_t used = 0;
        while (used < digits && i + 1 + used < body.size() && hex_value(body[i + 1 + used]) >= 0)
          code = code * 16 + static_cast<unsigned long>(hex_value(body[i + 1 + used++]));
        if (used != digits || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
          valid = false;
          out += '\\';
          out += e;
          break;
        }
        append_utf8(out, code);
        i += digits;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          unsigned long code = static_cast<unsigned long>(e - '0');
          for (int n = 0; n < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++n)
            code = code * 8 + static_cast<unsigned long>(body[++i] - '0');
          append_utf8(out, code);
        } else {
          out += '\\';
          out += e;
        }
    }
  }
  return valid;
}

}  // namespace

StringLiteral decode_string(std::string_view token_text) {
  StringLiteral literal;
  bool raw = false;
  std::size_t i = 0;
  while (i < token_text.size() && token_text[i] != '"' && token_text[i] != '\'') {
    const char c = token_text[i++];
    if (c == 'r' || c == 'R') raw = true;
    if (c == 'f' || c == 'F') literal.is_f_string = true;
    if (c == 'b' || c == 'B') literal.is_bytes = true;
  }
  const bool triple =
      token_text.size() >= i + 6 && token_text[i + 1] == token_text[i] && token_text[i + 2] == token_text[i];
  const std::size_t quote_length = triple ? 3 : 1;
  const auto body = token_text.substr(i + quote_length, token_text.size() - i - 2 * quote_length);
  if (raw) literal.value = body;
  else literal.invalid = !decode_escapes(body, literal.value, literal.is_bytes);
  return literal;
}

}  // namespace strata::repo::python
