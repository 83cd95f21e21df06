#pragma once
// Input quoted back in a message. Whatever a file, an argument or a database holds, a message stays short and safe
// to print on a terminal: control characters and bytes that are not UTF-8 are shown as escapes, never raw.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace strata::util {

// Characters of input a message quotes at most; longer input is cut and ends in "...".
constexpr std::size_t k_excerpt_length = 60;

// `text` with control characters (C0, DEL, C1) and invalid UTF-8 escaped: "\x1b", "\n", "\xff", "\u009b".
std::string escaped(std::string_view text);

// `escaped(text)`, cut after `length` characters of the input with "..." appended.
std::string excerpt(std::string_view text, std::size_t length = k_excerpt_length);

// Byte offset of the first control character (other than tab) or invalid UTF-8 sequence, if any.
std::optional<std::size_t> first_unprintable(std::string_view text);

// Bytes of the character starting at `i`: its UTF-8 sequence, or 1 for a byte that does not start a valid one.
std::size_t character_length(std::string_view text, std::size_t i);

// Whether `text` is UTF-8 (control characters allowed).
bool is_valid_utf8(std::string_view text);

}  // namespace strata::util
