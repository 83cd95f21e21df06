#include "strata/engine/backup_path.hpp"

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/backup.hpp"

namespace strata::engine {

std::string backup_path_for(std::string_view pattern, std::string_view database) {
  std::string path;
  std::size_t from = 0;
  while (true) {
    const auto at = pattern.find(k_backup_placeholder, from);
    path.append(pattern.substr(from, at - from));
    if (at == std::string_view::npos) return path;
    path.append(database);
    from = at + k_backup_placeholder.size();
  }
}

void require_backup_paths(std::string_view pattern, const std::vector<SelectedDatabase>& databases,
                          std::string_view command) {
  if (databases.size() < 2 || pattern.find(k_backup_placeholder) != std::string_view::npos) return;
  std::string example(pattern);
  const auto dot = example.rfind('.');
  const auto slash = example.rfind('/');
  const bool has_extension = dot != std::string::npos && dot > 0 && (slash == std::string::npos || dot > slash + 1);
  example.insert(has_extension ? dot : example.size(), "-{db}");
  throw UsageError(ErrorCode::backup_needs_placeholder,
                   fmt::format("--backup {} would be the backup file of {} databases; put {{db}} in the path, which "
                               "becomes each database's name; nothing was changed\nhint: strata {} --backup {}",
                               pattern, databases.size(), command, db::shell_quote(example)));
}

}  // namespace strata::engine
