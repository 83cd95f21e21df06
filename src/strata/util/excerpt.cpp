#include "strata/util/excerpt.hpp"

#include <cstdio>

namespace strata::util {
namespace {

// Length of the valid UTF-8 sequence starting at `i` (1 for ASCII), or 0 when the bytes there are not UTF-8.
// Overlong forms, surrogates and code points past U+10FFFF are invalid, as Python and JSON decoders say.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

bool is_c1_control(std::string_view text, std::size_t i, std::size_t length) {
  return length == 2 && static_cast<unsigned char>(text[i]) == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
}

std::string hex_escape(const char* format, unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// Appends one character (or one invalid byte) at `i`, escaped when needed; returns the bytes consumed.
std::size_t append_escaped(std::string& out, std::string_view text, std::size_t i) {
  const auto length = sequence_length(text, i);
  const auto lead = static_cast<unsigned char>(text[i]);
  if (length == 0) {
    out += hex_escape("\\x%02x", lead);
    return 1;
  }
  if (is_c1_control(text, i, length)) {
    out += hex_escape("\\u%04x", static_cast<unsigned char>(text[i + 1]));
    return 2;
  }
  if (length == 1 && (lead < 0x20 || lead == 0x7F)) {
    switch (lead) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += hex_escape("\\x%02x", lead);
    }
    return 1;
  }
  out.append(text.substr(i, length));
  return length;
}

}  // namespace

std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) i += append_escaped(out, text, i);
  return out;
}

std::string excerpt(std::string_view text, std::size_t length) {
  std::string out;
  std::size_t i = 0;
  for (std::size_t shown = 0; i < text.size() && shown < length; ++shown) i += append_escaped(out, text, i);
  if (i < text.size()) out += "...";
  return out;
}

std::optional<std::size_t> first_unprintable(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto length = sequence_length(text, i);
    const auto lead = static_cast<unsigned char>(text[i]);
    if (length == 0 || is_c1_control(text, i, length) ||
        (length == 1 && ((lead < 0x20 && lead != '\t') || lead == 0x7F)))
      return i;
    i += length;
  }
  return std::nullopt;
}

std::size_t character_length(std::string_view text, std::size_t i) {
  const auto length = sequence_length(text, i);
  return length == 0 ? 1 : length;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto length = sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace strata::util
