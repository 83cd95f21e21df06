#pragma once
// How strata writes a word into a hint's command, for tests that compare a hint's exact text: as it is when a
// POSIX shell reads it back unchanged (letters, digits, `_@%+=:,./-`), else single-quoted.
#include <cctype>
#include <string>

namespace strata::testing {

inline std::string shell_word(const std::string& text) {
  const std::string plain = "_@%+=:,./-";
  for (const char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && plain.find(c) == std::string::npos) return "'" + text + "'";
  return text;
}

}  // namespace strata::testing
