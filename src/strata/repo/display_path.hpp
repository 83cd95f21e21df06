#pragma once
// How a file's path is shown to users: relative to the working directory when the file is under it.
#include <filesystem>
#include <string>

namespace strata::repo {

// `path` made absolute against `working_directory`, then shown relative to it when it lies inside it
// ("migrations/a.sql"), else as an absolute path. Lexical only: symbolic links are not resolved.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& working_directory);

}  // namespace strata::repo
