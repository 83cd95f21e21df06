#pragma once
// Generic string helpers with no strata knowledge.
#include <string>
#include <string_view>
#include <vector>

namespace strata::util {

std::string_view trim(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// "a", "a and b", "a, b and c": for messages that list names.
std::string quoted_list(const std::vector<std::string>& names);
// "1 file", "3 files": a count and a noun whose plural adds an "s".
std::string counted(std::size_t count, std::string_view noun);

}  // namespace strata::util
