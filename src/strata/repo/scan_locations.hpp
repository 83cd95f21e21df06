#pragma once
// The scanner behind scan_repository (which collects every problem, for `check`) and Repository::load (which
// stops at the first one, so a broken file fails fast).
#include "strata/repo/repository.hpp"

namespace strata::repo::detail {

enum class ScanMode { collect, stop_at_first };

// In `stop_at_first` mode a file that cannot be parsed is thrown as RepositoryError at once; fields the Alembic
// reader cannot evaluate are collected over all files and thrown at the end (RepositoryError for one, GraphError
// listing each for several).
Scan scan_locations(const RepositoryOptions& options, ScanMode mode);

// The message for a field the Alembic reader could not evaluate; `skipped` for the --skip-unreadable warning.
std::string unreadable_message(const std::string& path, const Unreadable& unreadable, bool skipped);

}  // namespace strata::repo::detail
