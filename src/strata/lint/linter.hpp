#pragma once
// strata lint as a library call: revisions of a repository (with the catalog replayed from their ancestors), or
// SQL files given by path. Returns findings; printing is the caller's.
#include <span>
#include <string_view>

#include "strata/graph/revision_graph.hpp"
#include "strata/lint/finding.hpp"
#include "strata/lint/options.hpp"
#include "strata/repo/repository.hpp"

namespace strata::lint {

// Lints the `selected` revisions (Alembic .py revisions have no SQL to lint and are skipped). A table is "new" for a
// statement when its own revision created it, or, with `pending_run`, another selected revision that is its ancestor
// (the revisions deployed together: `--against REF`). Everything else the ancestors created is existing.
LintResult lint_repository(const repo::Repository& repository, std::span<const graph::RevIndex> selected,
                           bool pending_run, const Options& options);

// Lints one file given by path that is not part of the repository: a native migration file (with its header), or
// plain SQL (one section, run in a transaction).
LintResult lint_file(std::string_view text, std::string_view path, const Options& options);

}  // namespace strata::lint
