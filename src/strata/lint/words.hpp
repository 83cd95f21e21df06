#pragma once
// A small tokenizer for the rules that read statement text (the down rules, the SQLite rules): words lower-cased
// unless quoted, quoted identifiers unquoted, string literals as a single "'" word, punctuation one character each.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace strata::lint {

std::vector<std::string> words_of(std::string_view sql);

class Words {
public:
  explicit Words(std::vector<std::string> words) : m_words(std::move(words)) {}
  explicit Words(std::string_view sql) : m_words(words_of(sql)) {}
  bool accept(std::string_view word);
  // All of `words` in a row, or nothing consumed.
  bool accept_all(std::initializer_list<std::string_view> words);
  // A possibly schema-qualified name; returns its last part.
  std::string name();
  bool done() const noexcept { return m_pos >= m_words.size(); }
  const std::string& peek(std::size_t ahead = 0) const;
  void skip() { ++m_pos; }
  std::size_t position() const noexcept { return m_pos; }
  const std::vector<std::string>& all() const noexcept { return m_words; }

private:
  std::vector<std::string> m_words;
  std::size_t m_pos = 0;
};

}  // namespace strata::lint
