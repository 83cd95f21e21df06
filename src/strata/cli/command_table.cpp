#include "strata/cli/command_table.hpp"

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/commands/database_commands.hpp"

namespace strata::cli {

const std::vector<CommandInfo>& command_table() {
  using namespace commands;
  static const std::vector<CommandInfo> table{
      {"init", {}, "create strata.toml and an empty migrations folder", Needs::nothing, setup_init},
      {"revision", {"new"}, "write a new migration file", Needs::repository, setup_revision},
      {"merge", {}, "write a revision that merges heads", Needs::repository, setup_merge},
      {"heads", {}, "show the head revisions", Needs::repository, setup_heads},
      {"bases", {}, "show the base revisions", Needs::repository, setup_bases},
      {"branches", {}, "show branch points and the revisions that branch from them", Needs::repository,
       setup_branches},
      {"history", {}, "list revisions, newest first (-r RANGE to choose)", Needs::repository, setup_history},
      {"show", {}, "show a revision's full entry", Needs::repository, setup_show},
      {"graph", {}, "draw the revision graph (Graphviz dot or Mermaid)", Needs::repository, setup_graph},
      {"check", {}, "list every problem of the files and the graph; exit 1 if any", Needs::repository,
       setup_check},
      {"squash", {}, "replace a run of revisions by one (FIRST..LAST -m MSG), or --finalize SQUASH",
       Needs::repository, setup_squash},
      {"rebase", {}, "move a branch of unapplied revisions onto another revision (REV --onto TARGET)",
       Needs::repository, setup_rebase},
      {"report", {}, "totals, heads, merges and labels; --against REF: side by side with a git revision",
       Needs::repository, setup_report},
      {"lint", {}, "check migration SQL for locks, breaking changes and engine pitfalls; exit 1 on errors",
       Needs::nothing, setup_lint},
      {"plan", {}, "print the steps of an upgrade or downgrade, without a database", Needs::repository,
       setup_plan},
      {"upgrade", {}, "apply pending migrations to a database (default target: head)", Needs::database,
       setup_upgrade},
      {"downgrade", {}, "roll a database back to a target revision", Needs::database, setup_downgrade},
      {"current", {}, "show a database's current heads", Needs::database, setup_current},
      {"status", {}, "show a database's heads, pending revisions, mismatches and dirty state", Needs::database,
       setup_status},
      {"stamp", {}, "record revisions as applied without running them", Needs::database, setup_stamp},
      {"rehash", {}, "re-record the checksums of applied revisions from their files (never moves the database)",
       Needs::database, setup_rehash},
      {"resolve", {}, "clear a dirty `transaction: none` migration (--resume, --applied, --rolled-back)",
       Needs::database, setup_resolve},
      {"adopt-alembic", {}, "initialise strata's version store from an existing alembic_version table",
       Needs::database, setup_adopt_alembic},
      {"schema", {}, "show the schema a database holds (--format text, sql or json)", Needs::config, setup_schema},
      {"config", {}, "print the effective settings and where each came from", Needs::config, setup_config},
      {"completion", {}, "print a completion script for bash, zsh or fish", Needs::nothing, setup_completion},
      {"man-page", {}, "print strata's manual page (roff, one section per command)", Needs::nothing,
       setup_man_page},
      {"diff", {}, "compare two schemas (database URL, revision:TARGET or .sql file); exit 1 if they differ",
       Needs::config, setup_diff},
      {"drift", {}, "compare a database's schema with what its recorded revisions produce; exit 1 on drift",
       Needs::database, setup_drift},
      {"identify", {}, "find the revision(s) a database's schema matches, whatever its version table says",
       Needs::database, setup_identify},
      {"adopt", {}, "record a database as being at a revision, only if its schema matches it", Needs::database,
       setup_adopt},
      {"test", {}, "round-trip every migration up, down, up on scratch databases; exit 1 on any finding",
       Needs::database, setup_test},
  };
  return table;
}

}  // namespace strata::cli
