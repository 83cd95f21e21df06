#pragma once
// Creating a file that must not exist yet (O_EXCL): strata never overwrites a user's file.
#include <filesystem>
#include <string_view>

namespace strata::repo {

// Creates `path` (relative paths start from `working_directory`, which messages show it relative to) with `text`.
// An existing file is a RepositoryError with code "file_exists"; other failures "write_error" (a partly written
// file is removed).
void write_new_file(const std::filesystem::path& path, std::string_view text,
                    const std::filesystem::path& working_directory);

}  // namespace strata::repo
