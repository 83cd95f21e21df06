// Scanning: detect each location's layout, list its files (recursively, sorted), read and parse each one.
#include "strata/repo/scan_locations.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/file_reader.hpp"
#include "strata/util/excerpt.hpp"

namespace strata::repo::detail {
namespace {

namespace fs = std::filesystem;

struct Listing {
  std::vector<std::string> sql;  // relative paths, generic form
  std::vector<std::string> py;
};

// Editor droppings, package markers, byte-code caches and hidden entries are never revisions.
bool skipped_name(const std::string& name) {
  return name.starts_with('.') || name.starts_with("__init__") || name == "__pycache__";
}

// Walks `root` with opendir/readdir: the d_type of each entry avoids a stat per file, and relative paths are
// built as strings (std::filesystem::path operations cost more than reading the small files themselves).
void walk(const std::string& folder, const std::string& relative, Listing& listing, const std::string& shown_root) {
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) {
    if (relative.empty())
      throw RepositoryError(ErrorCode::read_error, shown_root, 0,
                            std::string("cannot list the folder: ") + std::strerror(errno));
    return;  // an unreadable sub-folder holds no revisions we could read
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, ::closedir);
  std::vector<std::string> subfolders;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == ".." || skipped_name(name)) continue;
    auto type = entry->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat info {};
      if (::stat((folder + "/" + name).c_str(), &info) != 0) continue;
      type = S_ISDIR(info.st_mode) ? DT_DIR : S_ISREG(info.st_mode) ? DT_REG : DT_UNKNOWN;
      if (type == DT_DIR && entry->d_type == DT_LNK) continue;  // do not follow links to folders (no loops)
    }
    if (type == DT_DIR) {
      subfolders.push_back(name);
      continue;
    }
    auto path = relative.empty() ? name : relative + "/" + name;
    if (type == DT_REG && name.ends_with(".sql")) listing.sql.push_back(std::move(path));
    else if (type == DT_REG && name.ends_with(".py")) listing.py.push_back(std::move(path));
  }
  for (const auto& name : subfolders)
    walk(folder + "/" + name, relative.empty() ? name : relative + "/" + name, listing, shown_root);
}

Listing list_files(const fs::path& root, const std::string& shown_root) {
  Listing listing;
  walk(root.string(), "", listing, shown_root);
  // Byte order of the relative path is the load order, the tie-breaker everywhere (revision-graph.md "Loading order").
  std::sort(listing.sql.begin(), listing.sql.end());
  std::sort(listing.py.begin(), listing.py.end());
  return listing;
}

std::string joined(const std::string& shown_root, const std::string& relative) {
  if (shown_root == ".") return relative;
  return shown_root.ends_with('/') ? shown_root + relative : shown_root + "/" + relative;
}

class Scanner {
public:
  Scanner(const RepositoryOptions& options, ScanMode mode)
      : m_options(options), m_mode(mode), m_working_directory(options.working_directory) {}

  Scan run() {
    std::vector<fs::path> seen;
    for (const auto& location : m_options.locations) {
      const auto absolute = (location.is_absolute() ? location : m_working_directory / location).lexically_normal();
      if (std::find(seen.begin(), seen.end(), absolute) != seen.end()) {
        m_scan.warnings.push_back(util::display_path(absolute, m_working_directory) +
                                  ": location given twice; reading it once");
        continue;
      }
      seen.push_back(absolute);
      scan_location(absolute);
    }
    // Unreadable fields do not stop the scan: one run names every file that needs a literal or a name's value.
    if (m_first_unreadable) {
      if (m_scan.problems.size() == 1) throw *m_first_unreadable;
      throw GraphError(std::move(m_scan.problems));
    }
    return std::move(m_scan);
  }

private:
  void scan_location(const fs::path& location) {
    const auto shown = util::display_path(location, m_working_directory);
    std::error_code error;
    if (!fs::exists(location, error))
      throw RepositoryError(ErrorCode::missing_location, shown, 0,
                            "no such migrations folder; create it (strata init) or fix [repository] path in "
                            "strata.toml or -d");
    if (!fs::is_directory(location, error))
      throw RepositoryError(ErrorCode::missing_location, shown, 0,
                            "is not a folder; a repository location is a folder of migrations");
    // An Alembic script folder (holding env.py): its revisions are in versions/.
    if (fs::exists(location / "env.py", error)) {
      const auto versions = location / "versions";
      if (!fs::is_directory(versions, error))
        throw RepositoryError(ErrorCode::missing_location, shown, 0,
                              "has env.py (an Alembic folder) but no versions/ folder");
      const auto shown_versions = util::display_path(versions, m_working_directory);
      return scan_alembic(versions, shown_versions, list_files(versions, shown_versions));
    }
    auto listing = list_files(location, shown);
    if (listing.sql.empty() && !listing.py.empty()) return scan_alembic(location, shown, listing);
    m_scan.layouts.push_back(Layout::native);
    m_scan.version_dirs.push_back(location);
    m_scan.files.reserve(m_scan.files.size() + listing.sql.size());
    const OpenFolder folder(location.string(), shown);
    for (const auto& relative : listing.sql) {
      const auto path = joined(shown, relative);
      parse_file(folder, relative, path,
                 [&](std::string_view text) { m_scan.files.push_back(parse_native_migration(text, path)); });
    }
  }

