#include "strata/repo/revision_writer.hpp"

#include <memory>
#include <random>

#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/new_file.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

constexpr std::string_view k_up_placeholder = "-- Write the SQL that applies this revision here.\n";
// A down section with no statement is refused when it would run; the placeholder says how to mark one empty on
// purpose.
constexpr std::string_view k_down_placeholder =
    "-- Write the SQL that undoes the up section here. If there is nothing to undo, make the first line of\n"
    "-- this section `-- strata: no-op` (a down section without statements is otherwise refused).\n";

// A header value is one line: newlines in a message would start a line the parser reads as SQL.
std::string one_line(std::string_view text) {
  std::string out(util::trim(text));
  for (auto& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

void header_line(std::string& out, std::string_view key, std::string_view value) {
  out += "-- ";
  out += key;
  out += ':';
  if (!value.empty()) {
    out += ' ';
    out += value;
  }
  out += '\n';
}

void section(std::string& out, std::string_view marker, const std::optional<std::string>& sql,
             std::string_view placeholder) {
  out += marker;
  out += '\n';
  const std::string_view text = sql ? std::string_view(*sql) : placeholder;
  out += text;
  if (!text.empty() && !text.ends_with('\n')) out += '\n';
}

}  // namespace

std::string render_native_migration(const NewRevision& revision) {
  std::string out;
  header_line(out, "revision", revision.id);
  header_line(out, "revises", util::join(revision.revises, ", "));
  if (!revision.message.empty()) header_line(out, "message", one_line(revision.message));
  if (!revision.created.empty()) header_line(out, "created", revision.created);
  if (!revision.branch_labels.empty()) header_line(out, "branch-labels", util::join(revision.branch_labels, ", "));
  if (!revision.depends_on.empty()) header_line(out, "depends-on", util::join(revision.depends_on, ", "));
  if (!revision.replaces.empty()) header_line(out, "replaces", util::join(revision.replaces, ", "));
  if (revision.transaction == TransactionMode::none) header_line(out, "transaction", "none");
  out += '\n';
  section(out, "-- +up", revision.up_sql, k_up_placeholder);
  if (!revision.down_section) return out;
  out += '\n';
  section(out, "-- +down", revision.down_sql, k_down_placeholder);
  return out;
}

std::string revision_slug(std::string_view message, std::size_t max_length) {
  std::string slug;
  for (const char c : message) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool word = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (word) slug += lower;
    else if (!slug.empty() && slug.back() != '_') slug += '_';
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  if (slug.size() <= max_length) return slug;
  // Cut on the last word boundary that fits; a single word longer than the limit is cut where it is.
  const auto boundary = slug.rfind('_', max_length);
  slug.resize(boundary == std::string::npos || boundary == 0 ? max_length : boundary);
  return slug;
}

std::string revision_file_name(const NewRevision& revision) {
  const auto slug = revision_slug(revision.message);
  return slug.empty() ? revision.id + ".sql" : revision.id + "_" + slug + ".sql";
}

std::filesystem::path write_revision(const std::filesystem::path& dir, Layout layout, const NewRevision& revision,
                                     const std::filesystem::path& working_directory) {
  if (layout == Layout::alembic)
    throw RepositoryError(ErrorCode::read_only_location, util::display_path(dir, working_directory), 0,
                          "is an Alembic folder, which strata reads but never writes; create the revision with "
                          "'alembic revision', or give a native folder with -d");
  std::error_code error;
  if (!std::filesystem::is_directory(working_directory / dir, error))
    throw RepositoryError(ErrorCode::missing_location, util::display_path(dir, working_directory), 0,
                          "no such migrations folder; create it first (strata init)");
  auto path = working_directory / dir / revision_file_name(revision);
  write_new_file(path, render_native_migration(revision), working_directory);
  return path;
}

std::string generate_revision_id(const RandomSource& random) {
  static constexpr char k_hex[] = "0123456789abcdef";
  auto bits = random();
  std::string id(12, '0');
  for (std::size_t i = id.size(); i-- > 0; bits >>= 4) id[i] = k_hex[bits & 0xf];
  return id;
}

RandomSource system_random_source() {
  auto device = std::make_shared<std::random_device>();
  return
      [device]() { return (static_cast<std::uint64_t>((*device)()) << 32) | static_cast<std::uint64_t>((*device)()); };
}

}  // namespace strata::repo
