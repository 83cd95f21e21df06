#pragma once
// The one way a path is shown to users (messages, reports, `strata config`): relative to the working directory when
// the file is under it, else absolute.
#include <filesystem>
#include <string>

namespace strata::util {

// `path` made absolute against `working_directory`, then shown relative to it when it lies inside it
// ("migrations/a.sql"), else as an absolute path. Lexical only: symbolic links are not resolved. An empty
// `working_directory` (none known) shows `path` as it is, normalised.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& working_directory);

}  // namespace strata::util