  void scan_alembic(const fs::path& versions, const std::string& shown, const Listing& listing) {
    m_scan.layouts.push_back(Layout::alembic);
    m_scan.version_dirs.push_back(versions);
    m_scan.files.reserve(m_scan.files.size() + listing.py.size());
    const OpenFolder folder(versions.string(), shown);
    for (const auto& relative : listing.py) {
      const auto path = joined(shown, relative);
      parse_file(folder, relative, path, [&](std::string_view text) {
        auto header = parse_alembic_header(text, path, m_options.alembic_names);
        report_unreadable(path, header);
        m_scan.files.push_back(std::move(header.file));
      });
    }
  }

  // Reads the file and runs `parse`; in collect mode a RepositoryError becomes a problem and scanning goes on.
  template <class Parse>
  void parse_file(const OpenFolder& folder, const std::string& relative, const std::string& shown, Parse&& parse) {
    try {
      parse(m_reader.read_at(folder.fd(), relative, shown));
    } catch (const RepositoryError& error) {
      if (m_mode == ScanMode::stop_at_first) throw;
      m_scan.problems.push_back(Problem{error.code(), error.what(), {shown}, {}});
    }
  }

  void report_unreadable(const std::string& path, const AlembicHeader& header) {
    for (const auto& unreadable : header.unreadable) {
      // An unreadable id cannot be skipped: there would be no revision to load.
      const bool skip = m_options.skip_unreadable && unreadable.field != "revision";
      if (skip) {
        m_scan.warnings.push_back(unreadable_message(path, unreadable, true));
        continue;
      }
      if (m_mode == ScanMode::stop_at_first && !m_first_unreadable)
        m_first_unreadable = RepositoryError(ErrorCode::not_statically_readable, path, unreadable.line,
                                             unreadable_message("", unreadable, false));
      std::vector<std::string> revisions;
      if (!header.file.revision.id.empty()) revisions.push_back(header.file.revision.id);
      m_scan.problems.push_back(
          Problem{ErrorCode::not_statically_readable, unreadable_message(path, unreadable, false), {path}, revisions});
    }
  }

  const RepositoryOptions& m_options;
  ScanMode m_mode;
  fs::path m_working_directory;
  FileReader m_reader;
  Scan m_scan;
  std::optional<RepositoryError> m_first_unreadable;  // stop_at_first mode: thrown alone when it is the only problem
};

}  // namespace

Scan scan_locations(const RepositoryOptions& options, ScanMode mode) { return Scanner(options, mode).run(); }

std::string unreadable_message(const std::string& path, const Unreadable& unreadable, bool skipped) {
  std::string text;
  if (!path.empty()) text = fmt::format("{}:{}: ", path, unreadable.line);
  text += unreadable.field;
  if (!unreadable.expression.empty()) text += fmt::format(" = {}", util::excerpt(unreadable.expression));
  text += " is not statically readable";
  const bool changed = unreadable.changed_line > 0;
  if (changed)
    text += fmt::format(" ({} is changed on line {}, so only running the file tells its value)",
                        unreadable.changed_name, unreadable.changed_line);
  else if (unreadable.culprit != unreadable.expression && !unreadable.culprit.empty())
    text += fmt::format(" ({} is not a literal)", util::excerpt(unreadable.culprit));
  if (skipped) return fmt::format("{}; loaded with {} empty (--skip-unreadable)", text, unreadable.field);
  const auto or_skip = fmt::format("or pass --skip-unreadable to load {} as empty", unreadable.field);
  if (unreadable.culprit_is_name) {
    text += fmt::format("; give the value of {} in strata.toml [alembic.names]", util::excerpt(unreadable.culprit));
    if (unreadable.field != "revision") text += fmt::format(", {}", or_skip);
    return text;
  }
  if (changed && unreadable.field == "revision") return text + "; assign the revision id once, as a string literal";
  if (changed) return fmt::format("{}; assign it once, as a literal, {}", text, or_skip);
  if (unreadable.field == "revision") return text + "; write the revision id as a string literal";
  return fmt::format("{}; write it as a literal, {}", text, or_skip);
}

}  // namespace strata::repo::detail
