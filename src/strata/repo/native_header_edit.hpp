#pragma once
// Editing one header line of a native migration in place, touching nothing else in the file (`squash` re-points
// the children of the squashed run, `rebase` moves a branch).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace strata::repo {

// `text` with its `-- revises:` header line set to `revises` (the line is added after `-- revision:` when the
// file has none). Throws RepositoryError naming `path` when the text has no `-- revision:` header line.
std::string with_native_revises(std::string_view text, std::string_view path, const std::vector<std::string>& revises);

// Reads a whole file; RepositoryError (code "read_error") naming it when it cannot be read. `path` as shown
// (Revision::path): relative paths start from `working_directory`.
std::string read_text_file(const std::string& path, const std::filesystem::path& working_directory);
// Replaces a file's contents through a temporary file and a rename, so a crash leaves the old or the new text.
void replace_file_text(const std::string& path, std::string_view text, const std::filesystem::path& working_directory);

}  // namespace strata::repo
