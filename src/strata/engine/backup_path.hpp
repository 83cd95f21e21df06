#pragma once
// `upgrade --backup PATH` over several databases: PATH holds `{db}`, replaced by each database's name, so that
// every database gets its own file.
#include <string>
#include <string_view>
#include <vector>

#include "strata/engine/database_selection.hpp"

namespace strata::engine {

inline constexpr std::string_view k_backup_placeholder = "{db}";

// `pattern` with every `{db}` replaced by `database` (the [databases.NAME] name, or "url" / "DATABASE_URL").
std::string backup_path_for(std::string_view pattern, std::string_view database);

// Refuses, before anything runs, a pattern that would give several databases the same file: UsageError (code
// "backup_needs_placeholder") when more than one database is selected and `pattern` has no `{db}`. `command` is the
// command line shown in the hint's example ("upgrade --all").
void require_backup_paths(std::string_view pattern, const std::vector<SelectedDatabase>& databases,
                          std::string_view command);

}  // namespace strata::engine
