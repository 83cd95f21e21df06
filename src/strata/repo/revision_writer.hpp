#pragma once
// Writing new native revision files (`revision`, `merge`), and generating their ids.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/repo/migration_file.hpp"
#include "strata/repo/repository.hpp"

namespace strata::repo {

struct NewRevision {
  std::string id;
  std::vector<std::string> revises;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string message;
  std::string created;  // ISO-8601, from the caller's clock; omitted from the header when empty
  TransactionMode transaction = TransactionMode::per_migration;
  std::vector<std::string> replaces;    // for `squash`
  std::optional<std::string> up_sql;    // the up section's text; a placeholder comment when absent
  std::optional<std::string> down_sql;  // the down section's text; a placeholder comment when absent
  bool down_section = true;             // false: no `-- +down` section at all (cannot be downgraded past)
};

// The file's text in the native format: header, `-- +up`, `-- +down`. parse_native_migration reads it back.
std::string render_native_migration(const NewRevision& revision);

// The file-name slug of a message: words lower-cased, anything but [a-z0-9] becomes `_`, runs collapse, cut at
// `max_length` characters on a word boundary ("Add teacher limit!" -> "add_teacher_limit").
std::string revision_slug(std::string_view message, std::size_t max_length = 40);

// `<id>_<slug>.sql` (or `<id>.sql` when the slug is empty).
std::string revision_file_name(const NewRevision& revision);

// Writes the revision into `dir` and returns the new file's path. Never overwrites: an existing file is a
// RepositoryError (code "file_exists"). `layout` is the location's layout: Alembic folders are read-only and
// are refused (code "read_only_location"). Messages show paths relative to `working_directory`.
std::filesystem::path write_revision(const std::filesystem::path& dir, Layout layout, const NewRevision& revision,
                                     const std::filesystem::path& working_directory);

// 64 random bits per call. Passed in so that tests are deterministic.
using RandomSource = std::function<std::uint64_t()>;

// 12 lower-case hex digits, as Alembic's ids.
std::string generate_revision_id(const RandomSource& random);

// A RandomSource backed by std::random_device.
RandomSource system_random_source();

}  // namespace strata::repo
