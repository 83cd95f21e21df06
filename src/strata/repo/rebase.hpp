#pragma once
// `rebase REV --onto TARGET`: the branch that starts at REV (REV and its descendants that are not ancestors of
// TARGET) moves so that REV revises TARGET instead of its old parent. Only REV's file changes, and in it only the
// `revises` line (native) or the `down_revision` literal and the docstring's `Revises:` line (Alembic).
#include <string>
#include <string_view>
#include <vector>

#include "strata/repo/repository.hpp"

namespace strata::repo {

struct RebaseEdit {
  graph::RevIndex revision = 0;
  graph::RevIndex onto = 0;
  std::vector<std::string> old_parents;
  std::vector<graph::RevIndex> moved;  // REV and what moves with it, load order
  std::string path;
  std::string text;  // REV's file with the new parent
};

// Checks and prepares; nothing is written. GraphError "rebase_onto_own_branch" when TARGET is REV or above it,
// "rebase_merge" when REV has several parents, "nothing_to_rebase" when REV already revises exactly TARGET;
// RepositoryError "not_a_plain_literal" for an Alembic `down_revision` that is not a plain string or None; plus
// every graph problem the result would have.
RebaseEdit plan_rebase(const Repository& repository, graph::RevIndex revision, graph::RevIndex onto);

// `text` of an Alembic revision with `down_revision` set to `parent` (a plain string literal or None is replaced
// in place, keeping its quote style) and the docstring's `Revises:` line updated. RepositoryError
// "not_a_plain_literal" naming path:line otherwise.
std::string with_alembic_down_revision(std::string_view text, std::string_view path, std::string_view parent);

}  // namespace strata::repo
