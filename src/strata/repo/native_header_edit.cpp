#include "strata/repo/native_header_edit.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "strata/core/error.hpp"

#include "strata/repo/new_file.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

// The header key of a line such as "-- revises: a, b" ("revises"), or empty.
std::string_view header_key(std::string_view line) {
  const auto text = util::trim(line);
  if (!text.starts_with("--")) return {};
  const auto rest = util::trim(text.substr(2));
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos || rest.starts_with("+")) return {};
  return util::trim(rest.substr(0, colon));
}

}  // namespace

std::string with_native_revises(std::string_view text, std::string_view path, const std::vector<std::string>& revises) {
  const std::string replacement =
      revises.empty() ? std::string("-- revises:") : fmt::format("-- revises: {}", util::join(revises, ", "));
  std::size_t begin = 0;
  std::optional<std::size_t> after_revision;
  while (begin < text.size()) {
    auto end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(begin, end - begin);
    const bool carriage_return = line.ends_with('\r');
    if (carriage_return) line.remove_suffix(1);
    if (util::trim(line) == "-- +up") break;
    const auto key = header_key(line);
    if (key == "revises") {
      std::string out(text.substr(0, begin));
      out += replacement;
      out += text.substr(begin + line.size());
      return out;
    }
    if (key == "revision") after_revision = end < text.size() ? end + 1 : end;
    begin = end + 1;
  }
  if (!after_revision)
    throw RepositoryError(ErrorCode::parse_error, std::string(path), 0,
                          "has no '-- revision:' header line; it is not a strata migration");
  std::string out(text.substr(0, *after_revision));
  if (!out.empty() && !out.ends_with('\n')) out += '\n';
  out += replacement + "\n";
  out += text.substr(*after_revision);
  return out;
}

std::string read_text_file(const std::string& path, const std::filesystem::path& working_directory) {
  std::ifstream in(working_directory / path, std::ios::binary);
  if (!in)
    throw RepositoryError(ErrorCode::read_error, path, 0, std::string("cannot read the file: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void replace_file_text(const std::string& path, std::string_view text, const std::filesystem::path& working_directory) {
  const auto file = working_directory / path;
  const auto temporary = working_directory / (path + ".strata-tmp");
  std::error_code ignored;
  std::filesystem::remove(temporary, ignored);
  write_new_file(temporary, text, working_directory);
  if (std::rename(temporary.c_str(), file.c_str()) != 0) {
    const int saved = errno;
    std::filesystem::remove(temporary, ignored);
    throw RepositoryError(ErrorCode::write_error, path, 0,
                          std::string("cannot replace the file: ") + std::strerror(saved));
  }
}

}  // namespace strata::repo
