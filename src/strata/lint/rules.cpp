#include "strata/lint/rules.hpp"

namespace strata::lint {

std::string_view level_name(Level level) noexcept {
  switch (level) {
    case Level::off: return "off";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "warning";
}

bool LintResult::has_errors() const noexcept {
  for (const auto& finding : findings)
    if (finding.level == Level::error) return true;
  return false;
}

const std::vector<RuleInfo>& rule_catalog() {
  using enum Level;
  using enum RuleEngine;
  // Errors are what fails at run time or loses data; warnings are what locks or breaks clients and has a safe form.
  static const std::vector<RuleInfo> catalog{
      {"adding-field-with-default", warning, postgres, false, "ADD COLUMN with a volatile default rewrites the table"},
      {"adding-foreign-key-constraint", warning, postgres, false,
       "a validated foreign key blocks writes on both tables"},
      {"adding-not-nullable-field", warning, postgres, false, "SET NOT NULL scans the table under ACCESS EXCLUSIVE"},
      {"adding-required-field", warning, postgres, false, "ADD COLUMN NOT NULL without a default fails on rows"},
      {"adding-serial-primary-key-field", warning, postgres, false,
       "ADD PRIMARY KEY builds an index under ACCESS EXCLUSIVE"},
      {"ban-alter-domain-with-add-constraint", warning, postgres, false,
       "ALTER DOMAIN ADD CONSTRAINT rechecks every column"},
      {"ban-char-field", warning, postgres, false, "char(n) pads with blanks"},
      {"ban-concurrent-index-creation-in-transaction", error, postgres, false,
       "CONCURRENTLY cannot run in a transaction"},
      {"ban-create-domain-with-constraint", warning, postgres, false, "domain constraints are hard to change later"},
      {"ban-drop-column", warning, postgres, false, "dropping a column breaks clients that still use it"},
      {"ban-drop-database", warning, postgres, false, "DROP DATABASE in a migration"},
      {"ban-drop-not-null", warning, postgres, false, "dropping NOT NULL breaks clients that expect a value"},
      {"ban-drop-table", warning, postgres, false, "dropping a table breaks clients that still use it"},
      {"ban-duplicate-column-assignments", error, postgres, false, "a column named twice in one statement"},
      {"ban-truncate-cascade", warning, postgres, false, "TRUNCATE CASCADE empties every referencing table"},
      {"ban-uncommitted-transaction", error, postgres, false, "BEGIN without COMMIT or ROLLBACK"},
      {"changing-column-type", warning, postgres, false, "ALTER COLUMN TYPE rewrites the table"},
      {"constraint-missing-not-valid", warning, postgres, false, "a validated constraint scans under a blocking lock"},
      {"disallowed-unique-constraint", warning, postgres, false,
       "a UNIQUE constraint builds its index under ACCESS EXCLUSIVE"},
      {"identifier-too-long", error, postgres, false, "PostgreSQL silently truncates names over 63 bytes"},
      {"prefer-bigint-over-int", warning, postgres, false, "32-bit integer columns run out"},
      {"prefer-bigint-over-smallint", warning, postgres, false, "16-bit integer columns run out"},
      {"prefer-identity", warning, postgres, false, "serial instead of an identity column"},
      {"prefer-robust-stmts", warning, postgres, false, "a statement outside a transaction that cannot be re-run"},
      {"prefer-text-field", warning, postgres, false, "varchar(n) needs ACCESS EXCLUSIVE to change its size"},
      {"prefer-timestamptz", warning, postgres, false, "timestamp without time zone"},
      {"renaming-column", warning, postgres, false, "renaming a column breaks running clients"},
      {"renaming-table", warning, postgres, false, "renaming a table breaks running clients"},
      {"require-concurrent-index-creation", warning, postgres, false,
       "CREATE INDEX without CONCURRENTLY blocks writes"},
      {"require-concurrent-index-deletion", warning, postgres, false,
       "DROP INDEX without CONCURRENTLY blocks the table"},
      {"require-concurrent-partition-detach", warning, postgres, false, "DETACH PARTITION without CONCURRENTLY"},
      {"require-concurrent-reindex", warning, postgres, false, "REINDEX without CONCURRENTLY blocks writes"},
      {"require-enum-value-ordering", warning, postgres, false, "ADD VALUE without BEFORE or AFTER"},
      {"require-lock-timeout", warning, postgres, false, "a blocking lock with no lock_timeout set"},
      {"require-statement-timeout", warning, postgres, false, "a slow statement with no statement_timeout set"},
      {"require-table-schema", warning, postgres, true, "a table name without its schema"},
      {"transaction-nesting", error, postgres, false, "BEGIN or COMMIT inside a transaction"},
      {"syntax-error", error, any, false, "the SQL does not parse"},
      {"non-idempotent", warning, postgres, false, "a transaction: none statement that fails when re-run"},
      {"down-missing", warning, any, false, "an up section that changes the schema has no down section"},
      {"down-empty", warning, any, false, "the down section has no statements"},
      {"down-not-inverse", warning, any, false, "the down section does not drop what the up section creates"},
      {"unused-ignore", warning, any, false, "an ignore directive that matched nothing"},
      {"sqlite-alter-unsupported", error, sqlite, false, "an ALTER TABLE form the target SQLite lacks"},
      {"sqlite-drop-column-blocked", error, sqlite, false, "DROP COLUMN of an indexed, key, view or trigger column"},
      {"sqlite-add-column-forbidden", error, sqlite, false, "ADD COLUMN with a default or constraint SQLite refuses"},
      {"sqlite-foreign-keys-in-transaction", error, sqlite, false, "PRAGMA foreign_keys is a no-op in a transaction"},
      {"sqlite-not-in-transaction", error, sqlite, false, "VACUUM or PRAGMA journal_mode inside a transaction"},
      {"sqlite-transaction-control", error, sqlite, false, "BEGIN or COMMIT inside a transactional migration"},
      {"sqlite-statement-fails", error, sqlite, false, "SQLite rejects the statement"},
  };
  return catalog;
}

const RuleInfo* find_rule(std::string_view id) {
  if (id == "prefer-timestamp-tz") id = "prefer-timestamptz";
  for (const auto& rule : rule_catalog())
    if (rule.id == id) return &rule;
  return nullptr;
}

std::vector<std::string_view> expand_rule_name(std::string_view name) {
  if (name == "require-timeout-settings") return {"require-lock-timeout", "require-statement-timeout"};
  if (const auto* rule = find_rule(name)) return {rule->id};
  return {};
}

}  // namespace strata::lint
