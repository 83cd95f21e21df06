#include "strata/lint/words.hpp"

#include <cctype>

namespace strata::lint {

std::vector<std::string> words_of(std::string_view sql) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto end = sql.find('\n', i);
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      const auto end = sql.find(close, i + 1);
      words.emplace_back(sql.substr(i + 1, (end == std::string_view::npos ? sql.size() : end) - i - 1));
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      std::string word;
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$'))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++])));
      words.push_back(std::move(word));
    } else if (c == '\'') {
      auto end = sql.find('\'', i + 1);
      while (end != std::string_view::npos && end + 1 < sql.size() && sql[end + 1] == '\'')
        end = sql.find('\'', end + 2);
      words.emplace_back("'");
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else {
      words.emplace_back(1, c);
      ++i;
    }
  }
  return words;
}

bool Words::accept(std::string_view word) {
  if (m_pos < m_words.size() && m_words[m_pos] == word) {
    ++m_pos;
    return true;
  }
  return false;
}

bool Words::accept_all(std::initializer_list<std::string_view> words) {
  const auto saved = m_pos;
  for (const auto word : words)
    if (!accept(word)) {
      m_pos = saved;
      return false;
    }
  return true;
}

std::string Words::name() {
  if (m_pos >= m_words.size()) return {};
  std::string last = m_words[m_pos++];
  while (m_pos + 1 < m_words.size() && m_words[m_pos] == ".") {
    last = m_words[m_pos + 1];
    m_pos += 2;
  }
  return last;
}

const std::string& Words::peek(std::size_t ahead) const {
  static const std::string none;
  return m_pos + ahead < m_words.size() ? m_words[m_pos + ahead] : none;
}

}  // namespace strata::lint
