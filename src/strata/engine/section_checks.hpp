#pragma once
// The SQL of a plan's steps, checked before anything runs, so that a run never stops halfway on something the
// file already showed:
//   - every section to run splits into statements with the engine's own lexer (a NUL byte, an unterminated quote
//     or comment is a RepositoryError naming file:line);
//   - a transactional migration holds no statement that begins or ends a transaction (db::controls_transaction):
//     strata's own transaction around the migration and its version row is what makes it all-or-nothing;
//   - a down section to run has a statement, or says on its first line that it is empty on purpose
//     (`-- strata: no-op`).
#include "strata/db/url.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

// Throws RepositoryError (exit 3) with codes "unsplittable_sql", "nul_byte", "transaction_control",
// "empty_down_section" or "no_op_with_statements".
void check_sections(const repo::Repository& repository, const graph::Plan& plan, db::Engine engine);

}  // namespace strata::engine
